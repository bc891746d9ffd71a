// people.js — whole people from weighted figures (issue 16, "Figures people
// trust").  The gap analysis carries graduates across the major↔occupation
// crosswalk by weight, so a supply or demand is a fraction of persons
// ("216.36 人", supply 26.5).  The API keeps those exact figures (to the
// cent) because they add up; a page that means a count shows whole people
// and says, in a tooltip, how the figure was split (each item's `split`, see
// docs/talent.md).  Shared by the workspace's talent pages and the public
// demand report, so it carries its own two-language wording.

/** Whole people: rounded half away from zero; null/'' stays null. */
export function people(v) {
  if (v === null || v === undefined || v === '') return null
  const x = Number(v)
  if (!Number.isFinite(x)) return null
  return Math.sign(x) * Math.round(Math.abs(x))
}

/** A whole number of people as text ('—' when there is none). */
export function peopleText(v) {
  const n = people(v)
  return n === null ? '—' : n.toLocaleString('zh-CN')
}

/** The gap in whole people, as the two whole columns beside it show it:
 *  people(demand) − people(supply), so a row always adds up on screen. */
export function gapPeople(row) {
  if (!row) return null
  const d = people(row.demand)
  const s = people(row.supply)
  return d === null || s === null ? people(row.gap) : d - s
}

const num = (v) => Number(v).toLocaleString('zh-CN', { maximumFractionDigits: 2 })
const W = {
  zh: {
    supplyByWeight: '按专业–职业对应权重分摊：',
    demandByShare: '按各职业需求中本专业供给所占比例分摊：',
    total: '合计 {x}，按整人显示 {n}',
    whole: '{x}，按整人显示 {n}',
    sep: '；',
  },
  en: {
    supplyByWeight: 'Split by the major–occupation crosswalk weights: ',
    demandByShare: 'Each occupation\'s demand split by this major\'s share of its supply: ',
    total: 'total {x}, shown as {n} whole people',
    whole: '{x}, shown as {n} whole people',
    sep: '; ',
  },
}
const fill = (s, o) => s.replace(/\{(\w+)\}/g, (_, k) => String(o[k]))

/**
 * How a weighted figure was split, in words ('' when it was not weighted).
 * row: an item of GET /consortia/{id}/gap (or a report's by_occupation) with
 * `split`; by: 'occupation' | 'major'; metric: 'supply' | 'demand' | 'gap'.
 *   occupation supply: "按专业–职业对应权重分摊：机电一体化 120×0.5=60；… 合计 183.1，按整人显示 183"
 *   major demand:      "按各职业需求中本专业供给所占比例分摊：汽车装调工 72.26；…"
 */
export function splitNote(row, by, metric, en = false) {
  const w = en ? W.en : W.zh
  const parts = (row && Array.isArray(row.split)) ? row.split : []
  const x = Number(row && row[metric])
  const weighted = Number.isFinite(x) && people(x) !== x
  if (!parts.length && !weighted) return ''
  const name = (p) => p.name || p.code
  let head = ''
  let lines = []
  if (by === 'occupation' && metric === 'supply' && parts.length) {
    head = w.supplyByWeight
    lines = parts.map((p) => `${name(p)} ${num(p.graduates)}×${num(p.share)}=${num(p.supply)}`)
  } else if (by === 'major' && metric === 'demand' && parts.length) {
    head = w.demandByShare
    lines = parts.filter((p) => Number(p.demand) !== 0).map((p) => `${name(p)} ${num(p.demand)}`)
  }
  const end = fill(lines.length ? w.total : w.whole, { x: Number.isFinite(x) ? num(x) : '—', n: peopleText(x) })
  if (!lines.length && !weighted) return ''
  return `${head}${lines.join(w.sep)}${lines.length ? w.sep : ''}${end}`
}

/** The gap's note: demand − supply in whole people, with the exact figure. */
export function gapNote(row, en = false) {
  if (!row) return ''
  const exact = Number(row.gap)
  const d = people(row.demand)
  const s = people(row.supply)
  if (d === null || s === null || (people(row.demand) === Number(row.demand) && people(row.supply) === Number(row.supply))) return ''
  return en
    ? `Gap = demand ${d} − supply ${s} = ${d - s} whole people (exact ${num(exact)})`
    : `缺口 = 需求 ${d} − 供给 ${s} = ${d - s} 人（精确值 ${num(exact)}）`
}
