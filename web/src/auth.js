// Sign-in, sign-out and restoring the session. The signed-in user
// { id, username, display_name, role, organization_id, consortium_id } and the
// CSRF token are held by the API client (api.js: `session`, exported here as
// `auth`); the session itself lives in the HttpOnly cookie cj_session.
// A localStorage hint ('cj_signed_in') avoids asking /auth/me (and a 401 in the
// console) for visitors who never signed in.
import { request, session, setSession, ApiError } from './api.js'

const HINT = 'cj_signed_in'
export const auth = session

function applyUser(u, csrf) {
  if (!u) { setSession(null); return }
  setSession({
    id: u.id, username: u.username, display_name: u.display_name || u.username,
    role: u.role, organization_id: u.organization_id ?? null, consortium_id: u.consortium_id ?? null,
  }, csrf || u.csrf_token || null)
}

function hint(on) {
  try { on ? localStorage.setItem(HINT, '1') : localStorage.removeItem(HINT) } catch { /* private mode */ }
}
function hasHint() {
  try { return localStorage.getItem(HINT) === '1' } catch { return true }
}

let initPromise = null
// Restore the session once on app start.
export function initAuth() {
  if (!initPromise) {
    initPromise = (async () => {
      if (hasHint()) {
        try {
          const me = await request('GET', '/auth/me')
          applyUser(me.user || me, me.csrf_token)
        } catch (e) {
          applyUser(null)
          if (e instanceof ApiError && e.status === 401) hint(false)
        }
      }
      auth.ready = true
    })()
  }
  return initPromise
}

export async function login(username, password) {
  const d = await request('POST', '/auth/login', { body: { username, password } })
  applyUser(d.user, d.csrf_token)
  hint(true)
  return auth.user
}

export async function logout() {
  try { await request('POST', '/auth/logout') } catch { /* already gone */ }
  applyUser(null)
  hint(false)
}

// Called when an API answer says the session is gone.
export function sessionExpired() { applyUser(null); hint(false) }

export function hasRole(...roles) { return !!auth.user && roles.includes(auth.user.role) }
