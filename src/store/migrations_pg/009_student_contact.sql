-- PostgreSQL form of migrations/009_student_contact.sql (README.md: how the two sets correspond).
-- 009 — a student's own contact details beside the school's record of
-- them (issue 14).  The student may change these, their skills and their
-- consent, and nothing else of the record (F_SELF_EDIT in
-- domain/entities_talent.c, checked in domain/record.c).
ALTER TABLE students ADD COLUMN phone text COLLATE "C";
ALTER TABLE students ADD COLUMN email text COLLATE "C";
