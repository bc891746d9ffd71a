// The logs in Debian's Chromium against the real binary (issue 15): the 登录日志
// page shows the user's own sign-ins in China Standard Time with the zone, the
// browser named from its User-Agent and a failure with its reason; the audit
// page shows CST times, the address and a refused write in Chinese.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, signedIn, go, apiJSON, menuTexts, assertNoConsoleErrors, SEC, SCHOOL } from './harness.mjs'

const server = useServer()
const CST = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\+8\)$/

// The console errors but the one the test's own refused request logs.
const others = (page, url) => page.consoleErrors.filter((e) => !e.includes(url + '"'))

// What the page should show for a UTC time from the API.
function cst(iso) {
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000)
  return d.toISOString().slice(0, 19).replace('T', ' ') + ' (UTC+8)'
}

test('the login log page shows one\'s own sign-ins in China Standard Time, with the browser and why one failed', async (t) => {
  const page = await signedIn(t, server, SCHOOL)
  // a failed attempt with this account's name (from the same browser)
  const st = await page.evaluate(async () => (await fetch('/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'lzvtu_staff', password: 'not-the-password-9' }),
  })).status)
  assert.equal(st, 401)
  assert.ok((await menuTexts(page)).includes('登录日志'))
  await go(page, '/workspace/login-log')
  const pg = page.locator('[data-test=page-login-log]')
  await pg.locator('.el-table__row').first().waitFor()
  const api = await apiJSON(page, '/login-log?per_page=20')
  assert.ok(api.items.length >= 2)
  assert.ok(api.items.every((r) => r.username === 'lzvtu_staff'), 'only one\'s own rows')
  const times = await pg.locator('[data-test=login-log-at]').allInnerTexts()
  for (const s of times) assert.match(s.trim(), CST)
  assert.equal(times[0].trim(), cst(api.items[0].at))
  // newest first: the failure, then the sign-in
  const first = pg.locator('.el-table__row').first()
  assert.match(await first.locator('[data-test=login-log-result]').innerText(), /失败/)
  assert.match(await first.locator('[data-test=login-log-reason]').innerText(), /密码错误/)
  assert.match(await pg.locator('[data-test=login-log-browser]').first().innerText(), /Chrome \d+ \/ Linux/)
  assert.match(await pg.innerText(), /127\.0\.0\.1/)
  page.consoleErrors = others(page, '/api/v1/auth/login')
  assertNoConsoleErrors(assert, page)
})

test('the audit page shows CST times, addresses and a refused write in Chinese', async (t) => {
  const page = await signedIn(t, server, SEC)
  // a write the secretariat may not make: consortium 1's record is the admin's to delete
  const st = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/auth/me')).json()
    return (await fetch('/api/v1/consortia/1', { method: 'DELETE', headers: { 'X-CSRF-Token': me.csrf_token } })).status
  })
  assert.equal(st, 403)
  await go(page, '/workspace/audit')
  const pg = page.locator('[data-test=page-audit]')
  await pg.locator('[data-test=audit-action]', { hasText: '拒绝' }).first().waitFor()
  for (const s of await pg.locator('[data-test=audit-at]').allInnerTexts()) assert.match(s.trim(), CST)
  const row = pg.locator('.el-table__row', { hasText: '拒绝' }).first()
  assert.match(await row.innerText(), /删除/)
  assert.match(await row.innerText(), /127\.0\.0\.1/)
  page.consoleErrors = others(page, '/api/v1/consortia/1')
  assertNoConsoleErrors(assert, page)
})
