-- 013 — the GB/T 2260 administrative region codes (行政区划代码) as a third
-- shipped catalogue beside occupations and majors (issue 16): province,
-- prefecture city and county level, each with its parent and its full name
-- from the province down ("广西壮族自治区 柳州市 鱼峰区").  Loaded from
-- src/reference/regions_2021.csv into an empty table (io/catalog.c); a newer
-- edition is imported like the other catalogues.  Every region field
-- (organizations, consortia, demand …) is checked against the live codes.
CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  parent_code TEXT,
  full_name TEXT,
  edition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  revision INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX regions_code ON regions(code) WHERE deleted_at IS NULL;
CREATE INDEX regions_parent ON regions(parent_code) WHERE deleted_at IS NULL;
CREATE INDEX regions_level ON regions(level) WHERE deleted_at IS NULL;
