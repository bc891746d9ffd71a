/*
 * cli.h — the `chanjiao` subcommands.  main.c dispatches on argv[1]; each
 * command parses its own options, prints errors to stderr in Chinese and
 * English and returns the process exit status (0 ok, 1 failed, 2 usage).
 */
#ifndef CJ_CLI_H
#define CJ_CLI_H

#include "domain/db.h"

int cli_serve(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_template(int argc, char **argv); /* cli_template.c */
int cli_routes(int argc, char **argv);
int cli_meta(int argc, char **argv); /* cli_meta.c */
int cli_demo(int argc, char **argv);
int cli_match(int argc, char **argv);
int cli_gap(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_report_annual(int argc, char **argv);
int cli_list(int argc, char **argv); /* cli_gap.c: the three lists */
int cli_round(int argc, char **argv);
int cli_privacy(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_store(int argc, char **argv);
int cli_restore(int argc, char **argv);
int cli_files(int argc, char **argv);      /* cli_files.c */
int cli_assessment(int argc, char **argv); /* cli_assessment.c */
int cli_authority(int argc, char **argv);  /* cli_authority.c */

/* Find "--name VALUE" in argv; NULL if absent.  "--name=VALUE" works too. */
const char *cli_opt(int argc, char **argv, const char *name);
/* Whether "--name" is present. */
int cli_flag(int argc, char **argv, const char *name);
/* Unknown options or missing values: prints the problem, returns 1. */
int cli_check_opts(int argc, char **argv, int first, const char *const *with_value,
                   const char *const *flags);
/* A command that works on an existing database: true, after saying so,
 * when path is a SQLite file that does not exist (a PostgreSQL URL is
 * checked by connecting to it). */
bool cli_db_missing(const char *path);
/* The end of a command: when rc != 0, print e's message (if it holds
 * one) as "chanjiao: MESSAGE"; clear e; close d (NULL: none).  Returns
 * the exit status, 0 when rc is 0, else 1. */
int cli_done(db *d, int rc, err_t *e);

#endif
