-- 001 — accounts, audit log and the consortium register.
-- Column names are the field names of domain/entities.c.  Every table has
-- created_at / updated_at (UTC, ISO 8601) and deleted_at for soft delete:
-- the register keeps its history, and the audit log points at rows that
-- must still be there.

CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT,
  type TEXT NOT NULL,
  credit_code TEXT,
  region_code TEXT,
  address TEXT,
  website TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  contact_email TEXT,
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX organizations_credit_code ON organizations(credit_code)
  WHERE credit_code IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX organizations_name ON organizations(name);
CREATE INDEX organizations_type ON organizations(type);

CREATE TABLE consortia (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  region_code TEXT,
  region_name TEXT,
  industry_focus TEXT,
  founded_on TEXT,
  description TEXT,
  is_public INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE memberships (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  role TEXT NOT NULL,
  term INTEGER,
  joined_on TEXT,
  left_on TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
-- A unit may hold several roles, but each role once per term.
CREATE UNIQUE INDEX memberships_unique ON memberships(consortium_id, organization_id, role, ifnull(term, 0))
  WHERE deleted_at IS NULL;
CREATE INDEX memberships_org ON memberships(organization_id);

CREATE TABLE charters (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  adopted_on TEXT,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX charters_version ON charters(consortium_id, version) WHERE deleted_at IS NULL;

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  term INTEGER,
  held_on TEXT NOT NULL,
  place TEXT,
  status TEXT NOT NULL,
  minutes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX meetings_consortium ON meetings(consortium_id);

CREATE TABLE agenda_items (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  seq INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  threshold TEXT NOT NULL,
  base TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id);

CREATE TABLE votes (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id),
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  choice TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
-- One vote per unit per motion.
CREATE UNIQUE INDEX votes_unique ON votes(agenda_item_id, organization_id) WHERE deleted_at IS NULL;

CREATE TABLE work_plan_items (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  owner_org_id INTEGER REFERENCES organizations(id),
  due_on TEXT,
  status TEXT NOT NULL,
  progress INTEGER,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX work_plan_items_consortium ON work_plan_items(consortium_id, year);

CREATE TABLE agreements (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  parties TEXT NOT NULL,          -- JSON array of organisation ids
  signed_on TEXT,
  starts_on TEXT,
  ends_on TEXT,
  scope TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX agreements_consortium ON agreements(consortium_id, type);

CREATE TABLE policies (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  publisher_org_id INTEGER NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  doc_number TEXT,
  level TEXT,
  issued_on TEXT,
  url TEXT,
  summary TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  publisher_org_id INTEGER NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  category TEXT,
  funding INTEGER,
  apply_by TEXT,
  project_status TEXT,
  summary TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE announcements (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  published_on TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  organization_id INTEGER REFERENCES organizations(id),
  consortium_id INTEGER REFERENCES consortia(id),
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX users_username ON users(username) WHERE deleted_at IS NULL;

-- Sessions are looked up by a hash of the token, so a stolen database
-- does not hand out live tokens.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  action TEXT NOT NULL,           -- create | update | delete | login | logout | import
  entity TEXT NOT NULL,
  entity_id INTEGER,
  consortium_id INTEGER,
  before TEXT,                    -- JSON
  after TEXT                      -- JSON
);
CREATE INDEX audit_log_consortium ON audit_log(consortium_id, id);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT
);
