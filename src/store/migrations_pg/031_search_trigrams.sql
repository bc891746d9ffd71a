-- 031 — ?q= of a Latin word on a consortium's demand list through the
-- search index on PostgreSQL too (issue 13, "Scale": an uncached list page
-- with q= and its exact total in ≤ 20 ms; q=PLC took 17–26 ms at 10 000
-- rows a consortium, the LIKE reading every row of it).
--
-- SQLite's 029 gave demand_fts each word's ASCII trigrams behind a mark
-- byte no other token holds (src/store/fts_cjk.c, ascii_trigrams).  The
-- store now writes them into demand's tsvectors as well, each at its
-- word's position (store_search_pg.c, queue_kinds), and a list's q= of
-- three or more ASCII letters and digits asks for them as SQLite does:
-- the rows holding all of q's trigrams are candidates, each checked by
-- the LIKE (store_search.c, trigrams_match; store_entity.c, q_by_index).
--
-- The tsvectors are made in C, not in SQL: every published row is queued
-- here, and the commit that ends the migrations indexes the queue again
-- (store_sqlite.c, migrate; 025's fts_queue).  That reads every published
-- row once, in the first start of the new binary: a few minutes at 1 M
-- rows.  Until that commit the index keeps its rows as they were, so a
-- server of the release before, still running, searches as before.
INSERT INTO fts_queue
SELECT 0, (consortium_id << 40) | id FROM demand
WHERE status = 'published' AND deleted_at IS NULL;
