-- 004 — full-text search over published demand (GET /api/v1/search).
--
-- demand_fts is an FTS5 index of the job title, description and skills
-- of every published, live demand row, tokenized by cjk_bigram
-- (src/store/fts_cjk.c: every CJK character with the pair and triple
-- that start at it, ASCII words lower-cased).  The tokenizer is registered by the program on every
-- connection; a plain sqlite3 shell cannot read this table, nor write a
-- published demand row (the triggers below need the tokenizer).
--
-- Contentless (content=''): the text stays in demand only; the index
-- holds no copy.  A contentless table cannot look old values up, so the
-- triggers delete with the 'delete' command and the row's old values,
-- which are exactly what was indexed (every change to them passes through
-- the update trigger).
--
-- The consortium filter is the rowid: rowid = consortium_id << 40 | id
-- (ids below 2^40, consortia below 2^23).  Every doclist is in rowid
-- order, so one consortium's matches are one contiguous run of it that
-- FTS5 seeks to with `rowid BETWEEN c << 40 AND (c << 40) | (2^40 - 1)`:
-- count and pages read only that consortium's postings — no extra
-- consortium token to intersect with.  ORDER BY rowid DESC is newest
-- first within the consortium, straight from the index.
--
-- Bulk writes: FTS5 writes its in-memory terms to disk at every statement
-- savepoint, and every INSERT INTO demand (it has triggers) opens one —
-- so a trigger indexing each row of an import writes one tiny segment per
-- row and merges them over and over (measured on 100 k rows: 115 µs a
-- row, against 29 µs for the same rows indexed in one statement).
-- store_search_defer() therefore puts a mark in demand_fts_defer inside
-- the import's transaction: rows with ids above after_id are left to the
-- commit, when store_commit indexes them with one INSERT … SELECT (in
-- rowid order: FTS5 also writes out what it holds before a rowid lower
-- than the last) and removes the mark.  The mark never outlives its
-- transaction (a rollback takes it too), so other connections never see
-- it.
--
-- columnsize=0: no per-row token counts (they serve only bm25 ranking,
-- which we do not use).  hashsize/automerge: a bulk write (an import of a
-- million rows) flushes 64 MB segments and merges 8 at a time — measured
-- 1.8x faster to build than the defaults (1 MB, 4) on 300 k rows, with
-- the same query times.  The 64 MB are held only while a write
-- transaction indexes that much.

CREATE VIRTUAL TABLE demand_fts USING fts5(
  job_title, description, skills,
  content = '', columnsize = 0, tokenize = 'cjk_bigram'
);
INSERT INTO demand_fts(demand_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO demand_fts(demand_fts, rank) VALUES ('automerge', 8);

-- In rowid order: FTS5 writes out what it holds before taking a lower
-- rowid than the last, so an unordered bulk insert writes a segment per
-- row.
INSERT INTO demand_fts(rowid, job_title, description, skills)
SELECT (consortium_id << 40) | id, job_title, description, skills FROM demand
WHERE status = 'published' AND deleted_at IS NULL ORDER BY 1;

CREATE TABLE demand_fts_defer (after_id INTEGER NOT NULL);

CREATE TRIGGER demand_fts_insert AFTER INSERT ON demand
WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL
 AND NOT EXISTS (SELECT 1 FROM demand_fts_defer WHERE NEW.id > after_id)
BEGIN
  INSERT INTO demand_fts(rowid, job_title, description, skills)
  VALUES ((NEW.consortium_id << 40) | NEW.id, NEW.job_title, NEW.description, NEW.skills);
END;

-- Re-index when the row enters or leaves the published, live set or when
-- an indexed value changes; other updates (headcount, pay) leave it be.
CREATE TRIGGER demand_fts_update AFTER UPDATE ON demand
WHEN ((OLD.status = 'published' AND OLD.deleted_at IS NULL)
      OR (NEW.status = 'published' AND NEW.deleted_at IS NULL))
 AND NOT (OLD.status = 'published' AND OLD.deleted_at IS NULL
          AND NEW.status = 'published' AND NEW.deleted_at IS NULL
          AND OLD.id = NEW.id AND OLD.consortium_id = NEW.consortium_id
          AND OLD.job_title IS NEW.job_title AND OLD.description IS NEW.description
          AND OLD.skills IS NEW.skills)
BEGIN
  INSERT INTO demand_fts(demand_fts, rowid, job_title, description, skills)
  SELECT 'delete', (OLD.consortium_id << 40) | OLD.id, OLD.job_title, OLD.description, OLD.skills
  WHERE OLD.status = 'published' AND OLD.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM demand_fts_defer WHERE OLD.id > after_id);
  INSERT INTO demand_fts(rowid, job_title, description, skills)
  SELECT (NEW.consortium_id << 40) | NEW.id, NEW.job_title, NEW.description, NEW.skills
  WHERE NEW.status = 'published' AND NEW.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM demand_fts_defer WHERE NEW.id > after_id);
END;

CREATE TRIGGER demand_fts_delete AFTER DELETE ON demand
WHEN OLD.status = 'published' AND OLD.deleted_at IS NULL
 AND NOT EXISTS (SELECT 1 FROM demand_fts_defer WHERE OLD.id > after_id)
BEGIN
  INSERT INTO demand_fts(demand_fts, rowid, job_title, description, skills)
  VALUES ('delete', (OLD.consortium_id << 40) | OLD.id, OLD.job_title, OLD.description, OLD.skills);
END;
