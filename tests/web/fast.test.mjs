// A fast first page (issue 16): the public pages fetch no workspace code, no
// whole Element Plus and no ECharts, and at most 250 KB of compressed
// JavaScript; the consortium page shows its text before its charts.  And the
// small things seen on the public page and the dashboard: the 合计 row filled,
// one colour per unit type on every consortium, one rounding rule for the
// progress card and gauge, legends that fit on a phone, no emoji labels.
// Sizes and requests only: timings are bench/web_fcp.mjs's.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { useServer, useBrowser, newPage, login, go, apiJSON, screenshotOnFailure, assertNoConsoleErrors, ROOT, SEC } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

// SPEC.md's budget for the portal's JavaScript, compressed as sent.
const JS_BUDGET = 250 * 1024

// The build's manifest names the source of every chunk: the ones the public
// pages must not fetch are the workspace's (views/workspace/, its layout and
// home, sign-in), the rest of Element Plus (src/element-plus.js) and ECharts
// (src/charts/all.js).
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'web', 'dist', '.vite', 'manifest.json'), 'utf8'))
const sourceOf = new Map(Object.entries(manifest).map(([src, m]) => [path.basename(m.file), src]))
const FORBIDDEN = /(^|\/)(views\/workspace\/|views\/WorkspaceLayout\.vue|views\/WorkspaceHome\.vue|views\/Login\.vue|element-plus\.js$|charts\/all\.js$)/

async function scriptsOf(page, url, ready) {
  // every request goes to the server, as on a first visit
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const scripts = []
  page.on('response', (resp) => { if (resp.request().resourceType() === 'script') scripts.push(resp) })
  await page.goto(server.url + url)
  await ready()
  await page.waitForLoadState('networkidle')
  const out = []
  for (const resp of scripts) {
    const file = path.basename(new URL(resp.url()).pathname)
    const body = (await resp.body()).toString('utf8')
    out.push({ file, src: sourceOf.get(file) || '?', sent: (await resp.request().sizes()).responseBodySize, body,
      encoding: (await resp.allHeaders())['content-encoding'] || 'identity' })
  }
  return out
}

function assertLean(scripts, what) {
  const sent = scripts.reduce((a, s) => a + s.sent, 0)
  console.log(`${what}: ${scripts.length} scripts, ${sent} bytes sent: ` +
    scripts.map((s) => `${s.src} ${s.sent} (${s.encoding})`).join(', '))
  for (const s of scripts) {
    assert.doesNotMatch(s.src, FORBIDDEN, `${what} fetched ${s.file} (${s.src})`)
    // no component of the workspace's part of Element Plus, no ECharts inside any chunk
    for (const name of ['"ElTable"', '"ElDatePicker"', '"ElSelect"', '"ElMenu"', '"ElDialog"']) {
      assert.ok(!s.body.includes(name), `${what}: ${s.file} (${s.src}) holds ${name}`)
    }
    assert.ok(!/zrender|echarts/i.test(s.body), `${what}: ${s.file} (${s.src}) holds ECharts`)
    if (s.body.length >= 1024) assert.notEqual(s.encoding, 'identity', `${s.file} sent compressed`)
  }
  assert.ok(sent <= JS_BUDGET, `${what}: ${sent} bytes of JavaScript sent, budget ${JS_BUDGET}`)
}

before(() => browser.ready())

test('the portal fetches no workspace code, no whole Element Plus, no ECharts, ≤ 250 KB of JavaScript', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
    const scripts = await scriptsOf(page, '/', () => page.locator('[data-test=consortium-card]').first().waitFor())
    assertLean(scripts, '/')
    assertNoConsoleErrors(assert, page)
  await page.close()
})

test('the public consortium page: the same, its text and composition drawn without a chart library', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
    const scripts = await scriptsOf(page, '/consortia/1', () => page.locator('[data-test=composition-chart] svg path').first().waitFor())
    assertLean(scripts, '/consortia/1')
    assert.match(await page.locator('[data-test=consortium-name]').innerText(), /\S/)
    assert.match(await page.locator('.cj-desc-text').first().innerText(), /\S/)
    // the ring has one sector per unit type present, its tooltip naming type, count and share
    const comp = await apiJSON(page, '/consortia/1/composition')
    const present = Object.entries(comp.by_type).filter(([, n]) => n > 0)
    assert.equal(await page.locator('[data-test=composition-chart] .cj-donut-sector').count(), present.length)
    const ent = await page.locator('[data-test=composition-chart] .cj-donut-sector[data-type=enterprise] title').textContent()
    assert.match(ent, new RegExp(`^企业: ${comp.by_type.enterprise} \\(\\d+(\\.\\d)?%\\)$`))
    // the workspace still works after the portal: its routes and the rest of Element Plus load on demand
    await page.goto(server.url + '/login')
    await page.locator('[data-test=login-submit]').waitFor()
    assertNoConsoleErrors(assert, page)
  await page.close()
})

test('the 成效 tab shows its figures before ECharts arrives, in boxes that do not move', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
    let release
    const held = new Promise((resolve) => { release = resolve })
    const chartsFile = path.basename(manifest['src/charts/all.js'].file)
    let asked = false
    await page.route(`**/assets/${chartsFile}`, async (route) => { asked = true; await held; await route.continue() })
    await go(page, '/consortia/1')
    assert.equal(asked, false, 'ECharts not fetched for the overview')
    await page.getByRole('tab', { name: '成效' }).click()
    await page.locator('[data-test=outcomes-table] tbody tr').first().waitFor()
    await page.locator('[data-test=outcome-kpi-graduates] [data-test=value]').waitFor()
    const box = page.locator('[data-test=outcomes-people-chart]')
    await page.waitForFunction(() => true)
    assert.equal(await box.getAttribute('data-drawn'), 'no', 'the chart waits for ECharts')
    const before = await box.boundingBox()
    const tableBefore = await page.locator('[data-test=outcomes-table]').boundingBox()
    assert.ok(before.height >= 280, `the chart's box is reserved: ${before.height}px`)
    assert.ok(asked, 'ECharts asked for when the tab opened')
    release()
    await page.locator('[data-test=outcomes-people-chart][data-drawn=yes] canvas').waitFor()
    const after = await box.boundingBox()
    const tableAfter = await page.locator('[data-test=outcomes-table]').boundingBox()
    assert.equal(after.height, before.height, 'the chart box keeps its height')
    assert.equal(tableAfter.y, tableBefore.y, 'nothing below the charts moves')
    assertNoConsoleErrors(assert, page)
  await page.close()
})

test('agreements by year: the 合计 row holds each year\'s total', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
    await go(page, '/consortia/1')
    await page.getByRole('tab', { name: '合作协议' }).click()
    const foot = page.locator('[data-test=agreements-by-type] tfoot tr[data-test=agreements-total]')
    await foot.waitFor()
    const stats = await apiJSON(page, '/consortia/1/stats')
    const years = Object.keys(stats.agreements.by_year).sort()
    assert.ok(years.length > 0)
    let sum = 0
    for (const y of years) {
      const want = Object.values(stats.agreements.by_year[y]).reduce((a, n) => a + n, 0)
      assert.equal(await foot.locator(`td[data-year="${y}"]`).innerText(), String(want), `合计 of ${y}`)
      sum += want
    }
    assert.equal((await foot.locator('td').last().innerText()).trim(), String(stats.agreements.total))
    assert.equal(sum, stats.agreements.total)
  await page.close()
})

test('one colour per unit type on every consortium', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
    await go(page, '/')
    const consortia = (await apiJSON(page, '/consortia?per_page=10')).items
    assert.ok(consortia.length >= 2, 'the demo has two consortia')
    const seen = {}
    for (const c of consortia.slice(0, 2)) {
      await page.goto(server.url + '/consortia/' + c.id)
      await page.locator('[data-test=composition-chart] .cj-donut-sector').first().waitFor()
      const fills = await page.$$eval('[data-test=composition-chart] .cj-donut-sector', (gs) =>
        gs.map((g) => [g.dataset.type, g.querySelector('path').getAttribute('fill')]))
      for (const [type, fill] of fills) {
        if (seen[type]) assert.equal(fill, seen[type], `${type} drawn in one colour`)
        seen[type] = fill
      }
    }
    assert.equal(new Set(Object.values(seen)).size, Object.keys(seen).length, 'each type its own colour')
  await page.close()
})

test('dashboard on a phone: legends wrap whole, the progress card and gauge agree, no emoji labels', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(server.url + '/login')
    await login(page, ...SEC)
    await page.locator('[data-test=dashboard] [data-test=composition-chart][data-drawn=yes]').waitFor({ timeout: 30000 })
    // the composition legend takes more than one line at 390 px, and its box grew by them
    const chart = page.locator('[data-test=dashboard] [data-test=composition-chart]')
    const lines = Number(await chart.getAttribute('data-legend-lines'))
    assert.ok(lines >= 2, `legend wraps on a phone: ${lines} lines`)
    const h = (await chart.boundingBox()).height
    assert.ok(Math.abs(h - (340 + (lines - 1) * 22)) <= 1, `the box grew by the legend's lines: ${h}px`)
    // the card shows the progress as the gauge does: one decimal
    const stats = await apiJSON(page, '/consortia/1/stats')
    const years = Object.keys(stats.work_plan.by_year).sort()
    const y = years.includes(String(new Date().getFullYear())) ? String(new Date().getFullYear()) : years[years.length - 1]
    const avg = stats.work_plan.by_year[y].average_progress
    const card = (await page.locator('[data-test=kpi-progress] .ws-kpi-value').innerText()).replace(/\s+/g, '')
    assert.equal(card, `${Math.round(avg * 10) / 10}%`)
    // meetings: the date and place are labelled in words
    await go(page, '/workspace/meetings')
    await page.locator('.el-table__row').first().click()
    const desc = page.locator('.ws-desc')
    await desc.waitFor()
    const text = await desc.innerText()
    assert.match(text, /召开日期/)
    assert.match(text, /地点/)
    assert.doesNotMatch(await page.locator('body').innerText(), /\p{Extended_Pictographic}/u, 'no emoji in the UI')
    assertNoConsoleErrors(assert, page)
  await page.close()
})
