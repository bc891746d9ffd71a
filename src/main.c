/*
 * main.c — `chanjiao`: one binary for the server and the command line.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void usage(FILE *out)
{
    fputs("chanjiao — 产教联合体平台 (industry–education consortium platform)\n"
          "\n"
          "Usage: chanjiao COMMAND [OPTIONS]\n"
          "\n"
          "Commands:\n"
          "  serve --db FILE --listen HOST:PORT [--demo] [--threads N] [--no-cache] [--web DIR]\n"
          "        Serve the JSON API and the browser app (DIR, default web/dist) over the\n"
          "        database FILE; --demo loads the demo data\n"
          "        into a new, empty database and enables the demo accounts; --no-cache\n"
          "        builds every answer afresh (no per-thread answer cache).\n"
          "        --uploads DIR: where uploaded files are kept (default FILE.uploads/).\n"
          "        [--trusted-proxy ADDR[,ADDR...]] believe X-Forwarded-For/-Proto from these\n"
          "        reverse proxies; [--header-timeout S] seconds to send the headers (15).\n"
          "        [--db-read postgresql://REPLICA] send reads to a streaming replica of a\n"
          "        PostgreSQL --db (a session reads its own writes from the primary).\n"
          "  user add --db FILE --username U --role ROLE [--org ID] [--consortium ID]\n"
          "           [--display-name NAME]\n"
          "        Add an account; the password is read from standard input.\n"
          "        ROLE: platform_admin | secretariat | org_admin | org_staff | student\n"
          "  import organizations FILE --db DB\n"
          "  import members|demand|supply|students FILE --db DB --consortium ID\n"
          "  import placements|employment_outcomes|certificates|trainings FILE --db DB\n"
          "         --consortium ID\n"
          "  import crosswalk FILE --db DB [--consortium ID]\n"
          "  import occupations|majors|regions FILE --db DB --edition E\n"
          "        Import a .csv (UTF-8 or GB18030) or .xlsx file, all rows or none.\n"
          "  template KIND --out FILE [--format xlsx|csv] [--lang en]\n"
          "        Write the blank import template of KIND (drop-downs, a 说明 sheet).\n"
          "  gap --db DB --consortium ID --period P [--by occupation|major] [--kind K]\n"
          "      [--recommend [--expand X] [--shrink Y]] [--format table|csv|json]\n"
          "        Talent gap by occupation or major; --recommend: per-major advice.\n"
          "  report publish --db DB --consortium ID --period P [--title T]\n"
          "        Publish the dated demand report of a period (a snapshot).\n"
          "  list publish --db DB --consortium ID --kind core_products|tech_needs|talent_needs\n"
          "      --period P [--title T]\n"
          "        Publish one of the three lists (a dated snapshot; docs/tech.md).\n"
          "  demo --db FILE\n"
          "        Load the demo data into a new database and print the demo accounts.\n"
          "  round open|close-applications|close|run|publish --db DB --round ID\n"
          "  round export --db DB --round ID --dir DIR\n"
          "        Run a matching round's steps; export its lists as chanjiao match files.\n"
          "  privacy purge --db DB --years N [--dry-run] [--today YYYY-MM-DD]\n"
          "        Erase students who graduated N or more years ago (PIPL retention).\n"
          "  match --student-prefs S.csv --position-prefs P.csv --positions C.csv --out A.csv\n"
          "        [--optimal student|position] [--explain STUDENT]  Stable matching from files.\n"
          "  backup --db DB --to FILE [--uploads DIR]\n"
          "        Copy the database (while it is served) to FILE, checked, atomically;\n"
          "        --uploads: the uploaded files too, to FILE.uploads/ (default DB.uploads/\n"
          "        when it exists).\n"
          "  restore --from FILE --db DB [--uploads DIR] [--force]\n"
          "        Replace DB with the backup FILE (checked; refused while a server has DB\n"
          "        open unless --force); --uploads: FILE.uploads/ back into DIR.\n"
          "  store copy --from FILE.db --to postgresql://USER@HOST/DB\n"
          "  store copy --from postgresql://USER@HOST/DB --to FILE.db\n"
          "        Copy a whole database into a new one of the other kind (migrated, empty;\n"
          "        a file is created), in one transaction, checked table by table (rows,\n"
          "        SHA-256 of the values) before it commits.\n"
          "  files sweep --db DB [--uploads DIR] [--hours N]\n"
          "        Remove uploaded files no record names, older than N hours (default 24).\n"
          "  assessment create|compute|submit|show --db DB --consortium ID --year Y [--json]\n"
          "        The year's assessment: start, recompute, submit (freeze) or show it.\n"
          "  authority overview|indicators --db DB --as USERNAME [--year Y] [--format table|json]\n"
          "        The consortia an authority oversees side by side (docs/authority.md).\n"
          "  routes\n"
          "        Print every API route (METHOD PATH).\n"
          "  meta\n"
          "        Print the entity descriptions as JSON (GET /api/v1/meta/entities).\n"
          "  --help, help\n"
          "        This text.  See README.md and docs/ for more.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        puts("chanjiao 0.1.0");
        return 0;
    }
    if (!strcmp(cmd, "serve"))
        return cli_serve(argc, argv);
    if (!strcmp(cmd, "user"))
        return cli_user(argc, argv);
    if (!strcmp(cmd, "import"))
        return cli_import(argc, argv);
    if (!strcmp(cmd, "routes"))
        return cli_routes(argc, argv);
    if (!strcmp(cmd, "template"))
        return cli_template(argc, argv);
    if (!strcmp(cmd, "meta"))
        return cli_meta(argc, argv);
    if (!strcmp(cmd, "demo"))
        return cli_demo(argc, argv);
    if (!strcmp(cmd, "match"))
        return cli_match(argc, argv);
    if (!strcmp(cmd, "gap"))
        return cli_gap(argc, argv);
    if (!strcmp(cmd, "report"))
        return cli_report(argc, argv);
    if (!strcmp(cmd, "list"))
        return cli_list(argc, argv);
    if (!strcmp(cmd, "round"))
        return cli_round(argc, argv);
    if (!strcmp(cmd, "privacy"))
        return cli_privacy(argc, argv);
    if (!strcmp(cmd, "backup"))
        return cli_backup(argc, argv);
    if (!strcmp(cmd, "restore"))
        return cli_restore(argc, argv);
    if (!strcmp(cmd, "store"))
        return cli_store(argc, argv);
    if (!strcmp(cmd, "files"))
        return cli_files(argc, argv);
    if (!strcmp(cmd, "assessment"))
        return cli_assessment(argc, argv);
    if (!strcmp(cmd, "authority"))
        return cli_authority(argc, argv);
    fprintf(stderr, "chanjiao: 未知命令 (unknown command) '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
