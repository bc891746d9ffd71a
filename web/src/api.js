// The web app's one client for the Chanjiao JSON API (/api/v1). Every page,
// component and store (auth.js, refCache.js, catalog.js) goes through it.
// - One fetch wrapper, request(): JSON in and out, credentials 'same-origin'
//   (the HttpOnly cookie cj_session), X-CSRF-Token on every write.
// - One error class, ApiError {status, code, message, details}, from the SPEC
//   envelope {"error":{"code","message","details"}} (status 0: network).
// - One session holder: the signed-in user (reactive, auth.js fills it from
//   the login answer or GET /auth/me) and the CSRF token beside it.
// - One meta cache: GET /meta/entities fetched once per session and cleared
//   whenever the session changes (sign-in, sign-out, expiry).
// - upload() with progress (XMLHttpRequest: the file as the request body, the
//   way /import takes it), downloadUrl() for <a download> links, saveFile()
//   for files built in the browser.
// - Record revisions: etagOf(row, entityMeta) is the entity tag the server
//   gives the row as this caller sees it; update() and remove() send it as
//   If-Match when given one, and a 412 (isStale) means someone else changed
//   the record meanwhile — nothing was written; read it again.
// - can(entity, action): may the signed-in user (or a given role) do this,
//   by the server's permission table in the meta? The server still decides
//   for each row.
// - One language at a time: every request says the UI's language
//   (Accept-Language: zh-CN or en, from the i18n locale), so the server's
//   messages come in it alone (docs/api.md, "Languages"); a page that shows
//   server messages re-reads them when the language changes (onLanguage).
import { reactive, watch } from 'vue'
import { i18n } from './i18n/index.js'

export const API_BASE = '/api/v1'

// The signed-in user { id, username, display_name, role, organization_id,
// consortium_id } or null, and the CSRF token of the session (memory only).
export const session = reactive({ user: null, ready: false })
let csrfToken = null
export function getCsrfToken() { return csrfToken }

// The Accept-Language of every request: the UI's locale.
export function acceptLanguage() { return i18n.global.locale.value === 'en' ? 'en' : 'zh-CN' }
// Call fn() whenever the UI's language changes (to ask again for server
// messages shown on the page); returns the function that stops watching.
export function onLanguage(fn) { return watch(() => i18n.global.locale.value, () => fn()) }
export function setCsrfToken(t) { csrfToken = t || null }

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || code || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = code || 'error'
    this.details = details ?? null
  }
}

// An ApiError from an answer's status and parsed body (null when not JSON).
function errorOf(status, data) {
  const e = (data && data.error) || {}
  return new ApiError(status, e.code, e.message || `HTTP ${status}`, e.details)
}

// 'work_plan_items' or 'work-plan-items' → 'work-plan-items'
export function entityPath(entity) { return String(entity).replace(/_/g, '-') }
// → 'work_plan_items' (the name used by /meta/entities)
export function entityName(entity) { return String(entity).replace(/-/g, '_') }

export function queryString(params) {
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) { if (v.length) sp.set(k, v.join(',')) } else sp.set(k, String(v))
  }
  const s = sp.toString()
  return s ? `?${s}` : ''
}

function url(path, params) {
  return API_BASE + (path.startsWith('/') ? path : `/${path}`) + queryString(params)
}

// The CSRF token for a write. Normally known since sign-in; a page opened on a
// live session before the user was restored asks GET /auth/me once for it.
let csrfPending = null
async function tokenForWrite(path) {
  if (csrfToken || path === '/auth/login') return csrfToken
  if (!csrfPending) {
    csrfPending = fetch(url('/auth/me'), { credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage() } })
      .then(async (r) => { if (r.ok) { const me = await r.json(); if (me.csrf_token) setCsrfToken(me.csrf_token) } })
      .catch(() => {})
      .finally(() => { csrfPending = null })
  }
  await csrfPending
  return csrfToken
}

export async function request(method, path, { params, body, headers } = {}) {
  const h = { Accept: 'application/json', 'Accept-Language': acceptLanguage(), ...(headers || {}) }
  const init = { method, credentials: 'same-origin', headers: h }
  if (method !== 'GET' && method !== 'HEAD') {
    const t = await tokenForWrite(path)
    if (t) h['X-CSRF-Token'] = t
  }
  if (body !== undefined) {
    if (body instanceof Blob || body instanceof ArrayBuffer || typeof body === 'string') {
      init.body = body
    } else {
      h['Content-Type'] = 'application/json'
      init.body = JSON.stringify(body)
    }
  }
  let res
  try {
    res = await fetch(url(path, params), init)
  } catch (e) {
    throw new ApiError(0, 'network_error', e && e.message ? e.message : 'network error', null)
  }
  if (res.status === 204) return null
  const text = await res.text()
  let data = null
  if (text) {
    try { data = JSON.parse(text) } catch { data = null }
  }
  if (!res.ok) throw errorOf(res.status, data)
  return data
}

export const api = {
  get: (path, params) => request('GET', path, { params }),
  post: (path, body, params) => request('POST', path, { body, params }),
  patch: (path, body) => request('PATCH', path, { body }),
  del: (path) => request('DELETE', path),
}

export function list(entity, params) { return request('GET', `/${entityPath(entity)}`, { params }) }
export function get(entity, id) { return request('GET', `/${entityPath(entity)}/${id}`) }
export function create(entity, body) { return request('POST', `/${entityPath(entity)}`, { body }) }
// etag: the tag the row was read with (etagOf); the write is then refused with
// 412 if the record changed since. Without it the write goes on whatever.
export function update(entity, id, body, { etag } = {}) {
  return request('PATCH', `/${entityPath(entity)}/${id}`, { body, headers: etag ? { 'If-Match': etag } : undefined })
}
export function remove(entity, id, { etag } = {}) {
  return request('DELETE', `/${entityPath(entity)}/${id}`, { headers: etag ? { 'If-Match': etag } : undefined })
}

// The entity tag the server gives `row` (domain/record.c, record_etag):
// "<revision>", or "<revision>-partial" when the row came without its
// personal fields (em: the entity's meta, whose fields say which are
// private). null for a row without a revision (nothing to compare).
export function etagOf(row, em) {
  if (!row || !Number.isInteger(row.revision)) return null
  const partial = ((em && em.fields) || []).some((f) => f.private && !(f.name in row))
  return `"${row.revision}${partial ? '-partial' : ''}"`
}
// A 412: the record was changed by someone else since it was read.
export function isStale(e) { return e instanceof ApiError && e.status === 412 }

// The address of a download (CSV/XLSX export, a report) for an <a download> link:
// the browser fetches it with the session cookie.
export function downloadUrl(path, params) { return url(path, params) }

// An entity list's export in `format` (csv or xlsx), with the list's filters but
// without its paging.
export function exportUrl(entity, params, format = 'csv') {
  const p = { ...(params || {}), format }
  delete p.page
  delete p.per_page
  return downloadUrl(`/${entityPath(entity)}`, p)
}

// Save contents (a string or Blob) built in the browser as a file named `filename`.
export function saveFile(contents, filename, type) {
  const blob = contents instanceof Blob ? contents : new Blob([contents], { type })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}

// POST `file` as the request body (its bytes, of `contentType`) with
// XMLHttpRequest so that upload progress (0–100) reaches onProgress.
export async function upload(path, file, contentType, onProgress) {
  const token = await tokenForWrite(path)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url(path))
    xhr.withCredentials = true
    xhr.setRequestHeader('Content-Type', contentType)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', acceptLanguage())
    if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    xhr.upload.onprogress = (ev) => { if (ev.lengthComputable && onProgress) onProgress(Math.round(ev.loaded * 100 / ev.total)) }
    xhr.onload = () => {
      let data = null
      try { data = JSON.parse(xhr.responseText) } catch { data = null }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data)
      else reject(errorOf(xhr.status, data))
    }
    xhr.onerror = () => reject(new ApiError(0, 'network_error', acceptLanguage() === 'en' ? 'network error' : '网络错误', null))
    xhr.send(file)
  })
}

let metaPromise = null
// Cached GET /meta/entities → { entityName: entity } (keyed by underscore name)
export function meta() {
  if (!metaPromise) {
    metaPromise = request('GET', '/meta/entities').then((d) => {
      const byName = {}
      for (const e of (d && d.items) || []) byName[e.name] = e
      return byName
    }).catch((e) => { metaPromise = null; throw e })
  }
  return metaPromise
}
export async function entityMeta(entity) {
  const m = await meta()
  return m[entityName(entity)] || null
}
/** Options {value,label_zh,label_en} of an enum field. */
export async function enumOptions(entity, field) {
  const em = await entityMeta(entity)
  const f = ((em && em.fields) || []).find((x) => x.name === field)
  return (f && f.options) || []
}

// The session changed (signed in, restored, signed out, expired): remember the
// user and the token, and forget the meta read under the previous session.
export function setSession(user, csrf) {
  session.user = user || null
  setCsrfToken(user ? csrf : null)
  metaPromise = null
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
  platform_admin: ['platform_admin'],
}

/** May `role` (by default the signed-in user's; read at once, so a watchEffect
 *  calling can() follows the user) do `action` on `entity` by the server's
 *  permission table? The server still decides for each row. */
export async function can(entity, action, role = session.user && session.user.role) {
  const rules = (await entityMeta(entity))?.permissions?.[action] || []
  return role === 'platform_admin' || rules.some((r) => (RULE_ROLES[r] || []).includes(role))
}

let healthPromise = null
export function health() {
  if (!healthPromise) healthPromise = request('GET', '/health').catch(() => ({}))
  return healthPromise
}
