// publish.js — care with what cannot be undone (issue 16).  Publishing a
// demand item, a demand report, a policy or project list or an announcement
// puts it before people who cannot be made to forget it, so every publish
// asks first and says who will see it: anyone on the internet (a public
// consortium's page) or the consortium's members.  Enter in a field never
// gets here on its own (EntityForm.vue, DemandReports.vue): the user clicks.
import { ElMessageBox } from 'element-plus'
import i18n from './i18n/index.js'
import { api } from './api.js'

const W = {
  zh: {
    title: '确认发布',
    body: '发布后，{who}都能看到这条{what}。',
    public: '互联网上的任何人（本联合体的公开页面）',
    members: '本联合体的成员单位与秘书处',
    unknown: '本联合体可以查看的人',
    frozen: '报告的数字在发布时冻结，发布后不能撤回。',
    ok: '确认发布', cancel: '取消',
    what: { demand: '人才需求', report: '需求报告', policies: '政策', projects: '项目', announcements: '通知公告', record: '记录', list: '清单' },
  },
  en: {
    title: 'Publish?',
    body: 'Once published, {who} can see this {what}.',
    public: 'anyone on the internet (the consortium\'s public page)',
    members: 'the consortium\'s member units and its secretariat',
    unknown: 'whoever may read the consortium',
    frozen: 'The report\'s figures are frozen when it is published; it cannot be withdrawn.',
    ok: 'Publish', cancel: 'Cancel',
    what: { demand: 'talent demand', report: 'demand report', policies: 'policy', projects: 'project', announcements: 'announcement', record: 'record', list: 'list' },
  },
}

const isEn = () => String(i18n.global.locale.value ?? i18n.global.locale).startsWith('en')

/** Who will see what the consortium publishes: 'public' | 'members' | null. */
export async function audienceOf(consortiumId) {
  if (!consortiumId) return null
  try {
    const c = await api.get(`/consortia/${consortiumId}`)
    return c && (c.is_public === true || c.is_public === 1) ? 'public' : 'members'
  } catch { return null }
}

/** The sentence saying who will see it (for a confirmation or a hint). */
export function audienceText(audience, what = 'record') {
  const w = isEn() ? W.en : W.zh
  const who = audience === 'public' ? w.public : audience === 'members' ? w.members : w.unknown
  return w.body.replace('{who}', who).replace('{what}', w.what[what] || w.what.record)
}

/**
 * Ask before publishing; resolves true to go on, false when the user
 * declines (Cancel, Esc, the close button, a click outside).
 * what: demand | report | policies | projects | announcements | record.
 */
export async function confirmPublish({ consortiumId, what = 'record', frozen = false }) {
  const w = isEn() ? W.en : W.zh
  const audience = await audienceOf(consortiumId)
  const text = audienceText(audience, what) + (frozen ? ` ${w.frozen}` : '')
  try {
    await ElMessageBox.confirm(text, w.title, {
      type: 'warning', confirmButtonText: w.ok, cancelButtonText: w.cancel,
      customClass: 'cj-publish-confirm', closeOnPressEscape: true, closeOnClickModal: false,
      distinguishCancelAndClose: false,
    })
    return true
  } catch { return false }
}
