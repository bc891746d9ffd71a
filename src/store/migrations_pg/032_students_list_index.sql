-- 032 — an index for a consortium's students list in student-number
-- order, which also answers a look-up by number in a consortium (so
-- students_number goes): see migrations/032_students_list_index.sql.
CREATE INDEX students_live_number ON students(consortium_id, student_no, id)
  WHERE deleted_at IS NULL;
DROP INDEX students_number;
