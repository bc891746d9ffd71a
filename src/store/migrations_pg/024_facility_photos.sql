-- PostgreSQL form of migrations/024_facility_photos.sql (README.md: how the two sets correspond).
-- 024 — several photos of a facility (issue 11): facilities.photos, a JSON
-- array of file ids (FT_FILELIST, schema/entities_resources.c).  The one
-- photo a facility had becomes the first of its photos; `photo` stays, read
-- and written as before, and is kept the first of `photos` (the cover) by
-- domain/facility.c.  Each file of the list has its own file_refs row.
ALTER TABLE facilities ADD COLUMN photos text COLLATE "C";
UPDATE facilities SET photos = '["' || photo || '"]' WHERE photo IS NOT NULL;
-- SQLite: INSERT OR IGNORE; the same here is ON CONFLICT DO NOTHING.
INSERT INTO file_refs(entity, record_id, field, sha256)
  SELECT 'facilities', id, 'photos', photo FROM facilities WHERE photo IS NOT NULL
  ON CONFLICT DO NOTHING;
