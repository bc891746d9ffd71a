// The secretariat's technology figures (技术服务数据) in Debian's Chromium against
// the real binary with the demo data: Liuzhou's secretariat opens the page from the
// 技术服务 menu group and reads the 柳州职业技术大学–广西汽车集团 joint research
// counted from records (20 余项), the charts and the per-unit table; a year narrows
// the figures; the supervision list of projects opens; no console errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, signedIn, go, openMenuItem, menuTexts, apiJSON, assertNoConsoleErrors, SEC } from './harness.mjs'

const server = useServer()

async function kpi(page, key) {
  const v = await page.locator(`[data-test=rd-kpi-${key}] .ws-kpi-value`).getAttribute('data-value')
  return Number(v)
}

test('the secretariat sees the Liuzhou joint research counted on 技术服务数据', async (t) => {
  const page = await signedIn(t, server, SEC)
  const menu = await menuTexts(page)
  assert.ok(menu.includes('技术服务数据'), `menu: ${menu}`)
  await openMenuItem(page, '技术服务数据', '技术服务')
  await page.locator('[data-test=page-rd-stats]').waitFor()
  await page.locator('[data-test=rd-kpi-projects]').waitFor()
  const projects = await kpi(page, 'projects')
  assert.ok(projects >= 20, `20 余项: ${projects}`)
  const api = await apiJSON(page, '/consortia/1/rd-stats')
  assert.equal(projects, api.projects.total)
  assert.equal(await kpi(page, 'needs'), api.needs.published)
  assert.equal(await kpi(page, 'matched'), 1)
  // charts of projects by kind and outputs by kind
  await page.locator('[data-test=rd-chart-kind] .cj-donut').waitFor()
  await page.locator('[data-test=rd-chart-output] .cj-donut').waitFor()
  assert.match(await page.locator('[data-test=rd-output-standard-group]').innerText(), /团体标准\s*1/)
  // the per-unit table: the university leads most projects (sorted by projects led)
  const first = page.locator('[data-test=rd-units] .el-table__body tr').first()
  assert.match(await first.innerText(), /柳州职业技术大学/)
  assert.match(await page.locator('[data-test=rd-xlsx]').getAttribute('href'), /rd-stats\?.*format=xlsx/)
  // one year: fewer projects than all years, the same as the API's
  await page.locator('[data-test=rd-year]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: /^2024$/ }).click()
  await page.locator('[data-test=page-rd-stats][data-year="2024"]').waitFor()
  const y = await apiJSON(page, '/consortia/1/rd-stats?year=2024')
  await page.waitForFunction((n) => document.querySelector('[data-test=rd-kpi-projects] .ws-kpi-value')?.dataset.value === String(n), y.projects.total)
  assert.ok(y.projects.total < projects)
  // project supervision
  await go(page, '/workspace/rd-projects')
  await page.locator('.el-table__body tr').first().waitFor()
  assert.match(await page.locator('.el-table__body').innerText(), /联合攻关/)
  assertNoConsoleErrors(assert, page)
})
