// Names of national catalogue codes (职业分类大典 occupations, 职业教育专业目录
// majors, GB/T 2260 regions), looked up lazily by code and cached: lists show
// "460702 新能源汽车技术" and places "柳州市 450200" (name first, as people say
// them) without loading a whole catalogue (2 000+ rows) into the browser.
import { reactive } from 'vue'
import { list } from './api.js'

const names = reactive({}) // { 'majors:460702': '新能源汽车技术' }
const pending = new Map()

const key = (catalog, code) => `${catalog}:${code}`

// A region's name as people read it: the municipalities' placeholders (市辖区, 县)
// by their full name ("北京市 市辖区").
function nameOf(catalog, r) {
  if (catalog === 'regions' && (r.name === '市辖区' || r.name === '县') && r.full_name) return r.full_name
  return r.name
}

/** Remember names from any rows that carry {code, name} (search answers, gap rows). */
export function rememberCodes(catalog, rows) {
  for (const r of rows || []) if (r && r.code && r.name) names[key(catalog, r.code)] = nameOf(catalog, r)
}

/** The cached name of a code (reactive; '' until known), fetched once if missing. */
export function codeName(catalog, code) {
  if (!catalog || code === null || code === undefined || code === '') return ''
  const k = key(catalog, code)
  if (names[k] !== undefined) return names[k]
  if (!pending.has(k)) {
    pending.set(k, list(catalog, { code, per_page: 1 })
      .then((d) => { names[k] = (d.items && d.items[0] && nameOf(catalog, d.items[0])) || '' })
      .catch(() => { names[k] = '' }))
  }
  return ''
}

/** "460702 新能源汽车技术", a place "柳州市 450200" (or just the code while the name is unknown). */
export function codeLabel(catalog, code) {
  if (code === null || code === undefined || code === '') return ''
  const n = codeName(catalog, code)
  if (!n) return String(code)
  return catalog === 'regions' ? `${n} ${code}` : `${code} ${n}`
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
