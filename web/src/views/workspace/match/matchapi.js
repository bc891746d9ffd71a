// Matching rounds (双向选择): the round's life cycle, the secretariat's actions
// in status order, and small formatting helpers shared by the four pages
// (student, enterprise, school, secretariat). The server decides every step
// (status, deadlines, who may do what); the pages only offer what the status
// allows and show the server's answer when it says no.
import { api, enumOptions } from '../../../api.js'

export const STATUSES = ['draft', 'open', 'ranking', 'closed', 'matched', 'published']

// the secretariat's steps (POST /match-rounds/{id}/<action>) and the statuses
// each is allowed from: the matching may run again while not yet published
export const ACTIONS = [
  { action: 'open', from: ['draft'] },
  { action: 'close-applications', from: ['open'] },
  { action: 'close', from: ['ranking'] },
  { action: 'run', from: ['closed', 'matched'] },
  { action: 'publish', from: ['matched'] },
]

export const roundPath = (id, sub = '') => `/match-rounds/${id}${sub ? '/' + sub : ''}`

export function listRounds(consortiumId) {
  const q = new URLSearchParams({ per_page: '100', sort: '-id' })
  if (consortiumId) q.set('consortium_id', String(consortiumId))
  return api.get(`/match-rounds?${q}`)
}
export const getRound = (id) => api.get(roundPath(id))
export const roundAction = (id, action) => api.post(roundPath(id, action))

/** Options {value,label_zh,label_en} of a match_rounds enum field from the
 *  entity metadata ([] while the server does not describe it). */
export function roundEnum(field) {
  return enumOptions('match_rounds', field).catch(() => [])
}

const today = () => new Date().toISOString().slice(0, 10)
/** Has the last day `date` (YYYY-MM-DD) passed? (the server decides; this only explains) */
export const passed = (date) => !!date && String(date).slice(0, 10) < today()

export const STATUS_TAG = { draft: 'info', open: 'success', ranking: 'warning', closed: 'info', matched: 'primary', published: 'success' }

/** 0.4567 → "45.7%" (a share given as a fraction); null → "—" */
export function pct(v) {
  if (v === null || v === undefined || v === '' || Number.isNaN(Number(v))) return '—'
  return `${(Number(v) * 100).toFixed(1).replace(/\.0$/, '')}%`
}

/** Pay range "4500–6500" (either end may be missing). */
export function payRange(min, max) {
  if (min == null && max == null) return ''
  if (min != null && max != null) return min === max ? String(min) : `${min}–${max}`
  return min != null ? `≥ ${min}` : `≤ ${max}`
}

/** The verifier's verdict, a sentence such as "稳定 (stable): 容量、可接受性、无阻塞对均已验证 …"
 *  or the first violation found: {ok, text}. */
export function verdictInfo(v) {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'object') return { ok: !!(v.ok ?? v.stable), text: v.message || '' }
  const s = String(v)
  // the server writes it in the UI's language: "stable: …" or "稳定：…"
  return { ok: (/\bstable\b/i.test(s) || /^稳定/.test(s)) && !/unstable|not stable|不稳定/i.test(s), text: s }
}

/** students.consent arrives as a boolean or 0/1 */
export const consented = (v) => v === true || v === 1 || v === '1'

/** Split a 、-joined tag list (skills, certificates) into items. */
export function tags(s) {
  if (Array.isArray(s)) return s
  return String(s || '').split(/[、,，;；]/).map((x) => x.trim()).filter(Boolean)
}

/** An API error as one line: the message, then what its details say per field
 *  (a 422 names the entry at fault: "第 2 项与第 1 项重复"). */
export function errText(e) {
  const d = e && e.details
  const parts = d && typeof d === 'object' ? Object.values(d).filter((v) => typeof v === 'string') : []
  return parts.length ? `${e.message}：${parts.join('；')}` : String((e && e.message) || e)
}
