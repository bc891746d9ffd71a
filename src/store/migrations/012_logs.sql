-- 012 — the logs users expect: a login log, and the operation (audit) log
-- with the client's address and the writes it refused.
--
-- login_log has one row per sign-in attempt, successful or not, and per
-- sign-out.  username is the name as typed (at most 64 bytes, api_auth.c),
-- user_id the account it named when there is one (NULL for an unknown
-- name); address is the client as server.c knows it (a trusted proxy's
-- X-Forwarded-For, else the peer); user_agent is cut to 256 bytes.
-- reason says why a failure failed (wrong_password, unknown_user,
-- rate_limited, disabled, demo_only); NULL on success.  Rows older than
-- the retention (chanjiao serve --log-days, 180 by default) are removed
-- when someone signs in (domain/auth.c).
CREATE TABLE login_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,               -- UTC, YYYY-MM-DDTHH:MM:SSZ
  event TEXT NOT NULL,            -- login | logout
  user_id INTEGER,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL DEFAULT '',
  ok INTEGER NOT NULL,
  reason TEXT
);
CREATE INDEX login_log_at ON login_log(at);
CREATE INDEX login_log_user ON login_log(user_id, id);

-- The address an audited action came from (NULL for the CLI and for
-- entries written before this migration), and the refused writes: action
-- 'refused', the attempted action in `after` ({"attempt": "update"}).
-- The partial index serves the per-account cap on refused entries
-- (domain/record.c, record_refused).
ALTER TABLE audit_log ADD COLUMN address TEXT;
CREATE INDEX audit_log_refused ON audit_log(user_id, at) WHERE action = 'refused';
