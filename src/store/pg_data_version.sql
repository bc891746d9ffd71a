-- pg_data_version.sql — the data version of a PostgreSQL database, shared by
-- every server process on it (issue 13), so that each process's answer
-- cache (src/http/cache.c) drops what another process's write made old.
--
-- SQLite has PRAGMA data_version, which changes when another connection
-- commits.  Here it is the sequence data_version.  The store bumps it after
-- each COMMIT of its own write transactions (store_sqlite.c), so a reader
-- who read the version before that and cached what it saw finds a newer
-- version at its next read.  Every other write (a statement of the store
-- outside a transaction, psql, another program) bumps it from a
-- statement-level trigger on the table it writes; the store's transactions
-- mark themselves (SET LOCAL chanjiao.writer = 'store', store_begin) and
-- the triggers' WHEN skips them, so the thousands of statements of an
-- import or the demo call no function (that call cost the demo load a
-- quarter of its time).  A sequence is not transactional: its value moves
-- at once, without a row lock or a dead row version.  A reader racing
-- another program's statement and its commit keeps the old answer for at
-- most the cache's one second.
--
-- Not a migration: the store runs this on every open, after the migrations,
-- under the writers' lock (store_sqlite.c, pg_functions), so tables a new
-- migration adds get the trigger too.  The search index and its queue are
-- left out: they change only with the tables they index.
CREATE SEQUENCE IF NOT EXISTS data_version;

CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('data_version');
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = current_schema()
      AND c.relname NOT IN ('demand_fts', 'tech_fts', 'fts_queue')
      AND NOT EXISTS (SELECT 1 FROM pg_trigger g
                      WHERE g.tgrelid = c.oid AND g.tgname = 'data_version_bump')
  LOOP
    EXECUTE format('CREATE TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE '
                   'OR TRUNCATE ON %I FOR EACH STATEMENT WHEN (current_setting('
                   '''chanjiao.writer'', true) IS DISTINCT FROM ''store'') '
                   'EXECUTE PROCEDURE data_version_bump()', t);
  END LOOP;
END $$;
