-- 015 — the three lists (三张清单, issue 10): 核心产品清单 (core products),
-- 技术需求清单 (technology needs) and 人才需求清单 (talent needs), each
-- published as a dated snapshot (domain/lists.c).
--
-- published_lists holds every list of every kind, so the three share one
-- id space and one listing.  A core-products or tech-needs list keeps its
-- rows in published_list_items: one row per record, its fields and the
-- names resolved at publication as a JSON array of values (the keys are
-- store_lists.c's, one list per kind).  One INSERT … SELECT writes
-- a list's rows with consecutive ids in the list's order (the store
-- checks it), so the list records its first item id and a page of a
-- 100 k-row list is one rowid range — no sort key, no second index.
--
-- A talent-needs list IS a demand report (003): its rows and figures live
-- in demand_reports.body alone, and its published_lists row only points
-- at it (report_id).  The trigger below writes that row whenever a report
-- is inserted, whichever way it is published (POST …/lists,
-- POST …/demand-reports, `chanjiao report`), and the INSERT after it
-- gives the reports published before this migration theirs.  The copied
-- fields (title, period, publication) never change on either side.
CREATE TABLE published_lists (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  kind TEXT NOT NULL,             -- core_products / tech_needs / talent_needs
  period TEXT NOT NULL,           -- "2026" or "2026H1"
  title TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  first_item INTEGER,             -- published_list_items.id of row 1
  report_id INTEGER,              -- talent_needs: the demand report
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX published_lists_consortium ON published_lists(consortium_id, kind, published_at);
CREATE UNIQUE INDEX published_lists_report ON published_lists(report_id)
  WHERE report_id IS NOT NULL;

CREATE TABLE published_list_items (
  id INTEGER PRIMARY KEY,         -- first_item + 0, 1, 2, … in the list's order
  list_id INTEGER NOT NULL,
  body TEXT NOT NULL              -- the row as JSON
);

CREATE TRIGGER demand_reports_list AFTER INSERT ON demand_reports BEGIN
  INSERT INTO published_lists(consortium_id, kind, period, title, published_at, published_by,
                              item_count, report_id, created_at, updated_at)
  VALUES (new.consortium_id, 'talent_needs', CAST(new.period AS TEXT), new.title,
          new.published_at, new.published_by, ifnull(json_array_length(new.body, '$.items'), 0),
          new.id, new.created_at, new.updated_at);
END;

INSERT INTO published_lists(consortium_id, kind, period, title, published_at, published_by,
                            item_count, report_id, created_at, updated_at)
SELECT consortium_id, 'talent_needs', CAST(period AS TEXT), title, published_at, published_by,
       ifnull(json_array_length(body, '$.items'), 0), id, created_at, updated_at
FROM demand_reports WHERE deleted_at IS NULL ORDER BY id;

-- What a snapshot reads, in its order: the listed needs and the live core
-- products of a consortium by id, so publishing walks one index range
-- with no sort (bench/lists_publish.sh).
CREATE INDEX tech_needs_listed ON tech_needs(consortium_id, id)
  WHERE visibility = 'public' AND status IN ('published', 'in_progress') AND deleted_at IS NULL;
CREATE INDEX core_products_listed ON core_products(consortium_id, id) WHERE deleted_at IS NULL;
