-- PostgreSQL form of migrations/018_files.sql (README.md: how the two sets correspond).
-- 018 — uploaded files (issue 11, documents): one row per distinct content,
-- named by the SHA-256 of its bytes (the file itself lives in the uploads
-- folder, UPLOADS/ab/abcdef…, domain/files.c), and which record field
-- names which file (file_refs), kept by domain/record.c in the transaction
-- of every write, so "who may read this file" is "who may read a record
-- that references it".  Agreements gain their signed scan.

CREATE TABLE files (
  sha256 text COLLATE "C" PRIMARY KEY, -- 64 lowercase hex digits: the file's id
  size bigint NOT NULL,
  content_type text COLLATE "C" NOT NULL, -- as served (from the detected kind)
  kind text COLLATE "C" NOT NULL, -- pdf / docx / xlsx / png / jpeg (core/filekind.c)
  name text COLLATE "C" NOT NULL, -- the name it was first uploaded under
  uploaded_by bigint NOT NULL,    -- user id
  org_id bigint,                  -- the uploader's unit (NULL: admin, secretariat without one)
  consortium_id bigint,           -- the uploader's consortium (a secretariat's), if any
  created_at text COLLATE "C" NOT NULL
);
CREATE INDEX files_created ON files(created_at);

-- Everyone who uploaded these bytes (the same file twice is one file, but
-- each uploader's unit may then reference it): the uploader reads a file
-- nobody references yet, and a record may name a file its writer's unit
-- uploaded.
CREATE TABLE file_uploaders (
  sha256 text COLLATE "C" NOT NULL,
  user_id bigint NOT NULL,
  org_id bigint,
  name text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (sha256, user_id)
);
CREATE INDEX file_uploaders_org ON file_uploaders(org_id, sha256);

CREATE TABLE file_refs (
  entity text COLLATE "C" NOT NULL,
  record_id bigint NOT NULL,
  field text COLLATE "C" NOT NULL,
  sha256 text COLLATE "C" NOT NULL,
  PRIMARY KEY (entity, record_id, field, sha256)
);
CREATE INDEX file_refs_sha ON file_refs(sha256);

ALTER TABLE agreements ADD COLUMN signed_scan text COLLATE "C";
