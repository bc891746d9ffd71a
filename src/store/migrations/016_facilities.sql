-- 016 — co-built, shared facilities (共建共享资源, issue 11): facilities,
-- their co-owners with roles, and bookings.  Column names are the field
-- names of schema/entities_resources.c.  No FOREIGN KEY clauses, like the
-- other registers: domain/record.c checks every reference in the write's
-- transaction.  Every table has the revision of 010.
--
-- A booking's times are kept twice: starts_at / ends_at as the API
-- answers them (always written with +08:00, China Standard Time) and
-- starts_utc / ends_utc normalised to UTC ("YYYY-MM-DDTHH:MM:SSZ"), which
-- the overlap sweep of an approval compares (domain/facility.c).  The
-- index (facility_id, starts_utc) serves that sweep: a booking lasts at
-- most 31 days, so the approved bookings overlapping a window are found
-- in one short range of it.

CREATE TABLE facilities (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  organization_id INTEGER NOT NULL,   -- the owning (lead) unit, who edits it
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  abroad INTEGER NOT NULL DEFAULT 0,  -- 境外
  address TEXT,
  region_code TEXT,                   -- GB/T 2260
  stations INTEGER NOT NULL,          -- 工位数
  open_hours_week INTEGER NOT NULL DEFAULT 40,
  equipment_value INTEGER,            -- yuan
  opened_on TEXT,
  status TEXT NOT NULL,               -- running / building / closed
  recognition_level TEXT,             -- national / provincial / municipal
  recognition_batch TEXT,
  recognition_body TEXT,
  recognition_date TEXT,
  description TEXT,
  photo TEXT,                         -- a file reference (sha256 of an uploaded PNG/JPEG)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX facilities_consortium ON facilities(consortium_id, kind);
CREATE INDEX facilities_organization ON facilities(organization_id);

CREATE TABLE facility_owners (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  facility_id INTEGER NOT NULL,
  owner_id INTEGER NOT NULL,          -- the facility's owning unit (copied)
  organization_id INTEGER NOT NULL,   -- the co-owner
  role TEXT NOT NULL,                 -- lead / co_builder / operator / user
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX facility_owners_facility ON facility_owners(facility_id);
CREATE INDEX facility_owners_organization ON facility_owners(organization_id);

CREATE TABLE facility_bookings (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL,
  facility_id INTEGER NOT NULL,
  organization_id INTEGER NOT NULL,   -- the booking unit
  owner_id INTEGER NOT NULL,          -- the facility's owning unit (copied)
  starts_at TEXT NOT NULL,            -- ISO 8601, +08:00
  ends_at TEXT NOT NULL,
  starts_utc TEXT NOT NULL,           -- the same instants in UTC, for the sweep
  ends_utc TEXT NOT NULL,
  stations INTEGER NOT NULL,
  people INTEGER,
  purpose TEXT NOT NULL,              -- teaching / training / exam / competition / research
  status TEXT NOT NULL,               -- requested / approved / rejected / done
  person_times INTEGER,               -- 实际培训人次, when done
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX facility_bookings_sweep ON facility_bookings(facility_id, starts_utc);
CREATE INDEX facility_bookings_consortium ON facility_bookings(consortium_id, status);
CREATE INDEX facility_bookings_organization ON facility_bookings(organization_id);
CREATE INDEX facility_bookings_owner ON facility_bookings(owner_id);
