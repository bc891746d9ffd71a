-- 028 — indexes for ?q= on a large consortium's demand list (issue 13,
-- "Scale": an uncached list page with q= and its exact total in ≤ 20 ms).
--
-- A list's q= of CJK characters takes the public rows' matches from the
-- search index (store_entity.c, q_by_index) and adds the rows whose
-- references name q: the enterprise, the occupation and the region whose
-- names hold it.  Each of those is one branch
--   SELECT id FROM demand WHERE deleted_at IS NULL AND consortium_id = ?
--     AND <field> IN (the records whose names hold q)
-- which these indexes answer with the matching records' rows alone;
-- without them each branch read every row of the consortium (6–7 s over
-- 1 M rows for q=焊装, three times over).  Most q= match no record's name,
-- and the branch then reads nothing.
--
-- demand_live_period (027) is made again after them on purpose: SQLite
-- (no ANALYZE statistics) takes the last created of equally good indexes
-- for a list whose q= cannot use the search index (a Latin word), which
-- reads every row of the consortium, and in period order those rows are
-- read nearly in table order (027).  The same indexes in
-- migrations_pg/028, without the remaking.
CREATE INDEX demand_live_enterprise ON demand(consortium_id, enterprise_id)
  WHERE deleted_at IS NULL;
CREATE INDEX demand_live_occupation ON demand(consortium_id, occupation_code)
  WHERE deleted_at IS NULL;
CREATE INDEX demand_live_region ON demand(consortium_id, region_code)
  WHERE deleted_at IS NULL;
DROP INDEX demand_live_period;
CREATE INDEX demand_live_period ON demand(consortium_id, period, id) WHERE deleted_at IS NULL;
