// techapi.js — the technology platform's small pieces shared by its pages:
// reading a suggestion's reasons as words, and the project status steps a unit
// may take from its side (docs/tech.md, "状态 · Status workflows").

// A reason arrives as one bilingual sentence from src/domain/tech.c:
//   "关键词相符：焊接、机器人 (keywords matched: 焊接、机器人)"
//   "技术领域相同：智能制造与装备 (same field: smart_manufacturing)"
//   "在…领域已验收项目 2 项 (2 accepted projects in …)"
//   "标题或描述用词相近 (similar words in the title or description)"
// → { kind: 'keywords'|'field'|'past'|'similar'|'other', terms: [..], zh, en }.
// Anything else (an object, a new sentence) is shown as it came.
export function parseReason(r) {
  if (r && typeof r === 'object') {
    const zh = r.text_zh || r.zh || r.text || JSON.stringify(r)
    return { kind: r.kind || 'other', terms: Array.isArray(r.terms) ? r.terms : [], zh, en: r.text_en || r.en || zh }
  }
  const s = String(r || '')
  const m = s.match(/^(.*?)\s*\((.*)\)\s*$/)
  const zh = m ? m[1] : s
  const en = m ? m[2] : s
  let kind = 'other'
  let terms = []
  let k
  if ((k = zh.match(/^关键词相符[：:](.*)$/))) { kind = 'keywords'; terms = k[1].split(/[、,，;；]/).map((x) => x.trim()).filter(Boolean) }
  else if ((k = zh.match(/^技术领域相同[：:](.*)$/))) { kind = 'field'; terms = [k[1].trim()] }
  else if (/已验收项目/.test(zh)) kind = 'past'
  else if (/用词相近/.test(zh)) kind = 'similar'
  return { kind, terms, zh, en }
}

// The project steps each side may take (the table of docs/tech.md):
// the lead unit starts an approved project and terminates an approved or
// running one; the client enterprise accepts (验收) a running one.
export function projectSteps(project, orgId) {
  if (!project || !orgId) return []
  const steps = []
  if (project.lead_id === orgId) {
    if (project.status === 'approved') steps.push('running')
    if (project.status === 'approved' || project.status === 'running') steps.push('terminated')
  }
  if (project.enterprise_id === orgId && project.status === 'running') steps.push('accepted')
  return steps
}

export function yuan(n) {
  if (n === null || n === undefined || n === '') return ''
  return Number(n).toLocaleString('zh-CN')
}
