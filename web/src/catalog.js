// Names of national catalogue codes (职业分类大典 occupations, 职业教育专业目录
// majors), looked up lazily by code and cached: lists show "460702 新能源汽车技术"
// without loading a whole catalogue (2 000+ rows) into the browser.
import { reactive } from 'vue'
import { list } from './api.js'

const names = reactive({}) // { 'majors:460702': '新能源汽车技术' }
const pending = new Map()

const key = (catalog, code) => `${catalog}:${code}`

/** Remember names from any rows that carry {code, name} (search answers, gap rows). */
export function rememberCodes(catalog, rows) {
  for (const r of rows || []) if (r && r.code && r.name) names[key(catalog, r.code)] = r.name
}

/** The cached name of a code (reactive; '' until known), fetched once if missing. */
export function codeName(catalog, code) {
  if (!catalog || code === null || code === undefined || code === '') return ''
  const k = key(catalog, code)
  if (names[k] !== undefined) return names[k]
  if (!pending.has(k)) {
    pending.set(k, list(catalog, { code, per_page: 1 })
      .then((d) => { names[k] = (d.items && d.items[0] && d.items[0].name) || '' })
      .catch(() => { names[k] = '' }))
  }
  return ''
}

/** "460702 新能源汽车技术" (or just the code while the name is unknown). */
export function codeLabel(catalog, code) {
  if (code === null || code === undefined || code === '') return ''
  const n = codeName(catalog, code)
  return n ? `${code} ${n}` : String(code)
}

/** Search a catalogue by code or name: [{code, name, level}] (at most `n`). */
export async function searchCatalog(catalog, q, n = 30) {
  const d = await list(catalog, { q: q || '', per_page: n })
  const items = d.items || []
  rememberCodes(catalog, items)
  return items
}

// Tag-list fields (meta "tags": true) are stored joined by 、; the forms edit arrays.
export const TAG_SEP = '、'
export function splitTags(s) {
  if (Array.isArray(s)) return s
  return String(s || '').split(/[、,，;；\n]+/).map((x) => x.trim()).filter(Boolean)
}
export function joinTags(a) { return (a || []).map((x) => String(x).trim()).filter(Boolean).join(TAG_SEP) }
