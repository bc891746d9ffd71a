// The Content-Security-Policy (src/http/server.c) against the built app: every
// page carries it, and the public portal, the sign-in, a workspace with charts
// and tables, and the phone layout render with no policy violation at all.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, screenshotOnFailure, assertNoConsoleErrors } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

// Collect securitypolicyviolation events from the first script on.
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
    })
  })
}

async function violations(page) {
  return page.evaluate(() => window.__cspViolations)
}

test('the HTML carries a strict policy', async () => {
  const resp = await fetch(server.url + '/')
  await resp.text()
  const csp = resp.headers.get('content-security-policy') || ''
  assert.match(csp, /default-src 'self'/)
  assert.match(csp, /script-src 'self'(;|$)/)
  assert.doesNotMatch(csp, /unsafe-eval/)
  assert.match(csp, /frame-ancestors 'none'/)
  const deep = await fetch(server.url + '/consortia/1')
  await deep.text()
  assert.equal(deep.headers.get('content-security-policy'), csp)
})

test('portal, sign-in and workspace pages render with no violation', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await watchViolations(page)
  await page.goto(server.url + '/')
  await page.locator('[data-test=consortium-card]').first().waitFor()
  await page.goto(server.url + '/consortia/1')
  await page.locator('[data-test=composition-chart] svg').waitFor()
  assert.deepEqual(await violations(page), [])
  await login(page, 'liuzhou_sec', 'secretariat-demo-2026', server.url)
  await page.waitForLoadState('networkidle')
  assert.deepEqual(await violations(page), [])
  assertNoConsoleErrors(assert, page)
  await page.close()
})

test('the phone layout renders with no violation', async (t) => {
  const page = await newPage(browser.context, { viewport: { width: 390, height: 844 } })
  screenshotOnFailure(t, page)
  await watchViolations(page)
  await page.goto(server.url + '/')
  await page.locator('[data-test=consortium-card]').first().waitFor()
  assert.deepEqual(await violations(page), [])
  assertNoConsoleErrors(assert, page)
  await page.close()
})
