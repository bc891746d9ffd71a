-- 025 — keeping the search indexes (demand_fts of 004, tech_fts of 014) on
-- PostgreSQL; SQLite's 025 changes nothing (its FTS5 triggers do this).
--
-- The tokenizer (cjk_bigram, src/store/fts_cjk.c) lives in C, so a trigger
-- cannot index a row.  Instead the triggers below put the index key (the
-- rowid of 004 and 014) of every row that enters, leaves or changes in
-- the indexed set into fts_queue, and the store, at the commit of the same
-- transaction (store_search_pg.c), deletes the queued keys from the index,
-- tokenizes the rows that are indexed now and writes them with COPY.  So
-- every write — entity routes, imports, the demo, a psql session followed
-- by any commit of the store — keeps the index, and a reader never sees a
-- change without its index entry.  The queue is empty between
-- transactions.
--
-- One row of the index per segment of a document: a tsvector holds
-- positions 1–16383 and at most 256 positions per lexeme, and a need's
-- text may have 20 000 characters.  The store cuts a document where either
-- limit would be passed, each segment overlapping the one before by 256
-- positions, so every phrase a query can hold (q has at most 200 bytes)
-- lies whole in one segment.  Hence (rowid, seg) as the key and DISTINCT
-- rowid in the searches.  The tables were never written before this
-- migration, so they are made again; the rows that exist are queued and
-- indexed at the end of the migration (store_sqlite.c, migrate).
DROP TABLE demand_fts;
CREATE TABLE demand_fts (
  rowid bigint NOT NULL,          -- consortium_id << 40 | demand.id
  seg integer NOT NULL,           -- 0, 1, …: the segment of the document
  doc tsvector NOT NULL,          -- cjk_bigram tokens of job_title, description, skills
  PRIMARY KEY (rowid, seg)
);
CREATE INDEX demand_fts_doc ON demand_fts USING gin (doc);

DROP TABLE tech_fts;
CREATE TABLE tech_fts (
  rowid bigint NOT NULL,          -- consortium_id << 40 | kind << 36 | id
  seg integer NOT NULL,
  doc tsvector NOT NULL,          -- cjk_bigram tokens of title, body (description), keywords
  PRIMARY KEY (rowid, seg)
);
CREATE INDEX tech_fts_doc ON tech_fts USING gin (doc);

-- tbl: 0 demand, 1 tech_needs, 2 capabilities, 3 core_products (the kind
-- of 014's rowid).
CREATE TABLE fts_queue (tbl smallint NOT NULL, rowid bigint NOT NULL);

-- As 004's demand_fts_insert, _update and _delete: the published, live
-- rows are indexed; an update that keeps a row in that set with the same
-- texts (headcount, pay) queues nothing.
CREATE FUNCTION demand_fts_queue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := false;
  now_in boolean := false;
BEGIN
  -- OLD and NEW are tested only where the operation has them (before
  -- PostgreSQL 11 the other one is unassigned, not NULL).
  IF TG_OP <> 'INSERT' THEN
    was := OLD.status = 'published' AND OLD.deleted_at IS NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    now_in := NEW.status = 'published' AND NEW.deleted_at IS NULL;
  END IF;
  IF was AND now_in THEN
    IF OLD.id = NEW.id AND OLD.consortium_id = NEW.consortium_id
       AND OLD.job_title IS NOT DISTINCT FROM NEW.job_title
       AND OLD.description IS NOT DISTINCT FROM NEW.description
       AND OLD.skills IS NOT DISTINCT FROM NEW.skills THEN
      RETURN NULL;
    END IF;
  END IF;
  IF was THEN
    INSERT INTO fts_queue VALUES (0, (OLD.consortium_id << 40) | OLD.id);
  END IF;
  IF now_in THEN
    INSERT INTO fts_queue VALUES (0, (NEW.consortium_id << 40) | NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER demand_fts_queue AFTER INSERT OR UPDATE OR DELETE ON demand
FOR EACH ROW EXECUTE PROCEDURE demand_fts_queue();

-- As 014's triggers: every insert and update re-indexes the row (the
-- store decides from the row whether it is indexed: live, and for needs
-- not a draft).  TG_ARGV[0] is the kind.
CREATE FUNCTION tech_fts_queue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k bigint := TG_ARGV[0]::bigint;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO fts_queue VALUES (k, (OLD.consortium_id << 40) | (k << 36) | OLD.id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO fts_queue VALUES (k, (NEW.consortium_id << 40) | (k << 36) | NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tech_needs_fts_queue AFTER INSERT OR UPDATE OR DELETE ON tech_needs
FOR EACH ROW EXECUTE PROCEDURE tech_fts_queue('1');
CREATE TRIGGER capabilities_fts_queue AFTER INSERT OR UPDATE OR DELETE ON capabilities
FOR EACH ROW EXECUTE PROCEDURE tech_fts_queue('2');
CREATE TRIGGER core_products_fts_queue AFTER INSERT OR UPDATE OR DELETE ON core_products
FOR EACH ROW EXECUTE PROCEDURE tech_fts_queue('3');

-- The rows that exist, indexed when the migrations are done.
INSERT INTO fts_queue
SELECT 0, (consortium_id << 40) | id FROM demand
WHERE status = 'published' AND deleted_at IS NULL;
INSERT INTO fts_queue SELECT 1, (consortium_id << 40) | (1::bigint << 36) | id FROM tech_needs;
INSERT INTO fts_queue SELECT 2, (consortium_id << 40) | (2::bigint << 36) | id FROM capabilities;
INSERT INTO fts_queue SELECT 3, (consortium_id << 40) | (3::bigint << 36) | id FROM core_products;
