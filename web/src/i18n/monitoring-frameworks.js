// Strings of the indicator-framework pages (指标体系, issue 12): the frameworks
// and their trees, the measures library; merged into the global vue-i18n instance.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    ws: {
      menu: { frameworks: '指标体系', measures: '度量库', frameworkRecords: '指标体系维护', indicatorRecords: '指标维护' },
      import: { kinds: { 'indicator-frameworks': '指标体系', indicators: '指标' } },
    },
    mf: {
      hint: '监测所用的指标体系：一级、二级、三级指标及其观测点、单位、方向、权重与数据来源。平台管理员维护，其他用户只读。',
      name: '名称', version: '版本', issuer: '发布机关', appliesTo: '适用对象', status: '状态', effective: '施行日期',
      view: '查看指标', edit: '维护指标体系', editIndicators: '维护指标', counts: '一级 {l1} 项 · 二级 {l2} 项 · 三级 {l3} 项',
      code: '编号', indicator: '指标', observation: '观测点', unit: '单位', direction: '方向', weight: '权重',
      source: '来源', veto: '否定性', computed: '系统计算', reported: '填报', target: '参考目标',
      dir: { ge: '不低于', le: '不高于', eq: '等于' },
      scope: { city: '市域产教联合体', industry: '行业产教融合共同体', all: '全部' },
      st: { draft: '草稿', active: '现行', retired: '已废止' },
      readOnly: '只读：指标体系由平台管理员维护。',
      measuresHint: '系统计算的指标所用的度量：每个度量按联合体、年度与截止日计数，并可下钻到被计入的记录。',
      key: '度量', names: '名称', params: '参数', doc: '计数口径',
      empty: '暂无指标体系',
    },
  },
  en: {
    ws: {
      menu: { frameworks: 'Indicator frameworks', measures: 'Measures library', frameworkRecords: 'Edit frameworks', indicatorRecords: 'Edit indicators' },
      import: { kinds: { 'indicator-frameworks': 'Indicator frameworks', indicators: 'Indicators' } },
    },
    mf: {
      hint: 'The frameworks monitoring uses: first-, second- and third-level indicators with their observation points, units, directions, weights and sources. Platform admins edit them; everyone else reads.',
      name: 'Name', version: 'Version', issuer: 'Issuing body', appliesTo: 'Applies to', status: 'Status', effective: 'Effective',
      view: 'Indicators', edit: 'Edit frameworks', editIndicators: 'Edit indicators', counts: 'Level 1: {l1} · level 2: {l2} · level 3: {l3}',
      code: 'Code', indicator: 'Indicator', observation: 'Observation point', unit: 'Unit', direction: 'Direction', weight: 'Weight',
      source: 'Source', veto: 'Veto', computed: 'Computed', reported: 'Reported', target: 'Default target',
      dir: { ge: 'At least', le: 'At most', eq: 'Exactly' },
      scope: { city: 'City-level consortia', industry: 'Industry-level communities', all: 'All consortia' },
      st: { draft: 'Draft', active: 'Active', retired: 'Retired' },
      readOnly: 'Read only: platform admins maintain the frameworks.',
      measuresHint: 'The measures computed indicators use: each counts by consortium, year and cut-off day and drills down to the records counted.',
      key: 'Measure', names: 'Name', params: 'Parameters', doc: 'What it counts',
      empty: 'No frameworks',
    },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
