// Strings of finding things (issue 16): remote-search selects, links to a
// record's page, the record page itself and table details (sorting by
// keyboard, the page-size select), merged into the global vue-i18n instance
// under find.*.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    find: {
      typeToSearch: '输入名称的一部分搜索', pageSize: '每页条数', sortBy: '按“{f}”排序（回车键切换）',
      record: '记录详情', back: '返回', open: '查看“{name}”', notFound: '没有这条记录，或它已被删除。',
      forbidden: '您无权查看这条记录。', failed: '无法读取这条记录：{msg}',
      memberships: '所在联合体与职务', demand: '发布的人才需求', supply: '提供的人才供给',
      qHint: '可搜索名称、标题及所关联的单位、职业、专业等名称',
      hitMeta: '{ent} · {n} 人 · {y} 年', occupation: '职业',
    },
  },
  en: {
    find: {
      typeToSearch: 'Type part of a name', pageSize: 'Rows per page', sortBy: 'Sort by “{f}” (Enter toggles)',
      record: 'Record', back: 'Back', open: 'Open “{name}”', notFound: 'There is no such record, or it was deleted.',
      forbidden: 'You may not see this record.', failed: 'Could not read this record: {msg}',
      memberships: 'Consortia and council roles', demand: 'Talent demand it publishes', supply: 'Talent supply it offers',
      qHint: 'Finds names, titles and the names of linked units, occupations, majors…',
      hitMeta: '{ent} · {n} people · {y}', occupation: 'Occupation',
    },
  },
}
for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
