-- PostgreSQL form of migrations/010_versions.sql (README.md: how the two sets correspond).
-- 010 — every register row carries its revision (issue 15): 1 when the
-- row is created, one more on every change the store writes (store_entity.c
-- and the hand-written UPDATEs of these tables).  GET answers it as the
-- ETag, PATCH and DELETE take it back in If-Match and answer 412 when the
-- row has moved on (domain/record.c).  Named "revision", not "version":
-- a charter's "version" is its edition number, set by people.
ALTER TABLE organizations ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE consortia ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE memberships ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE charters ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE agenda_items ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE votes ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE work_plan_items ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE agreements ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE policies ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE projects ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE announcements ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE occupations ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE majors ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE crosswalk ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE demand ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE supply ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE students ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE match_rounds ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE placements ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE employment_outcomes ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE certificates ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE trainings ADD COLUMN revision bigint NOT NULL DEFAULT 1;
