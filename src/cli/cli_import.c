/* TEMPORARY: replaced by the import helper. */
#include <stdio.h>
#include "cli/cli.h"
int cli_import(int argc, char **argv) { (void)argc; (void)argv; fputs("import: not written yet\n", stderr); return 1; }
