-- 023 — the education / industry authority (issue 12): what an authority
-- unit oversees, and the policy package granted to a consortium.
--
-- An authority account (users.role = 'authority') belongs to a government
-- unit; authority_scopes says which consortia that unit oversees — every
-- consortium whose region_code starts with region_prefix (2, 4 or 6
-- digits: 45 = all of Guangxi), or one consortium by name.  Exactly one
-- of region_prefix and consortium_id is set (schema/entities_authority.c
-- checks it).  Platform admins write the scopes (domain/perm.c,
-- perm_authority_over, reads them).

CREATE TABLE authority_scopes (
  id INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  region_prefix TEXT,
  consortium_id INTEGER REFERENCES consortia(id),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX authority_scopes_org ON authority_scopes(organization_id) WHERE deleted_at IS NULL;

-- 政策包: what a government granted a consortium (finance, land, tax,
-- talent, other), with the amount and its unit, the year and the
-- document (文号) and its evidence.
CREATE TABLE policy_grants (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  kind TEXT NOT NULL,
  item TEXT NOT NULL,
  amount REAL,
  unit TEXT,
  year INTEGER NOT NULL,
  document TEXT,
  evidence TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX policy_grants_consortium ON policy_grants(consortium_id, year);
