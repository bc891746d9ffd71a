-- 014 — the technology service platform (issue 10): technology needs,
-- capabilities, core products, responses to needs, joint projects with
-- their milestones and outputs.  Column names are the field names of
-- schema/entities_tech.c.  Like the talent and outcome tables these carry
-- no FOREIGN KEY clauses: domain/record.c checks every reference in the
-- transaction of the write.  Every table has the revision of 010.
--
-- Indexes serve the filters the lists offer (consortium with status or
-- kind, the owning unit, the need a response or project answers, a
-- project's children) and the visibility narrowing of store_entity.c.

CREATE TABLE tech_needs (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  enterprise_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  keywords TEXT,                  -- joined by 、
  field TEXT NOT NULL,            -- vocabulary (F_VOCAB): tech_fields or a consortium option
  budget_min INTEGER,
  budget_max INTEGER,
  wanted_by TEXT,
  visibility TEXT NOT NULL,       -- public / members / secretariat
  status TEXT NOT NULL,           -- draft / published / in_progress / closed
  published_on TEXT,              -- first published (domain/tech.c)
  contact TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX tech_needs_consortium ON tech_needs(consortium_id, status, field);
CREATE INDEX tech_needs_enterprise ON tech_needs(enterprise_id);

CREATE TABLE capabilities (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  organization_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  keywords TEXT,
  fields TEXT,                    -- field codes joined by 、
  contact TEXT,
  visibility TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX capabilities_consortium ON capabilities(consortium_id, kind);
CREATE INDEX capabilities_organization ON capabilities(organization_id);

CREATE TABLE core_products (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  enterprise_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  chain_link TEXT NOT NULL,
  description TEXT,
  key_technologies TEXT,
  occupation_codes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX core_products_consortium ON core_products(consortium_id, chain_link);
CREATE INDEX core_products_enterprise ON core_products(enterprise_id);

CREATE TABLE need_responses (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  need_id INTEGER NOT NULL,
  enterprise_id INTEGER,          -- the need's (copied)
  organization_id INTEGER NOT NULL,
  capability_id INTEGER,
  approach TEXT NOT NULL,
  team TEXT,
  duration TEXT,
  price INTEGER,
  contact TEXT,
  status TEXT NOT NULL DEFAULT 'submitted',
  project_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX need_responses_need ON need_responses(need_id);
CREATE INDEX need_responses_organization ON need_responses(organization_id);
CREATE INDEX need_responses_enterprise ON need_responses(enterprise_id);
CREATE INDEX need_responses_consortium ON need_responses(consortium_id, status);

CREATE TABLE rd_projects (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  field TEXT,
  lead_id INTEGER NOT NULL,
  partner_ids TEXT,               -- JSON array of organisation ids
  need_id INTEGER,
  enterprise_id INTEGER,          -- the need's enterprise (copied)
  response_id INTEGER,
  agreement_id INTEGER,
  budget INTEGER,
  funds_received INTEGER,
  starts_on TEXT,
  ends_on TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX rd_projects_consortium ON rd_projects(consortium_id, status, kind);
CREATE INDEX rd_projects_lead ON rd_projects(lead_id);
CREATE INDEX rd_projects_need ON rd_projects(need_id);

CREATE TABLE rd_milestones (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  lead_id INTEGER,                -- the project's (copied)
  title TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_on TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX rd_milestones_project ON rd_milestones(project_id);
CREATE INDEX rd_milestones_due ON rd_milestones(consortium_id, due_on);

CREATE TABLE rd_outputs (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  lead_id INTEGER,
  kind TEXT NOT NULL,
  standard_level TEXT,
  title TEXT NOT NULL,
  identifier TEXT,
  date TEXT,
  value INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX rd_outputs_project ON rd_outputs(project_id);
CREATE INDEX rd_outputs_consortium ON rd_outputs(consortium_id, kind);

-- Search (GET /api/v1/search?kind=tech_needs|capabilities|core_products):
-- one FTS5 index, tokenized like demand_fts (cjk_bigram, 004), of the
-- title, text and keywords of every live need that is not a draft, every
-- live capability and core product.  rowid = consortium_id << 40 |
-- kind << 36 | id (kind 1 needs, 2 capabilities, 3 core products; ids below
-- 2^36), so one consortium's rows of one kind are one contiguous rowid
-- range FTS5 seeks to, newest first.  Who may see a need or capability
-- (its visibility) is decided at query time by a join with its table
-- (store_search.c), so a change of visibility takes effect at once.
-- Unlike demand_fts the index keeps its own copy of the text (a plain
-- FTS5 table): the tables are small beside demand, and a row is then
-- removed by its rowid alone, whatever its old values were.
CREATE VIRTUAL TABLE tech_fts USING fts5(title, body, keywords, tokenize = 'cjk_bigram');

CREATE TRIGGER tech_needs_fts_insert AFTER INSERT ON tech_needs
WHEN new.deleted_at IS NULL AND new.status <> 'draft' BEGIN
  INSERT INTO tech_fts(rowid, title, body, keywords)
  VALUES ((new.consortium_id << 40) | (1 << 36) | new.id, new.title, new.description, new.keywords);
END;
CREATE TRIGGER tech_needs_fts_update AFTER UPDATE ON tech_needs BEGIN
  DELETE FROM tech_fts WHERE rowid = (old.consortium_id << 40) | (1 << 36) | old.id;
  INSERT INTO tech_fts(rowid, title, body, keywords)
  SELECT (new.consortium_id << 40) | (1 << 36) | new.id, new.title, new.description, new.keywords
  WHERE new.deleted_at IS NULL AND new.status <> 'draft';
END;

CREATE TRIGGER capabilities_fts_insert AFTER INSERT ON capabilities
WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO tech_fts(rowid, title, body, keywords)
  VALUES ((new.consortium_id << 40) | (2 << 36) | new.id, new.title, new.description, new.keywords);
END;
CREATE TRIGGER capabilities_fts_update AFTER UPDATE ON capabilities BEGIN
  DELETE FROM tech_fts WHERE rowid = (old.consortium_id << 40) | (2 << 36) | old.id;
  INSERT INTO tech_fts(rowid, title, body, keywords)
  SELECT (new.consortium_id << 40) | (2 << 36) | new.id, new.title, new.description, new.keywords
  WHERE new.deleted_at IS NULL;
END;

CREATE TRIGGER core_products_fts_insert AFTER INSERT ON core_products
WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO tech_fts(rowid, title, body, keywords)
  VALUES ((new.consortium_id << 40) | (3 << 36) | new.id, new.name, new.description,
          new.key_technologies);
END;
CREATE TRIGGER core_products_fts_update AFTER UPDATE ON core_products BEGIN
  DELETE FROM tech_fts WHERE rowid = (old.consortium_id << 40) | (3 << 36) | old.id;
  INSERT INTO tech_fts(rowid, title, body, keywords)
  SELECT (new.consortium_id << 40) | (3 << 36) | new.id, new.name, new.description,
         new.key_technologies
  WHERE new.deleted_at IS NULL;
END;
