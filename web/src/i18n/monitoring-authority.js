// Strings of the education / industry authority's view (主管部门, issue 12):
// the overview of the consortia it oversees, the indicators side by side, the
// review of a submitted assessment and the policy package (政策包), merged into
// the global vue-i18n instance (ws.menu.authority*, ws.authority.*).
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    role: { authority: '主管部门' },
    ws: {
      menu: { authority: '联合体监测总览', authorityGrants: '政策包', authorityScopes: '主管部门监管范围' },
      authority: {
        hint: '只读查看本部门监管的联合体：年度评估、指标对比与政策包。个人信息不可见；可对已提交的评估提出意见或退回。',
        year: '年度', consortium: '联合体', kind: '类型', region: '地区', members: '成员单位',
        status: '评估状态', result: '结论', score: '得分', rag: '红黄绿', policy: '政策包（本年度）',
        links: '材料', report: '年度报告', review: '评阅', none: '无', noAssessment: '尚无评估',
        kinds: { city: '市域产教联合体', industry: '行业产教融合共同体' },
        statuses: { draft: '填报中', submitted: '已提交', returned: '已退回', reopened: '已重新打开' },
        results: { pass: '合格', fail: '不合格' },
        green: '绿', amber: '黄', red: '红', noRag: '无',
        overview: '总览', indicators: '指标对比', charts: '各联合体指标状况',
        framework: '指标体系', indicator: '指标', value: '值', target: '目标',
        noIndicators: '暂无可对比的三级指标（尚无评估或指标体系）。',
        scopes: '监管范围', prefix: '地区代码前缀 {p}', named: '指定：{n}',
        comment: {
          title: '评阅：{name}', body: '意见', action: '操作', comment: '提出意见', return: '退回修改',
          returnOnlySubmitted: '只有已提交的评估可以退回。', send: '提交', cancel: '取消',
          confirmReturn: '确定将该联合体的年度评估退回修改？', confirmTitle: '退回评估',
          sent: '已提交评阅意见', returned: '已退回', history: '评阅记录', empty: '暂无评阅记录',
          required: '请填写意见',
        },
      },
      grants: {
        hint: '本部门向所监管联合体给予的财政、用地、税收、人才等政策；以本部门名义登记。',
        add: '登记政策', edit: '修改', del: '删除', confirmDelete: '确定删除这条政策？',
        consortium: '联合体', org: '授予单位', kind: '类别', item: '政策事项', amount: '数额', unit: '计量单位',
        year: '年度', document: '文号', evidence: '政策文件', note: '备注', save: '保存', cancel: '取消', saved: '已保存', deleted: '已删除',
        empty: '暂无政策记录',
        kinds: { finance: '财政', land: '用地', tax: '税收', talent: '人才', other: '其他' },
      },
    },
  },
  en: {
    role: { authority: 'Education / industry authority' },
    ws: {
      menu: { authority: 'Consortia overview', authorityGrants: 'Policy package', authorityScopes: 'Authority scopes' },
      authority: {
        hint: 'Read-only view of the consortia your unit oversees: the year\'s assessments, indicators side by side and the policy package. No personal data is shown; you may comment on or return a submitted assessment.',
        year: 'Year', consortium: 'Consortium', kind: 'Kind', region: 'Region', members: 'Members',
        status: 'Assessment', result: 'Result', score: 'Score', rag: 'Red/amber/green', policy: 'Policy package (this year)',
        links: 'Documents', report: 'Annual report', review: 'Review', none: 'None', noAssessment: 'No assessment yet',
        kinds: { city: 'City consortium', industry: 'Industry community' },
        statuses: { draft: 'Draft', submitted: 'Submitted', returned: 'Returned', reopened: 'Reopened' },
        results: { pass: 'Pass', fail: 'Fail' },
        green: 'green', amber: 'amber', red: 'red', noRag: 'none',
        overview: 'Overview', indicators: 'Indicators side by side', charts: 'Indicators per consortium',
        framework: 'Framework', indicator: 'Indicator', value: 'Value', target: 'Target',
        noIndicators: 'No level-3 indicators to compare yet (no assessment or framework).',
        scopes: 'Scope', prefix: 'Region prefix {p}', named: 'Named: {n}',
        comment: {
          title: 'Review: {name}', body: 'Comment', action: 'Action', comment: 'Comment', return: 'Return for changes',
          returnOnlySubmitted: 'Only a submitted assessment can be returned.', send: 'Send', cancel: 'Cancel',
          confirmReturn: 'Return this consortium\'s assessment for changes?', confirmTitle: 'Return the assessment',
          sent: 'Comment sent', returned: 'Returned', history: 'Review history', empty: 'No comments yet',
          required: 'Write a comment',
        },
      },
      grants: {
        hint: 'Finance, land, tax and talent measures your unit granted to the consortia it oversees, filed in your unit\'s name.',
        add: 'Add a grant', edit: 'Edit', del: 'Delete', confirmDelete: 'Delete this grant?',
        consortium: 'Consortium', org: 'Granting unit', kind: 'Kind', item: 'Item', amount: 'Amount', unit: 'Unit',
        year: 'Year', document: 'Document no.', evidence: 'Policy document', note: 'Note', save: 'Save', cancel: 'Cancel', saved: 'Saved', deleted: 'Deleted',
        empty: 'No grants yet',
        kinds: { finance: 'Finance', land: 'Land', tax: 'Tax', talent: 'Talent', other: 'Other' },
      },
    },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
