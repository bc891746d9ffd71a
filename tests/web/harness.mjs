// Browser-test harness: starts the real chanjiao binary on an ephemeral port
// (--demo, temp DB, --web web/dist) and drives Debian's Chromium through
// playwright-core (from web/node_modules). Never downloads a browser. Every
// helper two test files need lives here; a test file keeps only its own.
//
// Fixtures (call at the top of a test file; node:test before/after hooks):
//   useServer()                 → server { url, proc, stop(), ready() }: one server for the file
//   useBrowser(server, opts)    → browser { context, close(), ready() }: one browser for the
//                               file (its pages resolve paths against server.url)
//   (Node 20 runs a file's top-level before hooks together: a hook of the file's
//   own awaits server.ready() / browser.ready() before using them)
// Pages:
//   startServer()               → { url, proc, stop() }
//   launchBrowser(opts)         → { browser, context, close() }  (fresh temp user-data-dir)
//   newPage(ctx, opts)          → page with page.consoleErrors = [] (console 'error' + pageerror)
//                               and page.consoleWarnings = [] (console 'warning')
//   openPage(t, server, opts)   a fresh browser and page for test t ({ viewport, context }),
//                               paths resolved against server.url, screenshot on failure,
//                               closed after t
//   signedIn(t, server, [user, password], opts)  openPage, then login
//   login(page, user, password) signs in through the UI, waits for /workspace
//   logout(page)                signs out through the header button
//   go(page, path)              goes to path and waits for the network to settle
// Reading and acting:
//   apiJSON(page, path)         GET /api/v1<path> from the page (its session) → body
//   apiFetch(page, path)        the same → { status, body } (body text when not JSON)
//   menuTexts(page)             the workspace menu's entries (folded groups and the
//                               phone's drawer included: it opens the drawer)
//   menuGroups(page)            the menu's group titles, in order
//   openMenuItem(page, text, group?)  opens an entry as a user would (drawer, group)
//   pickOption(page, formItem, label)  picks an option of the el-select in formItem
//   noOverflow(page, what)      asserts the page does not scroll sideways
// Failures:
//   screenshotOnFailure(t, page) registers a t.after hook saving
//                               build/web-test-screenshots/<test name>.png when the test failed
//   withScreenshot(name, getPage, fn)  the same for a test body on a shared page
//   assertNoConsoleErrors(assert, page), assertNoConsoleWarnings(assert, page)
// Demo accounts ([user, password], see README): ADMIN, SEC, SCHOOL, ENTERPRISE, STUDENT.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const ROOT = path.resolve(here, '..', '..')
const require = createRequire(new URL('../../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')

export const SCREENSHOT_DIR = process.env.CHANJIAO_SCREENSHOTS || path.join(ROOT, 'build', 'web-test-screenshots')
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

// The demo accounts (demo mode only; the server prints them at start-up).
export const ADMIN = ['admin', 'admin-demo-2026']
export const SEC = ['liuzhou_sec', 'secretariat-demo-2026']
export const SCHOOL = ['lzvtu_staff', 'orgstaff-demo-2026']
export const ENTERPRISE = ['sgmw_admin', 'orgadmin-demo-2026']
export const STUDENT = ['student_demo', 'student-demo-2026']

export async function startServer() {
  const bin = path.resolve(ROOT, process.env.CHANJIAO_BIN || 'build/chanjiao')
  const web = path.join(ROOT, 'web', 'dist')
  if (!existsSync(bin)) throw new Error(`chanjiao binary not found: ${bin} (build it, or set CHANJIAO_BIN)`)
  if (!existsSync(path.join(web, 'index.html'))) throw new Error(`web/dist/index.html missing: run "npm run build" in web/`)
  const dir = mkdtempSync(path.join(tmpdir(), 'chanjiao-webtest-'))
  const db = path.join(dir, 'test.db')
  const proc = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--demo', '--web', web],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  const url = await new Promise((resolve, reject) => {
    // a loaded machine may take long to build the demo database; a server that
    // never says it listens is killed, so that the test process can end
    const timer = setTimeout(() => {
      proc.once('exit', () => rmSync(dir, { recursive: true, force: true }))
      proc.kill('SIGKILL')
      reject(new Error(`server did not start in 60 s\n${out}\n${err}`))
    }, 60000)
    proc.stdout.on('data', (b) => {
      out += b.toString()
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (m) { clearTimeout(timer); resolve(m[1]) }
    })
    proc.stderr.on('data', (b) => {
      err += b.toString()
      if (err.length > 100000) err = err.slice(-50000)
      const m = err.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (m) { clearTimeout(timer); resolve(m[1]) }
    })
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code})\n${out}\n${err}`)) })
  })
  proc.stdout.resume()
  proc.stderr.resume()
  // A server that dies under a test (a sanitizer report, a crash) says why:
  // the tests that follow would otherwise only time out.
  let stopping = false
  proc.on('exit', (code, signal) => {
    if (!stopping) console.error(`# chanjiao server exited unexpectedly (code ${code}, signal ${signal}):\n${err.slice(-20000)}`)
  })
  async function stop() {
    stopping = true
    if (proc.exitCode === null && proc.signalCode === null) {
      const done = new Promise((r) => proc.once('exit', r))
      proc.kill('SIGTERM')
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000)
      await done
      clearTimeout(t)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  return { url, proc, stop }
}

// One server for the whole test file: the returned object is filled in before
// the first test and stopped after the last. server.ready() resolves once it
// listens: Node 20 starts a file's top-level before hooks together, so a hook
// that needs the server (useBrowser) waits for it.
export function useServer() {
  let starting = null
  const server = { url: null, proc: null, stop: null }
  server.ready = () => (starting ||= startServer().then((s) => Object.assign(server, s)))
  before(() => server.ready())
  after(async () => { if (server.stop) await server.stop() })
  return server
}

// A fresh folder (files a test uploads), removed when the test process ends.
export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export async function launchBrowser(opts = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'chanjiao-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport || { width: 1280, height: 860 },
    locale: 'zh-CN',
    ...opts.context,
  })
  async function close() {
    await context.close().catch(() => {})
    rmSync(userDataDir, { recursive: true, force: true })
  }
  return { context, close }
}

// One browser for the whole test file, its pages resolving relative paths
// against server.url (from useServer()); browser.ready() resolves once it runs.
export function useBrowser(server, opts = {}) {
  let starting = null
  const browser = { context: null, close: null }
  browser.ready = () => (starting ||= server.ready()
    .then(() => launchBrowser({ ...opts, context: { baseURL: server.url, ...opts.context } }))
    .then((b) => Object.assign(browser, b)))
  before(() => browser.ready())
  after(async () => { if (browser.close) await browser.close() })
  return browser
}

// A new page (tab) in ctx that records console errors and page errors.
export async function newPage(ctx, opts = {}) {
  const page = await ctx.newPage()
  if (opts.viewport) await page.setViewportSize(opts.viewport)
  page.consoleErrors = []
  page.consoleWarnings = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.consoleErrors.push(`console.error: ${msg.text()} ${JSON.stringify(msg.location())}`)
    if (msg.type() === 'warning') page.consoleWarnings.push(`console.warn: ${msg.text().split('\n')[0]}`)
  })
  page.on('pageerror', (e) => page.consoleErrors.push(`pageerror: ${e.message}`))
  return page
}

export async function login(page, username, password, base) {
  const url = new URL(page.url() && page.url().startsWith('http') ? page.url() : base)
  if (!url.pathname.startsWith('/login')) await page.goto(new URL('/login', base || url.origin).href)
  await page.locator('input[name=username]').fill(username)
  await page.locator('input[name=password]').fill(password)
  await page.locator('[data-test=login-submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 10000 })
  await page.locator('[data-test=current-user]').waitFor()
}

// A fresh browser (its own profile) with one page for the test t: relative paths
// go to server.url, a screenshot is saved when t fails, the browser closes after t.
export async function openPage(t, server, { viewport, context } = {}) {
  const b = await launchBrowser({ ...(viewport ? { viewport } : {}), context: { baseURL: server.url, ...context } })
  const page = await newPage(b.context)
  screenshotOnFailure(t, page)
  t.after(() => b.close())
  return page
}

// openPage, signed in as [user, password].
export async function signedIn(t, server, [user, pass], opts) {
  const page = await openPage(t, server, opts)
  await page.goto(server.url + '/login')
  await login(page, user, pass, server.url)
  return page
}

export async function go(page, path) {
  await page.goto(path)
  await page.waitForLoadState('networkidle')
}

export async function apiJSON(page, path) {
  return page.evaluate(async (p) => (await fetch('/api/v1' + p, { credentials: 'same-origin' })).json(), path)
}

export async function apiFetch(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch('/api/v1' + p, { credentials: 'same-origin' })
    return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() }
  }, path)
}

// The workspace menu is grouped (routes.js `groups`): a side menu whose groups
// fold on a desktop, a drawer behind the 菜单 button on a phone. These helpers
// open the drawer when the menu is behind it and read entries folded away too.
async function showMenu(page) {
  const button = page.locator('[data-test=ws-menu-button]')
  if (await page.locator('.cj-ws-menu:visible').count() === 0 && await button.isVisible().catch(() => false)) {
    await button.click()
    await page.locator('.cj-ws-menu:visible').first().waitFor()
  }
  return page.locator('.cj-ws-menu:visible').first()
}

export async function menuTexts(page) {
  const menu = await showMenu(page)
  return (await menu.locator('.el-menu-item').allTextContents()).map((s) => s.trim())
}

export async function menuGroups(page) {
  const menu = await showMenu(page)
  return (await menu.locator('.cj-ws-group > .el-sub-menu__title').allTextContents()).map((s) => s.trim())
}

// Opens the menu entry `text` (in group `group`, if given) as a user would: the
// drawer on a phone, the entry's group unfolded, then the entry.
export async function openMenuItem(page, text, group) {
  const menu = await showMenu(page)
  const exact = new RegExp('^\\s*' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$')
  let sub = menu.locator('.cj-ws-group').filter({ has: page.locator('.el-menu-item', { hasText: exact }) })
  if (group) sub = menu.locator('.cj-ws-group').filter({ has: page.locator('.el-sub-menu__title', { hasText: group }) })
  const item = (await sub.count() ? sub.first() : menu).locator('.el-menu-item', { hasText: exact }).first()
  if (!(await item.isVisible())) await sub.first().locator('.el-sub-menu__title').click()
  await item.waitFor({ state: 'visible' })
  await item.click()
  await page.waitForLoadState('networkidle')
}

// Pick the option labelled label in formItem's el-select, and see it
// chosen: on a loaded machine the list may re-render (its options arrive)
// under the click, which then chooses nothing — then it is picked again.
export async function pickOption(page, formItem, label) {
  const select = formItem.locator('.el-select').first()
  const shown = async () => {
    const text = await select.innerText().catch(() => '')
    const value = await select.locator('input').first().inputValue().catch(() => '')
    return text.includes(label) || value.includes(label)
  }
  for (let attempt = 0; ; attempt++) {
    await select.click()
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click()
    for (let i = 0; i < 20 && !(await shown()); i++) await page.waitForTimeout(250)
    if (await shown()) return
    if (attempt === 2) throw new Error(`pickOption: "${label}" was clicked three times and is not shown as chosen`)
    await page.keyboard.press('Escape')
  }
}

export async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 1, `${what}: no horizontal page overflow (${overflow}px)`)
}

export async function logout(page) {
  // a list still loading would come back 401 once signed out (a slow server,
  // the sanitizer build): let it finish first
  await page.waitForLoadState('networkidle')
  const before = page.consoleErrors ? page.consoleErrors.length : 0
  await page.locator('[data-test=logout]').click()
  await page.locator('[data-test=login-link]').waitFor()
  // A request that started anyway (a list's page asked for as the click
  // landed) is answered 401 after the session ended: that is the sign-out
  // working, not an error of the page (seen on a loaded CI machine).
  await page.waitForLoadState('networkidle')
  if (page.consoleErrors) {
    const after = page.consoleErrors.slice(before)
      .filter((m) => !/status of 401 \(Unauthorized\)/.test(m))
    page.consoleErrors.splice(before, page.consoleErrors.length - before, ...after)
  }
}

function safeName(s) { return String(s).replace(/[^\w\u4e00-\u9fff.-]+/g, '_').slice(0, 120) }

export function screenshotOnFailure(t, page) {
  t.after(async () => {
    // t.passed is set by node:test once the test body has finished
    if (t.passed !== false) return
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const file = path.join(SCREENSHOT_DIR, `${safeName(t.name)}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    console.error(`screenshot saved: ${file}`)
  })
}

// Wrap a test body: on a throw, save a screenshot of page() then rethrow.
export function withScreenshot(name, getPage, fn) {
  return async (t) => {
    try {
      await fn(t)
    } catch (e) {
      const page = getPage()
      if (page) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true })
        const file = path.join(SCREENSHOT_DIR, `${safeName(name || t.name)}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        console.error(`screenshot saved: ${file}`)
      }
      throw e
    }
  }
}

export function assertNoConsoleErrors(assert, page) {
  assert.deepEqual(page.consoleErrors, [], `console errors:\n${page.consoleErrors.join('\n')}`)
}

export function assertNoConsoleWarnings(assert, page) {
  assert.deepEqual(page.consoleWarnings, [], `console warnings:\n${page.consoleWarnings.join('\n')}`)
}
