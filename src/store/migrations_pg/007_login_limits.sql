-- PostgreSQL form of migrations/007_login_limits.sql (README.md: how the two sets correspond).
-- 007 — sign-in limits that an attacker cannot make the server forget.
--
-- login_limits holds one failure counter per key: 'u:' + username (the
-- account, from every address), 'a:' + address (every account, from one
-- address) and 'p:' + username + ' ' + address (the pair).  A fixed table
-- in memory could be flooded with crafted usernames until an account's
-- counter was pushed out; rows here are removed only by age (store
-- prune: a day after their last failure), so the only way to clear a
-- counter is to wait, or to sign in with the right password.
--
-- login_known remembers where each account signed in successfully (for
-- 90 days): from a known address the right password is let through an
-- account or address limit that strangers have tripped (docs/security.md).
CREATE TABLE login_limits (
  key text COLLATE "C" PRIMARY KEY,
  failures bigint NOT NULL,
  window_start bigint NOT NULL,   -- unix seconds: first failure of the window
  last_at bigint NOT NULL         -- unix seconds: last failure
);
CREATE INDEX login_limits_last ON login_limits(last_at);

CREATE TABLE login_known (
  username text COLLATE "C" NOT NULL,
  addr text COLLATE "C" NOT NULL,
  last_success bigint NOT NULL,
  PRIMARY KEY (username, addr)
);
CREATE INDEX login_known_last ON login_known(last_success);
