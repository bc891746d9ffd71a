// web_fcp.mjs — a fast first page (issue 16): the real binary with the demo
// data serving the built app, Debian's Chromium through playwright-core, on a
// slow phone line (Chrome DevTools' network emulation: 1.6 Mbps down, 750 kbps
// up, 150 ms latency) with the cache disabled, RUNS visits (default 5) of the
// public consortium page (/consortia/1) and of the portal (/).  Per page:
// first contentful paint, when the consortium's own text (its name) and the
// composition chart were painted, largest contentful paint, the compressed
// JavaScript (and all bytes) transferred, and the largest chunks by source.
// Targets (SPEC.md, issue 16): FCP ≤ 2.5 s, the portal's JavaScript ≤ 250 KB
// compressed.  Prints figures; never fails on a timing.
//
//   node bench/web_fcp.mjs                      # web/dist, build/chanjiao
//   WEB=/other/web/dist node bench/web_fcp.mjs  # another build of the app (e.g. the one before)
//   RUNS=10 node bench/web_fcp.mjs
import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { ROOT, launchBrowser, newPage } from '../tests/web/harness.mjs'

const RUNS = Number(process.env.RUNS || 5)
const WEB = path.resolve(process.env.WEB || path.join(ROOT, 'web', 'dist'))
const BIN = path.resolve(ROOT, process.env.CHANJIAO_BIN || 'build/chanjiao')
const NET = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) }
const FCP_TARGET = 2500
const JS_TARGET = 250 * 1024

const manifestFile = path.join(WEB, '.vite', 'manifest.json')
const sourceOf = new Map()
if (existsSync(manifestFile)) {
  for (const [src, m] of Object.entries(JSON.parse(readFileSync(manifestFile, 'utf8')))) sourceOf.set(path.basename(m.file), src)
}

// The binary on an ephemeral port with the demo, serving WEB.
async function serve() {
  const dir = mkdtempSync(path.join(tmpdir(), 'chanjiao-fcp-'))
  const proc = spawn(BIN, ['serve', '--db', path.join(dir, 'bench.db'), '--listen', '127.0.0.1:0', '--demo', '--web', WEB],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 90 s\n' + out)), 90000)
    const look = (d) => {
      out += d
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (m) { clearTimeout(timer); resolve(m[1]) }
    }
    proc.stdout.on('data', look)
    proc.stderr.on('data', look)
    proc.once('exit', (c) => { clearTimeout(timer); reject(new Error(`server exited ${c}\n${out}`)) })
  })
  return { url, stop: () => { proc.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }) } }
}

// One throttled, uncached visit of url; ready() resolves when the page is drawn.
async function visit(context, url, marks) {
  const page = await newPage(context)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', NET)
  await page.addInitScript((sels) => {
    // the time each mark's element is first in the page with text or drawing
    window.__marks = {}
    window.__lcp = 0
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime }).observe({ type: 'largest-contentful-paint', buffered: true })
    const check = () => {
      for (const [name, sel] of Object.entries(sels)) {
        if (window.__marks[name] == null && document.querySelector(sel)) window.__marks[name] = performance.now()
      }
      if (Object.keys(window.__marks).length < Object.keys(sels).length) requestAnimationFrame(check)
    }
    requestAnimationFrame(check)
  }, marks)
  const responses = []
  page.on('response', (r) => responses.push(r))
  await page.goto(url, { waitUntil: 'load', timeout: 120000 })
  for (const sel of Object.values(marks)) await page.locator(sel).first().waitFor({ timeout: 120000 })
  await page.waitForLoadState('networkidle', { timeout: 120000 })
  const t = await page.evaluate(() => {
    const fcp = (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime
    // the network's share: when the last byte of what was asked for before the
    // first paint (the page, its CSS and start-up JavaScript) had arrived
    const nav = performance.getEntriesByType('navigation')[0]
    const early = performance.getEntriesByType('resource')
      .filter((e) => fcp != null && e.startTime < fcp && e.initiatorType !== 'fetch' && e.initiatorType !== 'xmlhttprequest')
    const net = Math.max(nav ? nav.responseEnd : 0, ...early.map((e) => e.responseEnd))
    return { fcp, net, lcp: window.__lcp, marks: window.__marks }
  })
  let js = 0
  let all = 0
  const chunks = []
  for (const r of responses) {
    const sent = (await r.request().sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize
    all += sent
    if (r.request().resourceType() === 'script') {
      js += sent
      const file = path.basename(new URL(r.url()).pathname)
      chunks.push({ file, src: sourceOf.get(file) || file, sent })
    }
  }
  await page.close()
  return { ...t, js, all, chunks }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2 }
const ms = (x) => (x == null ? '—' : `${Math.round(x)}`)
const kb = (x) => `${(x / 1024).toFixed(1)}`

const PAGES = [
  { name: 'consortium /consortia/1', path: '/consortia/1', marks: { text: '[data-test=consortium-name]', chart: '[data-test=composition-chart] svg' } },
  { name: 'portal /', path: '/', marks: { text: '[data-test=consortium-card]' } },
]

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const server = await serve()
const b = await launchBrowser()
console.log(`web_fcp: ${WEB}; load average ${load()} on ${(await import('node:os')).cpus().length} cores`)
console.log(`network: ${NET.downloadThroughput * 8 / 1e6} Mbps down, ${NET.uploadThroughput * 8 / 1e3} kbps up, ${NET.latency} ms latency, cache disabled; ${RUNS} runs per page`)
let ok = true
try {
  // one unthrottled visit first: the server's demo data and Chromium warm
  await visit(b.context, server.url + '/consortia/1', {}).catch(() => {})
  for (const p of PAGES) {
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await visit(b.context, server.url + p.path, p.marks))
    const col = (f) => runs.map(f).filter((x) => x != null)
    const line = (label, xs, unit = 'ms') => console.log(`  ${label.padEnd(28)} median ${ms(median(xs)).padStart(6)} ${unit}  min ${ms(Math.min(...xs)).padStart(6)}  max ${ms(Math.max(...xs)).padStart(6)}`)
    console.log(`\n${p.name}`)
    line('first contentful paint', col((r) => r.fcp))
    line('  of which network (bytes in)', col((r) => r.net))
    line('own text painted', col((r) => r.marks.text))
    if (p.marks.chart) line('composition chart drawn', col((r) => r.marks.chart))
    line('largest contentful paint', col((r) => r.lcp))
    const last = runs[runs.length - 1]
    console.log(`  JavaScript sent              ${kb(last.js)} KB in ${last.chunks.length} scripts (all bytes ${kb(last.all)} KB)`)
    const top = [...last.chunks].sort((a, c) => c.sent - a.sent).slice(0, 5)
    console.log(`  largest chunks               ${top.map((c) => `${c.src} ${kb(c.sent)} KB`).join(', ')}`)
    const fcp = median(col((r) => r.fcp))
    const fcpOk = fcp <= FCP_TARGET
    const jsOk = last.js <= JS_TARGET
    console.log(`  target FCP ≤ ${FCP_TARGET} ms: ${fcpOk ? 'met' : 'NOT met'}; JavaScript ≤ ${JS_TARGET / 1024} KB: ${jsOk ? 'met' : 'NOT met'}`)
    ok = ok && fcpOk && jsOk
  }
} finally {
  await b.close()
  server.stop()
}
console.log(`\nweb_fcp: targets ${ok ? 'met' : 'NOT all met'} (load average ${load()}: on a busy machine the paint times carry its CPU wait)`)
