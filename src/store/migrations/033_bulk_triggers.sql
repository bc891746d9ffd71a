-- 033 — a large load's inserts pass PostgreSQL's per-row triggers that
-- would only stand aside (migrations_pg/033_bulk_triggers.sql).  Nothing
-- to do here: SQLite's triggers already test their WHEN without calling
-- anything, and a large load sets them aside (store_bulk_unindex).  The
-- file keeps the two lists of migrations one for one.
SELECT 1;
