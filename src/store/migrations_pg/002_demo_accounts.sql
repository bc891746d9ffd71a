-- PostgreSQL form of migrations/002_demo_accounts.sql (README.md: how the two sets correspond).
-- 002 — demo accounts work only while the server runs in demo mode.
-- The demo loader marks the accounts it creates; login and session
-- lookup refuse them when the server was started without --demo, so a
-- demo database put into production does not keep published passwords.
ALTER TABLE users ADD COLUMN is_demo bigint NOT NULL DEFAULT 0;

-- Expired and revoked sessions are purged at login.
CREATE INDEX sessions_expiry ON sessions(expires_at);
