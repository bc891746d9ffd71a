// Workspace composables: translated strings, the current user, and the consortium in scope.
import { ref, reactive, computed, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import messages from './messages.js'
import { api, session } from '../../api.js'

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
  return computed(() => session.user || {})
}

// The signed-in organisation user's unit: its type (enterprise, school, …) decides
// which talent pages the menu offers, and its memberships which consortia the
// unit works in. Loaded once per user; `orgReady(user)` resolves when known.
export const ENTERPRISE_TYPES = ['enterprise']
export const SCHOOL_TYPES = ['higher_vocational', 'secondary_vocational', 'undergraduate']
const ORG_ROLES = ['org_admin', 'org_staff']
export const orgState = reactive({ key: null, org: null, consortiumIds: [], loaded: false })
let orgPromise = null

export function orgReady(user) {
  const u = user || {}
  const key = ORG_ROLES.includes(u.role) && u.organization_id ? `${u.id}:${u.organization_id}` : null
  if (orgPromise && orgState.key === key) return orgPromise
  orgState.key = key; orgState.org = null; orgState.consortiumIds = []; orgState.loaded = false
  if (!key) { orgState.loaded = true; orgPromise = Promise.resolve(orgState); return orgPromise }
  const today = new Date().toISOString().slice(0, 10)
  orgPromise = Promise.all([
    api.get(`/organizations/${u.organization_id}`),
    api.get(`/memberships?organization_id=${u.organization_id}&per_page=100`).catch(() => ({ items: [] })),
  ]).then(([org, ms]) => {
    if (orgState.key !== key) return orgState
    orgState.org = org
    const ids = (ms.items || []).filter(m => !m.left_on || m.left_on > today).map(m => m.consortium_id)
    orgState.consortiumIds = [...new Set(ids)].sort((a, b) => a - b)
    orgState.loaded = true
    return orgState
  }).catch(() => { if (orgState.key === key) { orgState.loaded = true; orgPromise = null } return orgState })
  return orgPromise
}

/** The organisation type of the signed-in org user ('' while unknown or for other roles). */
export function useOrg() {
  const user = useUser()
  watch(() => [user.value.id, user.value.organization_id, user.value.role], () => orgReady(user.value), { immediate: true })
  const orgType = computed(() => (orgState.org && orgState.org.type) || '')
  return {
    org: computed(() => orgState.org), orgType, orgLoaded: computed(() => orgState.loaded),
    isEnterprise: computed(() => ENTERPRISE_TYPES.includes(orgType.value)),
    isSchool: computed(() => SCHOOL_TYPES.includes(orgType.value)),
  }
}

// Platform admins pick the consortium they work on; organisation users one of their
// unit's consortia (a picker when there are several); a secretariat works on its own.
const picked = ref(Number(localStorage.getItem('cj_ws_consortium')) || 1)
watch(picked, v => { try { localStorage.setItem('cj_ws_consortium', String(v)) } catch { /* private mode */ } })
const consortiaList = ref([])
let consortiaLoaded = null

export function useConsortium() {
  const user = useUser()
  const isAdmin = computed(() => user.value.role === 'platform_admin')
  const isOrgUser = computed(() => ORG_ROLES.includes(user.value.role))
  if (isOrgUser.value) orgReady(user.value)
  const orgConsortia = computed(() => (isOrgUser.value && orgState.key ? orgState.consortiumIds : []))
  const consortiumId = computed({
    get: () => {
      if (isAdmin.value) return picked.value
      if (user.value.consortium_id) return user.value.consortium_id
      const mine = orgConsortia.value
      if (mine.length) return mine.includes(picked.value) ? picked.value : mine[0]
      return isOrgUser.value && !orgState.loaded ? null : picked.value
    },
    set: v => { picked.value = Number(v) },
  })
  if (!consortiaLoaded) {
    consortiaLoaded = api.get('/consortia?per_page=500&sort=id')
      .then(d => { consortiaList.value = d.items || [] })
      .catch(() => { consortiaLoaded = null })
  }
  const consortium = computed(() => consortiaList.value.find(c => c.id === consortiumId.value) || null)
  // the consortia the picker offers: all for the admin, the unit's own for org users
  const pickable = computed(() => (isAdmin.value ? consortiaList.value
    : consortiaList.value.filter(c => orgConsortia.value.includes(c.id))))
  const canPick = computed(() => isAdmin.value || orgConsortia.value.length > 1)
  return { consortiumId, consortium, consortia: consortiaList, isAdmin, pickable, canPick }
}
