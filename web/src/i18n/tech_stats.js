// Strings of the secretariat's technology figures page (技术服务数据, RdStats.vue)
// and of its project supervision pages, merged into the global vue-i18n instance
// (rdStats.*, ws.menu.rdStats / rdProjects / rdOutputs).
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    rdStats: {
      year: '年度', allYears: '全部年度', download: '下载按单位数据', none: '暂无数据',
      needs: '发布技术需求', answered: '获得响应的需求', matched: '对接成功（占比）', median: '首次响应用时（中位数）',
      days: '{n} 天', projects: '联合研发与技术服务项目', funds: '到账经费 / 合同金额',
      projectsUnit: '项', outputsUnit: '项', units: '按单位', outputsDetail: '标准级别与成果转化收入',
      kindTitle: '项目（按类型）', statusTitle: '项目（按状态）', outputTitle: '成果（按类型）', revenue: '成果转化收入',
      kind: { joint_research: '联合攻关', service: '技术服务', consulting: '技术咨询', transfer: '成果转化', contract_research: '横向课题' },
      status: { proposed: '已申报', approved: '已立项', running: '实施中', accepted: '已验收', closed: '已结项', rejected: '未立项', terminated: '已终止' },
      output: { invention_patent: '发明专利', utility_model: '实用新型', software_copyright: '软件著作权', standard: '标准', paper: '论文', prototype: '样机', process: '工艺改进', transfer: '成果转化' },
      level: { national: '国家标准', industry: '行业标准', group: '团体标准' },
      col: {
        name: '单位', needs_published: '发布需求', needs_matched: '需求对接成功', responses: '揭榜/响应', projects_led: '牵头项目',
        projects_partnered: '参与项目', funds_agreed: '合同金额（元）', funds_received: '到账经费（元）', outputs: '成果',
      },
    },
    ws: { menu: { rdStats: '技术服务数据', rdProjects: '联合研发项目', rdOutputs: '项目成果' } },
  },
  en: {
    rdStats: {
      year: 'Year', allYears: 'All years', download: 'Download per unit', none: 'No data yet',
      needs: 'Needs published', answered: 'Needs answered', matched: 'Matched (share)', median: 'Days to first answer (median)',
      days: '{n} days', projects: 'Joint R&D and service projects', funds: 'Funds received / agreed',
      projectsUnit: 'projects', outputsUnit: 'outputs', units: 'Per unit', outputsDetail: 'Standards by level and transfer revenue',
      kindTitle: 'Projects by kind', statusTitle: 'Projects by status', outputTitle: 'Outputs by kind', revenue: 'Transfer revenue',
      kind: { joint_research: 'Joint research', service: 'Technical service', consulting: 'Consulting', transfer: 'Technology transfer', contract_research: 'Commissioned research' },
      status: { proposed: 'Proposed', approved: 'Approved', running: 'Running', accepted: 'Accepted', closed: 'Closed', rejected: 'Rejected', terminated: 'Terminated' },
      output: { invention_patent: 'Invention patents', utility_model: 'Utility models', software_copyright: 'Software copyrights', standard: 'Standards', paper: 'Papers', prototype: 'Prototypes', process: 'Process improvements', transfer: 'Transfers' },
      level: { national: 'National standards', industry: 'Industry standards', group: 'Group standards' },
      col: {
        name: 'Unit', needs_published: 'Needs published', needs_matched: 'Needs matched', responses: 'Responses', projects_led: 'Projects led',
        projects_partnered: 'Projects as partner', funds_agreed: 'Funds agreed (yuan)', funds_received: 'Funds received (yuan)', outputs: 'Outputs',
      },
    },
    ws: { menu: { rdStats: 'Technology figures', rdProjects: 'Joint R&D projects', rdOutputs: 'Project outputs' } },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
