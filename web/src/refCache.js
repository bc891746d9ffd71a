// Small lazy cache of referenced rows' display names (organizations, consortia, …).
import { reactive } from 'vue'
import { get, entityName } from './api.js'

const names = reactive({}) // { 'organizations:5': '上汽通用五菱…' }
const pending = new Map()

export function refKey(entity, id) { return `${entityName(entity)}:${id}` }
export function displayName(row) {
  if (!row) return ''
  return row.short_name && row.name && row.name.length > 24 ? row.short_name : (row.name || row.title || row.job_title || row.display_name || row.username || `#${row.id}`)
}
export function rememberRef(entity, row) {
  if (row && row.id != null) names[refKey(entity, row.id)] = displayName(row)
}
// Returns the cached name (reactive) and fetches it if missing.
export function refName(entity, id) {
  if (id === null || id === undefined || id === '') return ''
  const k = refKey(entity, id)
  if (names[k] !== undefined) return names[k]
  if (!pending.has(k)) {
    pending.set(k, get(entity, id).then((row) => { names[k] = displayName(row) })
      .catch(() => { names[k] = `#${id}` }))
  }
  return `#${id}`
}
// students: a placement's intern, shown to whoever may read the student (the school,
// the host enterprise, the student); demand: a placement's position
export const NAMED_REFS = ['organizations', 'consortia', 'students', 'demand', 'meetings', 'agenda_items']
// The workspace page of a record (views/workspace/RecordPage.vue).
export function recordPath(entity, id) { return `/workspace/records/${String(entity).replace(/_/g, '-')}/${id}` }
