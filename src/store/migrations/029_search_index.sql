-- 029 — ?q= of a Latin word on a consortium's demand list through the
-- search index (issue 13, "Scale": an uncached list page with q= and its
-- exact total in ≤ 20 ms; q=PLC took 45–60 ms at 10 000 rows a
-- consortium, reading every row of it for the LIKE).
--
-- demand_fts is made again with the tokenizer's option ascii_trigrams
-- (src/store/fts_cjk.c): besides its tokens, each word of a published row
-- gives its ASCII trigrams behind a mark no other token holds, so
-- searches find what they found before.  A list's q= of ASCII letters and
-- digits (three or more) takes the rows holding all of q's trigrams as
-- candidates — a superset of what LIKE '%q%' finds — and checks each by
-- the LIKE (store_entity.c, q_by_index).
--
-- The index is contentless, so it cannot change tokenizer in place (a
-- row's 'delete' must give the tokens its insert gave): the table is
-- dropped and filled again from demand, as 004 filled it.  That reads
-- every published row once: about 1 s per 10 000 rows here, a few
-- minutes at 1 M.  The triggers of 004 name the table and need no change.
-- PostgreSQL's index is not used for q=; its 029 adds each document's
-- consortium to its tsvector, for the search.
DROP TABLE demand_fts;
CREATE VIRTUAL TABLE demand_fts USING fts5(
  job_title, description, skills,
  content = '', columnsize = 0, tokenize = 'cjk_bigram ascii_trigrams'
);
INSERT INTO demand_fts(demand_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO demand_fts(demand_fts, rank) VALUES ('automerge', 8);
INSERT INTO demand_fts(rowid, job_title, description, skills)
SELECT (consortium_id << 40) | id, job_title, description, skills FROM demand
WHERE status = 'published' AND deleted_at IS NULL ORDER BY 1;
