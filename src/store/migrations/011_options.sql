-- 011 — option lists (字典): a consortium's own options for the enumerations
-- that are vocabulary (F_VOCAB fields: agreement types, meeting and training
-- kinds), on top of the shipped ones (issue 15).  `field` names the field it
-- extends as "entity.field"; `value` is the stable ASCII code stored in the
-- rows; label_zh / label_en are what people read and type.  Options are
-- deactivated, not deleted: rows that carry one keep showing it.
CREATE TABLE options (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  label_zh TEXT NOT NULL,
  label_en TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,  -- as every register row (010)
  deleted_at TEXT
);
CREATE UNIQUE INDEX options_value ON options(consortium_id, field, value) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX options_label ON options(consortium_id, field, label_zh) WHERE deleted_at IS NULL;
