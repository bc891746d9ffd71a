// Strings of a consortium's profile (牵头单位, 依托园区, 认定, 上级与下级联合体;
// issue 12): the block on the public consortium page, merged into the
// global vue-i18n instance.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    profile: {
      title: '联合体概况', leadSchool: '牵头院校', leadEnterprise: '牵头企业', park: '依托园区',
      government: '支持政府', recognition: '认定', recognizedOn: '认定日期', recognizedBy: '认定机构',
      parent: '上级联合体', children: '培育的联合体', noChildren: '暂无', batch: '{batch}',
      hint: '牵头单位、依托园区、支持政府、认定信息与上级联合体显示在联合体公开页面上；每次修改记入审计日志。', saved: '已保存',
    },
  },
  en: {
    profile: {
      title: 'Profile', leadSchool: 'Lead school', leadEnterprise: 'Lead enterprise', park: 'Industrial park',
      government: 'Supporting government', recognition: 'Recognition', recognizedOn: 'Recognised on', recognizedBy: 'Recognised by',
      parent: 'Parent consortium', children: 'Consortia fostered', noChildren: 'None yet', batch: '{batch}',
      hint: 'Lead units, park, supporting government, recognition and parent consortium show on the public consortium page; every change goes to the audit log.', saved: 'Saved',
    },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
