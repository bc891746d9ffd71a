-- 026: read your writes with a read replica (serve --db-read, issue 13).
-- After a session's write the server notes here where the primary's WAL
-- stands (store_session_wrote); a read of that session goes to the replica
-- only once the replica has replayed that far.  A row goes with its session.
CREATE TABLE session_writes (
  token_hash text COLLATE "C" PRIMARY KEY REFERENCES sessions(token_hash) ON DELETE CASCADE,
  lsn pg_lsn NOT NULL
);
