-- 003 — the talent supply–demand platform: the two national catalogues,
-- the major↔occupation crosswalk, demand, supply, students, and published
-- demand reports.  Column names are the field names of
-- domain/entities_talent.c.
--
-- Gap analysis must answer in milliseconds over millions of demand and
-- supply rows, so it never scans them: demand_totals and supply_totals
-- hold the sums it needs, kept exact by the triggers below on every
-- insert, update and (soft) delete, inside the same transaction as the
-- change itself.  A bulk import (store_bulk.c) sets bulk_state.active
-- inside its own transaction: the per-row triggers then stand aside and
-- the import adds its rows' sums once at the end (store_bulk_finish) —
-- the same totals for a tenth of the work.  No other connection ever sees
-- active = 1: it is set and cleared inside that one transaction.
--
-- The three big tables (demand, supply, students) carry no FOREIGN KEY
-- clauses: every write checks its consortium and organisation in
-- domain/record.c, in the same transaction, and the clauses would check
-- them a second time on every one of a million imported rows.

CREATE TABLE occupations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  parent_code TEXT,
  edition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX occupations_code ON occupations(code) WHERE deleted_at IS NULL;

CREATE TABLE majors (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  category TEXT,
  class TEXT,
  edition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX majors_code ON majors(code) WHERE deleted_at IS NULL;

-- consortium_id NULL: the shared crosswalk.  A consortium that has rows of
-- its own uses those instead (gap.c).
CREATE TABLE crosswalk (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER REFERENCES consortia(id),
  major_code TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  weight REAL,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX crosswalk_unique ON crosswalk(ifnull(consortium_id, 0), major_code, occupation_code)
  WHERE deleted_at IS NULL;

CREATE TABLE demand (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  enterprise_id INTEGER NOT NULL,
  occupation_code TEXT NOT NULL,
  job_title TEXT NOT NULL,
  kind TEXT NOT NULL,
  headcount INTEGER NOT NULL,
  education TEXT,
  skills TEXT,
  region_code TEXT,
  period INTEGER NOT NULL,
  pay_min INTEGER,
  pay_max INTEGER,
  description TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX demand_consortium ON demand(consortium_id, period, status);
CREATE INDEX demand_enterprise ON demand(enterprise_id);

CREATE TABLE supply (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  major_code TEXT NOT NULL,
  level TEXT NOT NULL,
  period INTEGER NOT NULL,
  enrolment INTEGER,
  graduates INTEGER NOT NULL,
  skills TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
-- One row per school, major, level and graduation year.
CREATE UNIQUE INDEX supply_unique ON supply(consortium_id, school_id, major_code, level, period)
  WHERE deleted_at IS NULL;

CREATE TABLE students (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  student_no TEXT NOT NULL,
  name TEXT NOT NULL,
  major_code TEXT NOT NULL,
  level TEXT NOT NULL,
  cohort INTEGER NOT NULL,
  skills TEXT,
  certificates TEXT,
  consent INTEGER NOT NULL DEFAULT 0,
  user_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX students_unique ON students(school_id, student_no) WHERE deleted_at IS NULL;
CREATE INDEX students_consortium ON students(consortium_id, major_code);
CREATE INDEX students_user ON students(user_id);

-- A published report is a snapshot: body holds the figures and rows as
-- they were when it was published, and is never recomputed.
CREATE TABLE demand_reports (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  period INTEGER NOT NULL,
  title TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX demand_reports_consortium ON demand_reports(consortium_id, period);

-- ---- running totals for gap analysis ---------------------------------

CREATE TABLE bulk_state (active INTEGER NOT NULL);
INSERT INTO bulk_state VALUES (0);

CREATE TABLE demand_totals (
  consortium_id INTEGER NOT NULL,
  period INTEGER NOT NULL,
  kind TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  headcount INTEGER NOT NULL,
  positions INTEGER NOT NULL,
  PRIMARY KEY (consortium_id, period, kind, occupation_code)
) WITHOUT ROWID;

CREATE TABLE supply_totals (
  consortium_id INTEGER NOT NULL,
  period INTEGER NOT NULL,
  major_code TEXT NOT NULL,
  graduates INTEGER NOT NULL,
  enrolment INTEGER NOT NULL,
  PRIMARY KEY (consortium_id, period, major_code)
) WITHOUT ROWID;

-- A demand row counts while it is published and not deleted.
CREATE TRIGGER demand_totals_insert AFTER INSERT ON demand
WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL AND (SELECT active FROM bulk_state) = 0
BEGIN
  INSERT INTO demand_totals VALUES (NEW.consortium_id, NEW.period, NEW.kind, NEW.occupation_code, NEW.headcount, 1)
  ON CONFLICT DO UPDATE SET headcount = headcount + excluded.headcount, positions = positions + 1;
END;

CREATE TRIGGER demand_totals_update AFTER UPDATE ON demand
WHEN (OLD.status = 'published' AND OLD.deleted_at IS NULL) OR (NEW.status = 'published' AND NEW.deleted_at IS NULL)
BEGIN
  UPDATE demand_totals SET headcount = headcount - OLD.headcount, positions = positions - 1
  WHERE OLD.status = 'published' AND OLD.deleted_at IS NULL
    AND consortium_id = OLD.consortium_id AND period = OLD.period AND kind = OLD.kind
    AND occupation_code = OLD.occupation_code;
  INSERT INTO demand_totals
  SELECT NEW.consortium_id, NEW.period, NEW.kind, NEW.occupation_code, NEW.headcount, 1
  WHERE NEW.status = 'published' AND NEW.deleted_at IS NULL
  ON CONFLICT DO UPDATE SET headcount = headcount + excluded.headcount, positions = positions + 1;
  DELETE FROM demand_totals WHERE positions = 0
    AND consortium_id = OLD.consortium_id AND period = OLD.period AND kind = OLD.kind
    AND occupation_code = OLD.occupation_code;
END;

CREATE TRIGGER supply_totals_insert AFTER INSERT ON supply
WHEN NEW.deleted_at IS NULL AND (SELECT active FROM bulk_state) = 0
BEGIN
  INSERT INTO supply_totals VALUES (NEW.consortium_id, NEW.period, NEW.major_code, NEW.graduates, ifnull(NEW.enrolment, 0))
  ON CONFLICT DO UPDATE SET graduates = graduates + excluded.graduates, enrolment = enrolment + excluded.enrolment;
END;

CREATE TRIGGER supply_totals_update AFTER UPDATE ON supply
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL
BEGIN
  UPDATE supply_totals SET graduates = graduates - OLD.graduates, enrolment = enrolment - ifnull(OLD.enrolment, 0)
  WHERE OLD.deleted_at IS NULL
    AND consortium_id = OLD.consortium_id AND period = OLD.period AND major_code = OLD.major_code;
  INSERT INTO supply_totals
  SELECT NEW.consortium_id, NEW.period, NEW.major_code, NEW.graduates, ifnull(NEW.enrolment, 0)
  WHERE NEW.deleted_at IS NULL
  ON CONFLICT DO UPDATE SET graduates = graduates + excluded.graduates, enrolment = enrolment + excluded.enrolment;
END;
