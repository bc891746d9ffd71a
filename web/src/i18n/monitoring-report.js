// Strings of the annual report page (年度报告, monitoring/AnnualReport.vue),
// merged into the global vue-i18n instance (annualReport.*, ws.menu.annualReport).
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    annualReport: {
      title: '年度报告', year: '年度', pdf: '下载 PDF', xlsx: '下载 XLSX', print: '打印版页面',
      hint: '报告中的每个数字都由平台记录生成，按您可见的范围统计；PDF 由服务器生成，首次可能需要数秒。',
    },
    ws: { menu: { annualReport: '年度报告' } },
  },
  en: {
    annualReport: {
      title: 'Annual report', year: 'Year', pdf: 'Download PDF', xlsx: 'Download XLSX', print: 'Printable page',
      hint: 'Every figure comes from the platform\'s records, counted as far as you may see them; the server prints the PDF, which may take a few seconds the first time.',
    },
    ws: { menu: { annualReport: 'Annual report' } },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
