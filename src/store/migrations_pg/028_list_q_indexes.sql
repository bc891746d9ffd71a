-- 028 — indexes for ?q= on a large consortium's demand list: see
-- migrations/028_list_q_indexes.sql.  PostgreSQL chooses among indexes by
-- its statistics, so 027's period index is not made again here.
CREATE INDEX demand_live_enterprise ON demand(consortium_id, enterprise_id)
  WHERE deleted_at IS NULL;
CREATE INDEX demand_live_occupation ON demand(consortium_id, occupation_code)
  WHERE deleted_at IS NULL;
CREATE INDEX demand_live_region ON demand(consortium_id, region_code)
  WHERE deleted_at IS NULL;
