-- 025 — the PostgreSQL search index's queue (migrations_pg/025_search_queue.sql).
--
-- Nothing changes in SQLite: its FTS5 triggers (004, 014) tokenize a row
-- themselves, in the statement that changes it.  PostgreSQL cannot run the
-- cjk_bigram tokenizer in a trigger, so there the triggers queue the rows
-- and the C store indexes them at the commit of the same transaction.  The
-- number is taken here too so that both backends count migrations alike.
SELECT 1;
