-- 027 — indexes for a large consortium's demand list (issue 13, "Scale":
-- an uncached list page with its exact total in ≤ 20 ms over 1 M rows).
--
-- store_entity_list pages with ORDER BY <sort> [DESC], id [DESC] LIMIT …
-- OFFSET … under "deleted_at IS NULL AND consortium_id = ?".  An index on
-- (consortium_id, <sort>, id) of the live rows hands the page over in
-- order, so neither the first page nor a deep one sorts a million rows.
-- The existing demand_consortium (consortium_id, period, status) could
-- not: status between period and id left every row of the top period to
-- be sorted.  Indexed are the default sort (-period) and the two sorts
-- the web list offers on its columns, headcount and job title.
--
-- The exact total is taken from demand_totals (003) for the published
-- rows, and counted only for the rest (drafts and closed rows, a few per
-- cent): demand_live_status holds the remainder's conditions — the
-- consortium, the status, the enterprise that sees its own drafts, and
-- the two commonest filters the totals are keyed by (period, kind) — so
-- that count mostly reads the index alone (store_entity.c,
-- total_from_totals).  Not occupation_code: each column after the status
-- spreads an import's inserts over more of the index, and with
-- (…, period, kind, occupation_code, enterprise_id) the rows of a 1 M-row
-- load took +7 s against +3.7 s now (+2 s without the enterprise).
--
-- Partial (WHERE deleted_at IS NULL, as every list's WHERE says): deleted
-- rows take no place.  The same indexes in migrations_pg/027.
--
-- The period index is created after the other two on purpose: SQLite
-- (no ANALYZE statistics) takes the last created of equally good indexes
-- for a list with q=, which reads every row of the consortium; in period
-- order those rows are read nearly in table order, in title or headcount
-- order at random — measured 2× slower over 1 M rows.
CREATE INDEX demand_live_title ON demand(consortium_id, job_title, id) WHERE deleted_at IS NULL;
CREATE INDEX demand_live_headcount ON demand(consortium_id, headcount, id) WHERE deleted_at IS NULL;
CREATE INDEX demand_live_period ON demand(consortium_id, period, id) WHERE deleted_at IS NULL;
CREATE INDEX demand_live_status ON demand(consortium_id, status, enterprise_id, period, kind)
  WHERE deleted_at IS NULL;
