-- 019 — monitoring (issue 12): indicator frameworks as data, the year's
-- assessment of a consortium against one, and the consortium's own goals.
-- Column names are the field names of schema/entities_monitoring.c (the
-- registers indicator_frameworks, indicators, consortium_goals); the
-- assessment tables are kept by domain/assessment.c only.
--
-- A framework is a tree of indicators (level 1, 2, 3 by parent_id).  Each
-- indicator is either computed — `measure` names one of the fixed library
-- of measures (domain/measures.c) with `measure_params` a JSON object — or
-- reported by the secretariat with evidence files.  `direction` is how a
-- value meets its target: ge (at least), le (at most), eq (exactly).  A
-- veto item (否定性) failing makes the whole year fail.

CREATE TABLE indicator_frameworks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT,
  issuer TEXT,                    -- issuing body (教育部办公厅 …)
  version TEXT NOT NULL,
  effective_on TEXT,              -- YYYY-MM-DD
  applies_to TEXT NOT NULL,       -- city (市域产教联合体) / industry (行业产教融合共同体) / all
  status TEXT NOT NULL,           -- draft / active / retired
  amber_ratio REAL NOT NULL DEFAULT 0.8, -- a value within this share of its target is amber
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX indicator_frameworks_version ON indicator_frameworks(name, version)
  WHERE deleted_at IS NULL;

CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  framework_id INTEGER NOT NULL,
  parent_id INTEGER,              -- NULL for a first-level indicator
  level INTEGER NOT NULL,         -- 1, 2 or 3
  code TEXT NOT NULL,             -- "1", "1.2", "1.2.3" — unique in the framework
  name TEXT NOT NULL,
  name_en TEXT,
  observation TEXT,               -- 观测点
  unit TEXT,                      -- 个 / 人次 / % / 项 …
  direction TEXT NOT NULL DEFAULT 'ge', -- ge / le / eq
  weight REAL,
  veto INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT 'reported', -- computed / reported
  measure TEXT,                   -- a measure key when computed
  measure_params TEXT,            -- JSON object of the measure's parameters
  default_target REAL,            -- the framework's suggested target
  sort_order INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX indicators_code ON indicators(framework_id, code) WHERE deleted_at IS NULL;
CREATE INDEX indicators_parent ON indicators(framework_id, parent_id);

-- One assessment per consortium and year.  status: draft (values may be
-- recomputed, targets and reported values edited) → submitted (frozen;
-- nothing changes) → returned by the authority (editable again) or
-- reopened by the secretariat / an admin (editable again); every
-- submission is kept whole in assessment_versions.
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  framework_id INTEGER NOT NULL,
  status TEXT NOT NULL,           -- draft / submitted / returned / reopened
  cutoff_on TEXT NOT NULL,        -- YYYY-MM-DD: records up to this day count
  computed_at TEXT,               -- when the computed values were last taken
  submitted_at TEXT,
  submitted_by INTEGER,           -- user id
  version INTEGER NOT NULL DEFAULT 0, -- number of submissions so far
  result TEXT,                    -- pass / fail (a veto item failed) when computed
  score REAL,                     -- weighted share of green, 0–100
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX assessments_year ON assessments(consortium_id, year);

CREATE TABLE assessment_values (
  assessment_id INTEGER NOT NULL,
  indicator_id INTEGER NOT NULL,
  target REAL,
  target_set_by TEXT,             -- framework / secretariat / authority
  computed REAL,                  -- the measure's value at the cut-off
  drill TEXT,                     -- JSON: {"path": "/api/v1/…", "entity", "web"} listing the records counted
  reported REAL,                  -- the secretariat's value (reported indicators)
  evidence TEXT,                  -- JSON array of file ids (sha256)
  note TEXT,
  rag TEXT,                       -- green / amber / red / none (no target or no value)
  PRIMARY KEY (assessment_id, indicator_id)
) WITHOUT ROWID;

-- Every submission whole: the assessment with its values and branch
-- results as its JSON answer was when submitted.
CREATE TABLE assessment_versions (
  assessment_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  submitted_by INTEGER NOT NULL,
  snapshot TEXT NOT NULL,
  PRIMARY KEY (assessment_id, version)
) WITHOUT ROWID;

-- Comments on an assessment: the authority's review (action return sends
-- it back), the secretariat's replies.
CREATE TABLE assessment_comments (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL,
  version INTEGER,                -- the submission it is about
  user_id INTEGER NOT NULL,
  action TEXT NOT NULL,           -- comment / return / reopen
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX assessment_comments_assessment ON assessment_comments(assessment_id, id);

-- The consortium's own goals (free targets, e.g. Liuzhou's 3–4 practice
-- centres): progress is a measure's value when `measure` is set, else the
-- value the secretariat records.
CREATE TABLE consortium_goals (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  title_en TEXT,
  measure TEXT,
  measure_params TEXT,
  baseline REAL,
  target_min REAL NOT NULL,
  target_max REAL,                -- a range "3–4" is target_min 3, target_max 4
  unit TEXT,
  due_year INTEGER,
  manual_value REAL,
  source TEXT,                    -- where the goal was set (a report, a plan)
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX consortium_goals_consortium ON consortium_goals(consortium_id);
