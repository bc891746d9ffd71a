-- 028 — indexes for ?q= on a large consortium's demand list: see
-- migrations/028_list_q_indexes.sql.
CREATE INDEX demand_live_occupation ON demand(occupation_code) WHERE deleted_at IS NULL;
CREATE INDEX demand_live_region ON demand(region_code) WHERE deleted_at IS NULL;
