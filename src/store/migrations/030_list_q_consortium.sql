-- 030 — a list's ?q= reads one consortium's rows of the references q
-- names (issue 13, "Scale").
--
-- q_by_index (store_entity.c) adds to a consortium's list the rows whose
-- enterprise, occupation or region is named by q, one branch each on the
-- field's index (003's demand_enterprise, 028's).  On the field alone, a
-- branch read that field's rows in every consortium: q=装调工 names five
-- occupations held by a quarter of a million rows over 100 consortia, and
-- the list took 0.3 s on SQLite and 1 s on PostgreSQL for the 2 500 of
-- them in its consortium.  Each index now has the consortium after the
-- field, and each branch asks for the list's consortium: it reads those
-- 2 500 rows.
--
-- The field first, not (consortium_id, field), which 028 says SQLite (no
-- ANALYZE statistics) would take to scan a consortium for a q the search
-- index cannot serve, in random order.  The same indexes in
-- migrations_pg/030.
DROP INDEX demand_enterprise;
CREATE INDEX demand_enterprise ON demand(enterprise_id, consortium_id);
DROP INDEX demand_live_occupation;
CREATE INDEX demand_live_occupation ON demand(occupation_code, consortium_id) WHERE deleted_at IS NULL;
DROP INDEX demand_live_region;
CREATE INDEX demand_live_region ON demand(region_code, consortium_id) WHERE deleted_at IS NULL;
