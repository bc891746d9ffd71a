// Shared bits of the secretariat's talent pages: number formatting for the
// analysis answers (decimals with 2 places), the kinds of demand, and the
// periods to offer (from the trend answer, else the years around now).
import { api, enumOptions } from '../../../api.js'

export function fmt(v, digits = 2) {
  if (v === null || v === undefined || v === '') return '—'
  const x = Number(v)
  if (!Number.isFinite(x)) return String(v)
  return x.toLocaleString('zh-CN', { maximumFractionDigits: digits })
}
export const num = (v) => (v === null || v === undefined || v === '' ? 0 : Number(v) || 0)

export function demandKinds() { return enumOptions('demand', 'kind').catch(() => []) }

/** Periods that have data for the consortium, newest last; and the one to show first. */
export async function periodsOf(cid) {
  let periods = []
  try {
    const tr = await api.get(`/consortia/${cid}/gap/trend?by=occupation`)
    periods = (tr.periods || []).map(Number).filter(Number.isFinite)
  } catch { periods = [] }
  const now = new Date().getFullYear()
  if (!periods.length) periods = [now - 2, now - 1, now, now + 1]
  const preferred = periods.includes(now) ? now : periods[periods.length - 1]
  return { periods, preferred }
}

export function gapQuery(params) {
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') sp.set(k, String(v))
  return sp.toString()
}

export const ACTION_TAG = { expand: 'success', hold: 'info', shrink: 'warning', open: 'danger' }
