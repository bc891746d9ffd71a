import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'

const KEY = 'cj_lang'
function initial() {
  try { const v = localStorage.getItem(KEY); if (v === 'en' || v === 'zh-CN') return v } catch { /* ignore */ }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(l) {
  i18n.global.locale.value = l
  try { localStorage.setItem(KEY, l) } catch { /* ignore */ }
  document.documentElement.setAttribute('lang', l === 'en' ? 'en' : 'zh-CN')
}
export function currentLocale() { return i18n.global.locale.value }
export function isEn() { return i18n.global.locale.value === 'en' }
// Pick label_zh / label_en of a meta field or option.
export function pickLabel(o) { if (!o) return ''; return isEn() ? (o.label_en || o.label_zh) : (o.label_zh || o.label_en) }

document.documentElement.setAttribute('lang', initial() === 'en' ? 'en' : 'zh-CN')
export default i18n
