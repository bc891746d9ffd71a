// Fetch wrapper for the Chanjiao JSON API (/api/v1).
// - JSON in and out, credentials 'same-origin' (the HttpOnly cookie cj_session).
// - Every non-GET request carries X-CSRF-Token (kept in memory; set from the
//   login answer or GET /auth/me).
// - Errors throw ApiError {status, code, message, details} from the envelope
//   {"error":{"code","message","details"}}.
export const API_BASE = '/api/v1'

let csrfToken = null
export function setCsrfToken(t) { csrfToken = t || null }
export function getCsrfToken() { return csrfToken }

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || code || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = code || 'error'
    this.details = details ?? null
  }
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

export async function request(method, path, { params, body, headers } = {}) {
  const h = { Accept: 'application/json', ...(headers || {}) }
  const init = { method, credentials: 'same-origin', headers: h }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['X-CSRF-Token'] = csrfToken
  if (body !== undefined) {
    if (body instanceof Blob || body instanceof ArrayBuffer || typeof body === 'string') {
      init.body = body
    } else {
      h['Content-Type'] = 'application/json'
      init.body = JSON.stringify(body)
    }
  }
  const url = API_BASE + (path.startsWith('/') ? path : `/${path}`) + queryString(params)
  let res
  try {
    res = await fetch(url, init)
  } catch (e) {
    throw new ApiError(0, 'network_error', e && e.message ? e.message : 'network error', null)
  }
  if (res.status === 204) return null
  const text = await res.text()
  let data = null
  if (text) {
    try { data = JSON.parse(text) } catch { data = null }
  }
  if (!res.ok) {
    const err = data && data.error ? data.error : {}
    throw new ApiError(res.status, err.code, err.message || `HTTP ${res.status}`, err.details)
  }
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
export function update(entity, id, body) { return request('PATCH', `/${entityPath(entity)}/${id}`, { body }) }
export function remove(entity, id) { return request('DELETE', `/${entityPath(entity)}/${id}`) }

export function exportUrl(entity, params, format = 'csv') {
  const p = { ...(params || {}), format }
  delete p.page
  delete p.per_page
  return API_BASE + `/${entityPath(entity)}` + queryString(p)
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

let healthPromise = null
export function health() {
  if (!healthPromise) healthPromise = request('GET', '/health').catch(() => ({}))
  return healthPromise
}

export default { request, list, get, create, update, remove, exportUrl, meta, entityMeta, health, setCsrfToken }
