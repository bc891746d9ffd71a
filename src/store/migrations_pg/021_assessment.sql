-- PostgreSQL form of migrations/021_assessment.sql (README.md: how the two sets correspond).
-- 021 — the year's assessment (issue 12): why a computed value is missing.
-- A measure that fails for an indicator (an unknown key, a bad parameter)
-- leaves that value null and its rag 'none'; the reason is kept here so
-- the answer can say it (domain/assessment.c), never a failed compute.
ALTER TABLE assessment_values ADD COLUMN error text COLLATE "C";
