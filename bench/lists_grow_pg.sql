-- lists_grow_pg.sql — issue 13's scale on PostgreSQL without copying a
-- 13 GB SQLite file: the file of `ROWS=1000000 CONSORTIA=100 BENCH_KEEP=1
-- bash bench/lists.sh` (1 M demand rows over consortia 1–100) copied into
-- PostgreSQL with `chanjiao store copy --from … --to "$PG_URL"`, grown to 10 M rows over 1 000 consortia, each new
-- consortium b·100 + c a copy of consortium c (b = 1…9): its memberships,
-- demand rows (ids + b·10⁶), running totals and search documents (the
-- #c lexeme replaced).  Written consortium by consortium, as one
-- consortium's import writes them, so each consortium's documents lie
-- together.  The secretariat account is moved to consortium 500.
--
--   psql "$PG_URL" -f bench/lists_grow_pg.sql   # ~20 min, 27 GB
--   CID=500 CONSORTIA=1000 ROWS=10000000 DB=… PG_URL=… SQLITE_BENCH=0 bash bench/lists.sh
--
-- Needs a superuser (session_replication_role: the triggers would queue
-- every document and count every row again).  Not part of any test.
\timing on
SET session_replication_role = replica;
SET maintenance_work_mem = '1GB';
CREATE TEMP TABLE ix AS SELECT indexname, indexdef FROM pg_indexes
  WHERE tablename IN ('demand', 'demand_fts') AND indexname NOT IN ('demand_pkey', 'demand_fts_pkey');
DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexname FROM ix LOOP EXECUTE 'DROP INDEX ' || r.indexname; END LOOP; END $$;
INSERT INTO consortia (id,name,short_name,kind,level,region_code,region_name,industry_focus,founded_on,description,is_public,created_at,updated_at,deleted_at,revision,lead_school_id,lead_enterprise_id,park,supporting_government_id,recognition_level,recognition_batch,recognized_on,recognized_by,parent_id)
SELECT id + b*100, name || ' ' || b, short_name,kind,level,region_code,region_name,industry_focus,founded_on,description,is_public,created_at,updated_at,deleted_at,revision,lead_school_id,lead_enterprise_id,park,supporting_government_id,recognition_level,recognition_batch,recognized_on,recognized_by,NULL
FROM consortia, generate_series(1, 9) b WHERE id <= 100 ORDER BY b, id;
INSERT INTO memberships (id,consortium_id,organization_id,role,term,joined_on,left_on,note,created_at,updated_at,deleted_at,revision)
SELECT id + b*10000, consortium_id + b*100, organization_id,role,term,joined_on,left_on,note,created_at,updated_at,deleted_at,revision
FROM memberships, generate_series(1, 9) b WHERE consortium_id <= 100 ORDER BY b, consortium_id, id;
INSERT INTO demand (id,consortium_id,enterprise_id,occupation_code,job_title,kind,headcount,education,skills,region_code,period,pay_min,pay_max,description,status,created_at,updated_at,deleted_at,revision)
SELECT id + b*1000000, consortium_id + b*100, enterprise_id,occupation_code,job_title,kind,headcount,education,skills,region_code,period,pay_min,pay_max,description,status,created_at,updated_at,deleted_at,revision
FROM demand, generate_series(1, 9) b WHERE id <= 1000000 ORDER BY b, consortium_id, id;
INSERT INTO demand_totals SELECT consortium_id + b*100, period, kind, occupation_code, headcount, positions
FROM demand_totals, generate_series(1, 9) b WHERE consortium_id <= 100;
INSERT INTO demand_fts (rowid, seg, doc)
SELECT (((rowid >> 40) + b*100) << 40) | ((rowid & 1099511627775) + b*1000000), seg,
       ts_delete(doc, '#c' || (rowid >> 40)) || array_to_tsvector(ARRAY['#c' || ((rowid >> 40) + b*100)])
FROM demand_fts, generate_series(1, 9) b WHERE rowid < (101::bigint << 40) ORDER BY b, rowid, seg;
DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexdef FROM ix LOOP EXECUTE r.indexdef; END LOOP; END $$;
SELECT setval(pg_get_serial_sequence('demand', 'id'), 10000001, false);
SELECT setval(pg_get_serial_sequence('memberships', 'id'), 100001, false);
SELECT setval(pg_get_serial_sequence('consortia', 'id'), 1001, false);
UPDATE users SET consortium_id = 500 WHERE username = 'bench_sec';
SELECT nextval('data_version');
VACUUM ANALYZE;
