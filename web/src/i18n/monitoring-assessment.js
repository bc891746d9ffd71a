// Strings of the year's assessment (年度监测, issue 12): the secretariat's page
// that sets targets, reports values with evidence and submits the year, the
// member units' read-only view, and the consortium's goals, merged into the
// global vue-i18n instance under assess.*.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    assess: {
      title: '年度监测', year: '年度', create: '开始本年度监测', none: '本年度尚未开始监测。',
      noneReader: '本年度尚未开始监测，秘书处开始后可在此查看。',
      status: '状态', result: '结果', score: '得分', cutoff: '数据截止日', computedAt: '计算时间', version: '版本',
      framework: '指标体系', statuses: { draft: '草稿', submitted: '已提交', returned: '已退回', reopened: '已重新打开' },
      results: { pass: '合格', fail: '不合格（否定性指标未通过）' },
      rag: { green: '达标', amber: '接近', red: '未达标', none: '无数据' },
      compute: '重新计算', submit: '提交本年度', reopen: '重新打开', readOnly: '只读：成员单位可查看，不能修改。',
      frozen: '本年度已提交，数据已冻结；如需修改，请平台管理员重新打开。',
      submitConfirm: '提交后，{year} 年的指标值、目标值和填报数据将按截止日 {cutoff} 冻结为第 {v} 版，不能再修改。确定提交吗？',
      submitTitle: '提交并冻结本年度', submitted: '已提交第 {v} 版', computed: '已重新计算', saved: '已保存',
      reopenPrompt: '请填写重新打开的理由（将记入评论）', reopenTitle: '重新打开已提交的年度', reopened: '已重新打开',
      c: {
        indicator: '指标', rag: '状态', value: '当前值', target: '目标值', source: '来源', drill: '明细',
        reported: '填报值', evidence: '佐证材料', note: '备注',
      },
      sources: { computed: '系统计算', reported: '填报' },
      drillRecords: '查看记录', drillApi: '接口', veto: '否定性', setBy: { framework: '体系默认', secretariat: '秘书处', authority: '主管部门' },
      counts: '达标 {green} · 接近 {amber} · 未达标 {red} · 无数据 {none}',
      addEvidence: '添加佐证', noEvidence: '无',
      versions: '提交记录', versionN: '第 {v} 版', submittedBy: '提交人', submittedAt: '提交时间', view: '查看', viewing: '正在查看第 {v} 版（提交时的快照）', backToCurrent: '返回当前',
      comments: '评论与退回意见', noComments: '暂无评论', actions: { comment: '评论', return: '退回', reopen: '重新打开' },
      goals: '联合体建设目标', goal: '目标', progress: '进度', goalTarget: '目标值', goalValue: '当前',
      goalStatus: { met: '已完成', on_track: '推进中', behind: '滞后' }, noGoals: '尚未设定建设目标',
      system: '系统', measureFailed: '暂无法计算（悬停查看原因）',
    },
  },
  en: {
    assess: {
      title: 'Annual monitoring', year: 'Year', create: 'Start this year', none: 'This year has not been started.',
      noneReader: 'This year has not been started; it shows here once the secretariat starts it.',
      status: 'Status', result: 'Result', score: 'Score', cutoff: 'Cut-off day', computedAt: 'Computed', version: 'Version',
      framework: 'Framework', statuses: { draft: 'Draft', submitted: 'Submitted', returned: 'Returned', reopened: 'Reopened' },
      results: { pass: 'Pass', fail: 'Fail (a veto item failed)' },
      rag: { green: 'Met', amber: 'Close', red: 'Not met', none: 'No data' },
      compute: 'Recompute', submit: 'Submit the year', reopen: 'Reopen', readOnly: 'Read only: member units see it and cannot change it.',
      frozen: 'This year is submitted and frozen; a platform admin can reopen it.',
      submitConfirm: 'Submitting freezes {year}: values, targets and reported figures at the cut-off {cutoff} become version {v} and can no longer change. Submit?',
      submitTitle: 'Submit and freeze the year', submitted: 'Version {v} submitted', computed: 'Recomputed', saved: 'Saved',
      reopenPrompt: 'Why is it reopened? (kept as a comment)', reopenTitle: 'Reopen a submitted year', reopened: 'Reopened',
      c: {
        indicator: 'Indicator', rag: 'Status', value: 'Value', target: 'Target', source: 'Source', drill: 'Records',
        reported: 'Reported', evidence: 'Evidence', note: 'Note',
      },
      sources: { computed: 'Computed', reported: 'Reported' },
      drillRecords: 'Records', drillApi: 'API', veto: 'Veto', setBy: { framework: 'framework', secretariat: 'secretariat', authority: 'authority' },
      counts: 'met {green} · close {amber} · not met {red} · no data {none}',
      addEvidence: 'Add evidence', noEvidence: 'None',
      versions: 'Submissions', versionN: 'Version {v}', submittedBy: 'By', submittedAt: 'At', view: 'View', viewing: 'Viewing version {v} (as submitted)', backToCurrent: 'Back to current',
      comments: 'Comments and returns', noComments: 'No comments', actions: { comment: 'Comment', return: 'Returned', reopen: 'Reopened' },
      goals: 'The consortium\'s goals', goal: 'Goal', progress: 'Progress', goalTarget: 'Target', goalValue: 'Now',
      goalStatus: { met: 'Met', on_track: 'On track', behind: 'Behind' }, noGoals: 'No goals set',
      system: 'System', measureFailed: 'Cannot be computed yet (hover for why)',
    },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
