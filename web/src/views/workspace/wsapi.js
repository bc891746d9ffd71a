// Small, self-contained helpers for the workspace views: a fetch wrapper for the
// special routes (stats, result, audit, import) that carries the session cookie and
// the X-CSRF-Token header, an XHR uploader with progress, and cached /meta/entities.
import { auth } from '../../auth.js'
import { getCsrfToken, setCsrfToken } from '../../api.js'

const BASE = '/api/v1'
let csrf = null
let metaCache = null

export class WsError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {}
    super(e.message || `HTTP ${status}`)
    this.status = status
    this.code = e.code
    this.details = e.details
  }
}

/** The signed-in user (reactive object from auth.js, whatever its export is called). */
export function currentUser() {
  return auth.user
}

export async function csrfToken(force = false) {
  const known = getCsrfToken()
  if (!force && known) return known
  if (!force && csrf) return csrf
  const r = await fetch(BASE + '/auth/me', { credentials: 'same-origin' })
  if (r.ok) { const me = await r.json(); csrf = me.csrf_token || null; if (csrf) setCsrfToken(csrf) }
  return csrf
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' }
  if (method !== 'GET') {
    const t = await csrfToken()
    if (t) headers['X-CSRF-Token'] = t
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const r = await fetch(BASE + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
  if (r.status === 204) return null
  let data = null
  try { data = await r.json() } catch { data = null }
  if (!r.ok) throw new WsError(r.status, data)
  return data
}

export const getJSON = (path) => request('GET', path)

export async function entityMeta() {
  if (!metaCache) metaCache = getJSON('/meta/entities').then(d => {
    const m = {}
    for (const e of d.items || []) m[e.name] = e
    return m
  }).catch(e => { metaCache = null; throw e })
  return metaCache
}

/** Options {value,label_zh,label_en} of an enum field. */
export async function enumOptions(entity, field) {
  const m = await entityMeta()
  const f = (m[entity]?.fields || []).find(x => x.name === field)
  return f?.options || []
}

// The roles each permission rule of the server's table admits (perm.c):
// "org_staff" is any user of the owning unit, admin or staff.
const RULE_ROLES = {
  public: ['platform_admin', 'secretariat', 'org_admin', 'org_staff', 'student'],
  signed_in: ['platform_admin', 'secretariat', 'org_admin', 'org_staff', 'student'],
  members: ['secretariat', 'org_admin', 'org_staff', 'student'],
  secretariat: ['secretariat'],
  org_admin: ['org_admin'],
  org_staff: ['org_admin', 'org_staff'],
  org2_staff: ['org_admin', 'org_staff'], // the row's second unit (a placement's host enterprise)
  platform_admin: ['platform_admin']
}

/** May this role do `action` on `entity` (per the server's permission table)?
 *  The server still decides for each row (whose consortium, whose unit). */
export async function can(entity, action, role) {
  const m = await entityMeta()
  const rules = m[entity.replace(/-/g, '_')]?.permissions?.[action] || []
  return role === 'platform_admin' || rules.some(r => (RULE_ROLES[r] || []).includes(role))
}

/** Upload a file with XMLHttpRequest so upload progress can be shown. */
export function upload(path, file, contentType, onProgress) {
  return csrfToken().then(token => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', BASE + path)
    xhr.withCredentials = true
    xhr.setRequestHeader('Content-Type', contentType)
    xhr.setRequestHeader('Accept', 'application/json')
    if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    xhr.upload.onprogress = (ev) => { if (ev.lengthComputable && onProgress) onProgress(Math.round(ev.loaded * 100 / ev.total)) }
    xhr.onload = () => {
      let data = null
      try { data = JSON.parse(xhr.responseText) } catch { data = null }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data)
      else reject(new WsError(xhr.status, data))
    }
    xhr.onerror = () => reject(new WsError(0, { error: { message: '网络错误 (network error)' } }))
    xhr.send(file)
  }))
}
