// Strings of the workspace frame (grouped menu, breadcrumbs, phone menu) and of
// every role's home (to-do list and figures), merged into the global vue-i18n
// instance (home.*). The to-dos' own titles come from GET /me/todo in both
// languages (title_zh / title_en) and are picked by the UI's language.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    home: {
      todo: '待办', todoEmpty: '暂无待办', figures: '概况', go: '去处理', earliest: '最早 {d}', overdue: '已过期 {d}',
      count: '{n} 项', loadFailed: '待办加载失败', openMenu: '菜单', breadcrumb: '当前位置', record: '记录 {id}',
    },
  },
  en: {
    home: {
      todo: 'To do', todoEmpty: 'Nothing waiting', figures: 'At a glance', go: 'Open', earliest: 'Earliest {d}', overdue: 'Overdue since {d}',
      count: '{n}', loadFailed: 'Could not load the to-do list', openMenu: 'Menu', breadcrumb: 'You are here', record: 'Record {id}',
    },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
