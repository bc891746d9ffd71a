// charts/colors.js — one colour per unit type (organizations.type), the same
// on every chart and every consortium (a type missing from one consortium
// does not shift the others' colours), and the one rounding rule for
// percentages shown as a figure and drawn on a gauge.
export const ORG_TYPES = ['government', 'enterprise', 'undergraduate', 'higher_vocational', 'secondary_vocational',
  'research_institute', 'industry_association', 'other']

export const ORG_TYPE_COLORS = {
  government: '#c0392b',
  enterprise: '#2f6fd6',
  undergraduate: '#7b4fd6',
  higher_vocational: '#12a594',
  secondary_vocational: '#e6a23c',
  research_institute: '#b5487a',
  industry_association: '#16a085',
  other: '#909399',
}

export function orgTypeColor(type) { return ORG_TYPE_COLORS[type] || '#b1b3b8' }

// A percentage as people read it: one decimal, trailing .0 dropped (42.5, 43, 0).
export function percent(v) {
  const n = Number(v)
  if (!Number.isFinite(n)) return 0
  return Math.round(n * 10) / 10
}
