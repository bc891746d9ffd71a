// Browser-test harness: starts the real chanjiao binary on an ephemeral port
// (--demo, temp DB, --web web/dist) and drives Debian's Chromium through
// playwright-core (from web/node_modules). Never downloads a browser.
//
// Exports for tests:
//   startServer()               → { url, proc, stop() }
//   launchBrowser(opts)         → { browser, context, close() }  (fresh temp user-data-dir)
//   newPage(ctx, opts)          → page with page.consoleErrors = [] (console 'error' + pageerror)
//                               and page.consoleWarnings = [] (console 'warning')
//   login(page, user, password) signs in through the UI, waits for /workspace
//   logout(page)                signs out through the header button
//   screenshotOnFailure(t, page) registers a t.after hook saving
//                               build/web-test-screenshots/<test name>.png when the test failed
//   setup(t)                    server + browser for a whole test file (before/after hooks)
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
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s\n${out}\n${err}`)), 20000)
    proc.stdout.on('data', (b) => {
      out += b.toString()
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (m) { clearTimeout(timer); resolve(m[1]) }
    })
    proc.stderr.on('data', (b) => {
      err += b.toString()
      const m = err.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (m) { clearTimeout(timer); resolve(m[1]) }
    })
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code})\n${out}\n${err}`)) })
  })
  proc.stdout.resume()
  proc.stderr.resume()
  async function stop() {
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

export async function logout(page) {
  await page.locator('[data-test=logout]').click()
  await page.locator('[data-test=login-link]').waitFor()
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
