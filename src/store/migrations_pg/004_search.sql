-- 004 — full-text search over published demand (GET /api/v1/search);
-- PostgreSQL form of migrations/004_search.sql.
--
-- In SQLite demand_fts is a contentless FTS5 index of the job title,
-- description and skills of every published, live demand row, tokenized by
-- cjk_bigram (src/store/fts_cjk.c: every CJK character with the pair and
-- triple that start at it, ASCII words lower-cased) and kept by triggers.
--
-- What differs here, and why:
-- - PostgreSQL has no FTS5 and no CJK parser without an extension, and
--   the search must mean the same on both backends.  So the C store
--   tokenizes the row with the same cjk_bigram code and writes the result
--   as a tsvector: demand_fts is a plain table of (rowid, doc), searched
--   with phrase queries (tsquery <->) through the GIN index on doc.
-- - rowid holds the value SQLite's FTS rowid holds for the same row,
--   consortium_id << 40 | id, so the C code computes it once for both
--   backends and one consortium's rows are still one range of the key
--   (the primary key's btree answers `rowid BETWEEN c << 40 AND …`).
-- - No triggers: they would need the tokenizer, which lives in C.  The
--   store writes demand_fts in the transaction of every change to a
--   demand row that SQLite's triggers react to (demand_fts_insert, _update,
--   _delete in the SQLite file: enter or leave the published, live set,
--   or change an indexed value), and at the commit of an import.
-- - The FTS5 settings (columnsize, hashsize, automerge) have no
--   counterpart; the migration's re-index of existing demand rows has none
--   either: a PostgreSQL database is created empty, and `store copy` fills
--   demand_fts from C.
--
-- demand_fts_defer is kept as a table with the same meaning: an import
-- marks (inside its own transaction) that rows with ids above after_id are
-- indexed at its commit, in one pass, instead of row by row.

CREATE TABLE demand_fts (
  rowid bigint PRIMARY KEY,       -- consortium_id << 40 | demand.id
  doc tsvector NOT NULL           -- cjk_bigram tokens of job_title, description, skills
);
CREATE INDEX demand_fts_doc ON demand_fts USING gin (doc);

CREATE TABLE demand_fts_defer (after_id bigint NOT NULL);
