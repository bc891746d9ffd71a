// Strings of the three lists (三张清单, issue 10): the secretariat's page that
// publishes them, the public page of one list and the consortium page's
// section, merged into the global vue-i18n instance under lists.*.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    lists: {
      title: '三张清单', hint: '按教育部要求发布核心产品清单、技术需求清单与人才需求清单。清单是发布时的快照，之后记录的修改不会改变已发布的清单。',
      publishTitle: '发布清单', kind: '清单', period: '期次', periodHint: '年份如 2026，或半年如 2026H1（人才需求清单按年度）',
      listTitle: '标题（可不填）', publish: '发布', done: '清单已发布', published: '已发布的清单', none: '还没有发布清单',
      count: '条数', publishedAt: '发布时间', download: '下载', view: '查看', report: '需求报告',
      kinds: { core_products: '核心产品清单', tech_needs: '技术需求清单', talent_needs: '人才需求清单' },
      what: { core_products: '核心产品', tech_needs: '公开的已发布技术需求', talent_needs: '人才需求报告' },
      confirmWhat: '清单',
      notFound: '没有这份清单，或您无权查看。', back: '返回联合体', rows: '共 {n} 条',
      downloadCsv: '下载 CSV', downloadXlsx: '下载 Excel', openReport: '查看需求报告（含统计与图表）',
      section: '三张清单', sectionHint: '本联合体发布的核心产品、技术需求与人才需求清单（最新一期）。', notYet: '尚未发布',
      c: {
        id: '编号', title: '标题', enterprise: '企业', field: '技术领域', keywords: '关键词', budget: '预算（元）',
        wanted_by: '期望完成', status: '状态', contact: '联系方式', name: '产品名称', chain_link: '产业链环节',
        key_technologies: '关键技术', occupations: '紧缺职业', description: '描述', job_title: '岗位', occupation: '职业',
        headcount: '人数', published_on: '发布日期',
      },
      status: { published: '已发布', in_progress: '进行中' },
    },
  },
  en: {
    lists: {
      title: 'The three lists', hint: 'Publish the core products, technology needs and talent needs lists the Ministry asks for. A list is a snapshot: later edits of the records do not change it.',
      publishTitle: 'Publish a list', kind: 'List', period: 'Period', periodHint: 'A year such as 2026, or a half year such as 2026H1 (talent needs: a year)',
      listTitle: 'Title (optional)', publish: 'Publish', done: 'List published', published: 'Published lists', none: 'No list published yet',
      count: 'Rows', publishedAt: 'Published', download: 'Download', view: 'Open', report: 'Demand report',
      kinds: { core_products: 'Core products', tech_needs: 'Technology needs', talent_needs: 'Talent needs' },
      what: { core_products: 'core products', tech_needs: 'published public technology needs', talent_needs: 'demand report' },
      confirmWhat: 'list',
      notFound: 'There is no such list, or you may not see it.', back: 'Back to the consortium', rows: '{n} rows',
      downloadCsv: 'Download CSV', downloadXlsx: 'Download Excel', openReport: 'Open the demand report (figures and charts)',
      section: 'The three lists', sectionHint: 'The latest core products, technology needs and talent needs lists the consortium published.', notYet: 'Not yet published',
      c: {
        id: 'No.', title: 'Title', enterprise: 'Enterprise', field: 'Field', keywords: 'Keywords', budget: 'Budget (yuan)',
        wanted_by: 'Wanted by', status: 'Status', contact: 'Contact', name: 'Product', chain_link: 'Chain link',
        key_technologies: 'Key technologies', occupations: 'Occupations needed', description: 'Description', job_title: 'Job title', occupation: 'Occupation',
        headcount: 'Headcount', published_on: 'Published on',
      },
      status: { published: 'Published', in_progress: 'In progress' },
    },
  },
}
for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
