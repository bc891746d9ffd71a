-- 031 — ?q= of a Latin word through the search index on PostgreSQL too.
-- SQLite's demand_fts has held each word's ASCII trigrams since 029; the
-- PostgreSQL form of this migration queues every published row so that
-- its tsvector gets them (migrations_pg/031_search_trigrams.sql).  Nothing
-- to do here: the file keeps the two lists of migrations one for one.
SELECT 1;
