// Workspace composables: translated strings, the current user, and the consortium in scope.
import { ref, computed, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import messages from './messages.js'
import { currentUser, getJSON } from './wsapi.js'

let merged = false
export function useT() {
  const i18n = useI18n({ useScope: 'global' })
  if (!merged) {
    for (const [loc, m] of Object.entries(messages)) i18n.mergeLocaleMessage(loc, m)
    merged = true
  }
  const isEn = computed(() => String(i18n.locale.value || '').startsWith('en'))
  /** label of a meta object {label_zh,label_en} */
  const lbl = (o) => (o ? (isEn.value ? (o.label_en || o.label_zh) : (o.label_zh || o.label_en)) : '')
  return { t: i18n.t, locale: i18n.locale, isEn, lbl }
}

export function useUser() {
  return computed(() => currentUser() || {})
}

// Platform admins pick the consortium they work on; everyone else works on their own.
const picked = ref(Number(localStorage.getItem('cj_ws_consortium')) || 1)
watch(picked, v => { try { localStorage.setItem('cj_ws_consortium', String(v)) } catch { /* private mode */ } })
const consortiaList = ref([])
let consortiaLoaded = null

export function useConsortium() {
  const user = useUser()
  const isAdmin = computed(() => user.value.role === 'platform_admin')
  const consortiumId = computed({
    get: () => (isAdmin.value ? picked.value : (user.value.consortium_id || picked.value)),
    set: v => { picked.value = Number(v) },
  })
  if (!consortiaLoaded) {
    consortiaLoaded = getJSON('/consortia?per_page=500&sort=id')
      .then(d => { consortiaList.value = d.items || [] })
      .catch(() => { consortiaLoaded = null })
  }
  const consortium = computed(() => consortiaList.value.find(c => c.id === consortiumId.value) || null)
  return { consortiumId, consortium, consortia: consortiaList, isAdmin }
}
