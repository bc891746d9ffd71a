// Option lists (字典): a consortium's options for the extensible enumerations
// (fields the meta marks "extensible": agreement types, meeting and training
// kinds) — the shipped options plus the consortium's own, from
// GET /api/v1/consortia/{id}/options. Read once per consortium and kept in a
// reactive cache, so forms offer them and tables label rows with them;
// forgetOptions() after the option list itself changes.
import { reactive } from 'vue'
import { api, entityName } from './api.js'

const lists = reactive({}) // { cid: { 'agreements.type': [{value,label_zh,label_en,shipped,active,id?}] } }
const pending = new Map()

export function loadOptions(cid) {
  if (!cid) return Promise.resolve({})
  if (lists[cid]) return Promise.resolve(lists[cid])
  if (!pending.has(cid)) {
    pending.set(cid, api.get(`/consortia/${cid}/options`).then((d) => {
      const byField = {}
      for (const f of (d && d.items) || []) byField[f.field] = f.options || []
      lists[cid] = byField
      return byField
    }).catch(() => ({})).finally(() => pending.delete(cid)))
  }
  return pending.get(cid)
}

export function forgetOptions(cid) {
  delete lists[cid]
  pending.delete(cid)
}

/** The options of field f of entity in consortium cid (reactive; the shipped
 *  ones until loaded). `keep`: a value to include even if deactivated (the
 *  row's own). */
export function optionsOf(entity, f, cid, keep) {
  if (!f || !f.extensible || !cid) return (f && f.options) || []
  const all = (lists[cid] || {})[`${entityName(entity)}.${f.name}`]
  if (!all) return f.options || []
  return all.filter((o) => o.active || o.value === keep)
}

/** The option of value (shipped or the consortium's), or null. */
export function optionOf(entity, f, cid, value) {
  const shipped = ((f && f.options) || []).find((o) => o.value === value)
  if (shipped || !f || !f.extensible || !cid) return shipped || null
  return ((lists[cid] || {})[`${entityName(entity)}.${f.name}`] || []).find((o) => o.value === value) || null
}
