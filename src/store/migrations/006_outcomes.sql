-- 006 — placements and outcomes: internship placements, graduate
-- employment, skill-level certificates and trainings.  Column names are
-- the field names of domain/entities_outcomes.c.
--
-- The outcome figures (store_outcomes.c) are sums by consortium and year
-- over a consortium's own rows — thousands, not millions — so they are
-- read from the tables through the (consortium_id, year) indexes, without
-- running totals.  Like the talent tables these carry no FOREIGN KEY
-- clauses: domain/record.c checks every reference, in the same
-- transaction as the write.

CREATE TABLE placements (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  student_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,      -- the student's school (copied from the student)
  enterprise_id INTEGER NOT NULL,  -- the host enterprise
  demand_id INTEGER,
  post TEXT,
  enterprise_mentor TEXT,
  school_supervisor TEXT,
  starts_on TEXT,
  ends_on TEXT,
  status TEXT NOT NULL,
  evaluation TEXT,
  score INTEGER,
  grade TEXT,
  year INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX placements_consortium ON placements(consortium_id, year);
CREATE INDEX placements_student ON placements(student_id);
CREATE INDEX placements_school ON placements(school_id);
CREATE INDEX placements_enterprise ON placements(enterprise_id);

CREATE TABLE employment_outcomes (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  major_code TEXT,
  kind TEXT NOT NULL,
  enterprise_id INTEGER,
  employer_name TEXT,
  occupation_code TEXT,
  headcount INTEGER NOT NULL,
  student_id INTEGER,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX employment_outcomes_consortium ON employment_outcomes(consortium_id, year);
CREATE INDEX employment_outcomes_school ON employment_outcomes(school_id);

CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  organization_id INTEGER NOT NULL,
  holder_name TEXT NOT NULL,
  student_id INTEGER,
  occupation_code TEXT NOT NULL,
  level TEXT NOT NULL,
  certificate_no TEXT,
  issuer TEXT,
  issued_on TEXT,
  year INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX certificates_consortium ON certificates(consortium_id, year);
CREATE INDEX certificates_organization ON certificates(organization_id);
-- A certificate number is registered once per consortium.
CREATE UNIQUE INDEX certificates_number ON certificates(consortium_id, certificate_no)
  WHERE certificate_no IS NOT NULL AND deleted_at IS NULL;

-- person_times_total is what the figures count: the person-times given,
-- or else participants × sessions (one session when not given).
CREATE TABLE trainings (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  provider_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  occupation_code TEXT,
  starts_on TEXT,
  ends_on TEXT,
  hours INTEGER,
  participants INTEGER NOT NULL,
  sessions INTEGER,
  person_times INTEGER,
  person_times_total INTEGER GENERATED ALWAYS AS
    (ifnull(person_times, participants * ifnull(sessions, 1))) VIRTUAL,
  year INTEGER NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX trainings_consortium ON trainings(consortium_id, year);
CREATE INDEX trainings_provider ON trainings(provider_id);

-- Imports name students by student number (学号), with or without the
-- school (store_student_resolve).
CREATE INDEX students_number ON students(student_no, consortium_id);
