-- 033 — a large load's inserts pass the per-row triggers that would only
-- stand aside (issue 13: a 1 M-row demand import, 70 s on PostgreSQL).
--
-- During an import the store sums the running totals in memory
-- (store_bulk.c) and indexes the new rows at the commit (store_search.c),
-- yet demand_totals_insert ran a PL/pgSQL function for every row only to
-- read bulk_state and do nothing, and demand_fts_queue queued every row
-- in fts_queue, one insert each, for the commit to read back.  A 200 000-
-- row demand import spent 4.9 s in its COPYs with those triggers and 2.9 s
-- without them (bench/README.md, talent.sh, session 30).
--
-- The store now marks such a transaction itself (SET LOCAL, as store_begin
-- marks its writers for pg_data_version.sql): chanjiao.bulk_totals names
-- the table whose totals it sums (store_bulk_defer), chanjiao.search_
-- deferred the table whose new rows it indexes at the commit by their ids
-- (store_search_defer: the rows past the highest id before the load).  An
-- insert trigger's WHEN reads the mark, so in such a transaction the
-- function is not called at all; in any other — every other write, a psql
-- session — the mark is unset and the triggers run as before.  A trigger's
-- WHEN cannot read OLD in an INSERT trigger nor NEW in a DELETE trigger,
-- so demand_fts_queue is split: inserts (with the mark) and updates and
-- deletes (without: a load that changes rows it did not add queues them,
-- and a row it added and then changed is queued as well; the commit
-- indexes the new rows first and the queue after, which deletes a row's
-- document before writing it again).
DROP TRIGGER demand_totals_insert ON demand;
CREATE TRIGGER demand_totals_insert AFTER INSERT ON demand FOR EACH ROW
WHEN (NEW.status = 'published' AND NEW.deleted_at IS NULL
      AND current_setting('chanjiao.bulk_totals', true) IS DISTINCT FROM 'demand')
EXECUTE PROCEDURE demand_totals_insert();

DROP TRIGGER supply_totals_insert ON supply;
CREATE TRIGGER supply_totals_insert AFTER INSERT ON supply FOR EACH ROW
WHEN (NEW.deleted_at IS NULL
      AND current_setting('chanjiao.bulk_totals', true) IS DISTINCT FROM 'supply')
EXECUTE PROCEDURE supply_totals_insert();

DROP TRIGGER demand_fts_queue ON demand;
CREATE TRIGGER demand_fts_queue AFTER UPDATE OR DELETE ON demand
FOR EACH ROW EXECUTE PROCEDURE demand_fts_queue();
CREATE TRIGGER demand_fts_queue_insert AFTER INSERT ON demand FOR EACH ROW
WHEN (NEW.status = 'published' AND NEW.deleted_at IS NULL
      AND current_setting('chanjiao.search_deferred', true) IS DISTINCT FROM 'demand')
EXECUTE PROCEDURE demand_fts_queue();
