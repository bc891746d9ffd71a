-- PostgreSQL form of migrations/022_consortium_profile.sql (README.md: how the two sets correspond).
-- 022 — the consortium's profile (issue 12): what the notices make
-- defining — its lead school and lead enterprise (牵头单位), the industrial
-- park it rests on, the supporting government, its recognition (level,
-- batch, date, issuing body) and its parent consortium (上级联合体; the
-- children are the consortia naming it).  Column names are the field names
-- of schema/entities.c (consortium_fields); domain/profile.c checks that a
-- lead school is a school, a lead enterprise an enterprise, the government
-- a government unit, and that parents make no cycle.
ALTER TABLE consortia ADD COLUMN lead_school_id bigint REFERENCES organizations(id);
ALTER TABLE consortia ADD COLUMN lead_enterprise_id bigint REFERENCES organizations(id);
ALTER TABLE consortia ADD COLUMN park text COLLATE "C";
ALTER TABLE consortia ADD COLUMN supporting_government_id bigint REFERENCES organizations(id);
ALTER TABLE consortia ADD COLUMN recognition_level text COLLATE "C";
ALTER TABLE consortia ADD COLUMN recognition_batch text COLLATE "C";
ALTER TABLE consortia ADD COLUMN recognized_on text COLLATE "C";
ALTER TABLE consortia ADD COLUMN recognized_by text COLLATE "C";
ALTER TABLE consortia ADD COLUMN parent_id bigint REFERENCES consortia(id);
CREATE INDEX consortia_parent ON consortia(parent_id) WHERE deleted_at IS NULL;
