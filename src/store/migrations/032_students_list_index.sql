-- 032 — an index for a consortium's students list (issue 13, "Scale": an
-- uncached list page with its exact total ≤ 20 ms at 1 000 consortia and
-- 10 M students; bench/students.sh).
--
-- The list pages with ORDER BY student_no, id (the entity's default sort)
-- under "deleted_at IS NULL AND consortium_id = ?", and for everyone but
-- the platform admin with the personal-data condition "the caller's
-- school, or the caller's own row, or a host's interns" (store_entity.c,
-- scope_where).  No index gave that order within a consortium: 006's
-- students_number is (student_no, consortium_id), for finding a student
-- by number.  PostgreSQL, expecting the consortium's rows to be spread
-- evenly through it, walked students_number for the 20 rows of a page and
-- read half of the instance's students before finding them: 43 ms for
-- the admin's first page, 0.23 s with cohort=2024, 0.29 s for a school's
-- q=王 and 0.31 s for a student's own row (one row in 10 M: the whole
-- index).  SQLite sorted the consortium's rows (2.6–3.7 ms at 10 000).
-- With this index each walks only its consortium's entries, in order.
--
-- Partial (WHERE deleted_at IS NULL, as every list's WHERE says), as
-- 027's demand indexes.  It also answers what students_number was for:
-- an import naming a student by number in its consortium
-- (store_entity_find_by: student_no = ? AND consortium_id = ? AND
-- deleted_at IS NULL), so that index goes, and an import of students
-- keeps the same number of indexes (on PostgreSQL one more took 2 s of a
-- 16 s import of 1 M students).  The same in migrations_pg/032.
CREATE INDEX students_live_number ON students(consortium_id, student_no, id)
  WHERE deleted_at IS NULL;
DROP INDEX students_number;
