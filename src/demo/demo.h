/*
 * demo.h — the demo data of `chanjiao serve --demo` and `make run`: the
 * four consortia of the news reports it was modelled on, with the
 * compositions they publish, their councils and agreements as reported,
 * and one demo account per
 * role.  Members the reports do not name get clearly synthetic names
 * (marked 示例/虚构).  Loaded through domain/record.c like any other
 * write, so the demo obeys every rule of the real register.
 */
#ifndef CJ_DEMO_H
#define CJ_DEMO_H

#include <stdio.h>

#include "domain/db.h"

/* Load everything in one transaction.  Fails (changing nothing) if the
 * database already holds consortia. */
int demo_load(db_conn *sc, err_t *e);
/* Print the demo accounts and their passwords. */
void demo_print_accounts(FILE *out);

#endif
