// Uploaded files (issue 11): where a file is read, and its size in words.
// FileField.vue, EntityTable.vue and RecordPage.vue link to files by id.
import { API_BASE } from './api.js'

// GET /api/v1/files/{id}: the file, to whoever may read a record naming it.
export function fileUrl(id) { return `${API_BASE}/files/${encodeURIComponent(id)}` }
export function sizeText(n) { return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB` }
// Whether a file field takes images only (its thumbnails are shown).
export function imagesOnly(f) { return !!(f.kinds && f.kinds.length && f.kinds.every((k) => k === 'png' || k === 'jpeg')) }
