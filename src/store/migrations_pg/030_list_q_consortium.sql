-- 030 — a list's ?q= reads one consortium's rows of the references q
-- names: see migrations/030_list_q_consortium.sql.
DROP INDEX demand_enterprise;
CREATE INDEX demand_enterprise ON demand(enterprise_id, consortium_id);
DROP INDEX demand_live_occupation;
CREATE INDEX demand_live_occupation ON demand(occupation_code, consortium_id) WHERE deleted_at IS NULL;
DROP INDEX demand_live_region;
CREATE INDEX demand_live_region ON demand(region_code, consortium_id) WHERE deleted_at IS NULL;
