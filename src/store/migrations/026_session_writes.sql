-- 026: PostgreSQL's read replicas (issue 13) keep, per session, where the
-- primary's WAL stood after the session's last write (session_writes), so
-- that its reads wait for the replica or go to the primary.  A SQLite file
-- has no replica: nothing here.  The file keeps the numbering in step.
SELECT 1;
