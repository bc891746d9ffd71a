// charts/legend.js — a legend that fits: drawn plain and wrapping (never cut
// off, never a scroll arrow) at the chart's width, its lines counted so that
// the chart's box can grow by them and the plot area move out of their way.
export const LEGEND_LINE = 22 // one legend line: a 14 px item and an 8 px gap

let measurer = null
function textWidth(s, size) {
  if (!measurer) measurer = document.createElement('canvas').getContext('2d')
  measurer.font = `${size}px sans-serif`
  return measurer.measureText(String(s)).width
}

function legendNames(o) {
  const lg = o.legend
  if (lg && Array.isArray(lg.data)) return lg.data.map((d) => (typeof d === 'object' ? d.name : d))
  const series = Array.isArray(o.series) ? o.series : o.series ? [o.series] : []
  return series.flatMap((s) => (s.type === 'pie' ? (s.data || []).map((d) => d.name) : s.name != null ? [s.name] : []))
}

// → { option, lines }: the option as drawn at width w (pixels).
export function fitLegend(o, w) {
  if (!o.legend || Array.isArray(o.legend) || o.legend.show === false || !w) return { option: o, lines: 1 }
  const lg = { ...o.legend, type: 'plain', itemWidth: o.legend.itemWidth ?? 14, itemHeight: o.legend.itemHeight ?? 10, itemGap: o.legend.itemGap ?? 8 }
  const fontSize = (lg.textStyle && lg.textStyle.fontSize) || 12
  const fmt = typeof lg.formatter === 'function' ? lg.formatter : (n) => n
  const avail = Math.max(40, w - 26)
  let lines = 1
  let x = 0
  for (const n of legendNames(o)) {
    const iw = lg.itemWidth + 5 + textWidth(fmt(n), fontSize)
    if (x > 0 && x + iw > avail) { lines++; x = 0 }
    x += iw + lg.itemGap
  }
  lg.left = lg.left ?? 'center'
  lg.width = avail
  const extra = (lines - 1) * LEGEND_LINE
  const option = { ...o, legend: lg }
  if (o.grid && !Array.isArray(o.grid) && extra) {
    const g = { ...o.grid }
    const side = lg.top != null ? 'top' : 'bottom'
    if (typeof g[side] === 'number') g[side] += extra
    option.grid = g
  }
  return { option, lines }
}
