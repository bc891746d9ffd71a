-- 017 — joint training (issue 11): programmes, courses, teaching
-- materials, teaching staff, secondments and cohorts.  Column names are
-- the field names of schema/entities_training.c.  Like the other
-- registers these carry no FOREIGN KEY clauses: domain/record.c and
-- domain/training.c check every reference in the transaction of the write.
-- Id lists (enterprise_ids, product_ids, student_ids) are JSON arrays.
--
-- Indexes serve the filters the lists offer (consortium with kind or
-- year, the owning unit) and the per-school figures of training-stats
-- (store_training.c), which group each table by consortium and school.

CREATE TABLE programs (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  major_codes TEXT,               -- joined by 、
  product_ids TEXT,               -- JSON array of core_products ids
  occupation_codes TEXT,          -- joined by 、
  enterprise_ids TEXT,            -- JSON array of organisation ids
  started_year INTEGER,
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX programs_consortium ON programs(consortium_id, school_id, level);

CREATE TABLE courses (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  code TEXT,
  kind TEXT NOT NULL,
  hours INTEGER,
  enterprise_ids TEXT,
  occupation_codes TEXT,
  skills TEXT,
  certificates TEXT,
  program_id INTEGER,
  year INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX courses_consortium ON courses(consortium_id, school_id, kind);
CREATE INDEX courses_program ON courses(program_id);

CREATE TABLE teaching_materials (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  isbn TEXT,
  publisher TEXT,
  year INTEGER,
  authors TEXT,
  enterprise_ids TEXT,
  course_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX teaching_materials_consortium ON teaching_materials(consortium_id, school_id, kind);
CREATE INDEX teaching_materials_course ON teaching_materials(course_id);

CREATE TABLE teaching_staff (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  organization_id INTEGER NOT NULL,
  name TEXT NOT NULL,             -- personal data (F_PRIVATE)
  kind TEXT NOT NULL,             -- teacher / mentor / part_time
  dual_qualified INTEGER,
  skill_level TEXT,
  field TEXT,
  gender TEXT,                    -- personal data (F_PRIVATE)
  years INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX teaching_staff_consortium ON teaching_staff(consortium_id, organization_id, kind);

CREATE TABLE secondments (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  direction TEXT NOT NULL,        -- to_enterprise / to_school
  staff_id INTEGER,               -- personal (F_PRIVATE)
  person_name TEXT,               -- personal (F_PRIVATE)
  home_id INTEGER NOT NULL,
  host_id INTEGER NOT NULL,
  starts_on TEXT,
  ends_on TEXT,
  days INTEGER NOT NULL,
  year INTEGER NOT NULL,
  content TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX secondments_consortium ON secondments(consortium_id, year, direction);
CREATE INDEX secondments_home ON secondments(home_id);
CREATE INDEX secondments_host ON secondments(host_id);

CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  kind TEXT NOT NULL,             -- order / apprenticeship / field_engineer
  name TEXT NOT NULL,
  school_id INTEGER NOT NULL,
  enterprise_id INTEGER NOT NULL,
  major_code TEXT,
  year INTEGER NOT NULL,
  size INTEGER NOT NULL,
  plan_file TEXT,                 -- a file reference (sha256 of an uploaded PDF/DOCX)
  student_ids TEXT,               -- JSON array of students ids (F_PRIVATE)
  students_listed INTEGER NOT NULL DEFAULT 0,
  demand_id INTEGER,
  match_round_id INTEGER,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX cohorts_consortium ON cohorts(consortium_id, year, kind);
CREATE INDEX cohorts_school ON cohorts(school_id);
CREATE INDEX cohorts_enterprise ON cohorts(enterprise_id);
CREATE INDEX cohorts_demand ON cohorts(demand_id);
