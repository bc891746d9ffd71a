// The annual report page (年度报告) in Debian's Chromium against the real binary
// with the demo data: Liuzhou's secretariat opens it from the 治理 menu group and
// reads the server's printable page for the current year in a sandboxed frame —
// every section, the 84 members and the 柳州职业技术大学–广西汽车集团 row with the
// figures of the API's json — and the PDF and XLSX links answer their formats;
// a member school's staff opens the same page; no console errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, signedIn, openMenuItem, menuTexts, apiJSON, apiFetch, assertNoConsoleErrors, SEC, SCHOOL } from './harness.mjs'

const server = useServer()
const YEAR = new Date().getFullYear()

async function frameText(page) {
  const body = page.frameLocator('[data-test=report-frame]').locator('body')
  await body.locator('h2').first().waitFor()
  return (await body.innerText()).replace(/\s+/g, ' ')
}

test('the secretariat reads the annual report and its downloads', async (t) => {
  const page = await signedIn(t, server, SEC)
  const menu = await menuTexts(page)
  assert.ok(menu.includes('年度报告'), `menu: ${menu}`)
  await openMenuItem(page, '年度报告', '治理')
  await page.locator('[data-test=page-annual-report]').waitFor()
  const text = await frameText(page)
  for (const s of ['概况与成员构成', '治理', '人才供需', '成效', '主要校企合作', '技术服务', '共建资源与联合培养', '指标与目标']) {
    assert.ok(text.includes(s), `section ${s}`)
  }
  assert.ok(text.includes('成员单位共 84 家'), text.slice(0, 400))
  const json = await apiJSON(page, `/consortia/1/annual-report?year=${YEAR}`)
  const pair = json.outcomes.pairs.find((p) => p.school === '柳州职业技术大学' && p.enterprise === '广西汽车集团有限公司')
  assert.ok(pair, 'the 柳州职业技术大学–广西汽车集团 pair')
  const row = [pair.interns, pair.graduates, pair.certificates_technician, pair.person_times, pair.projects].join(' ')
  assert.ok(text.includes(`广西汽车集团有限公司 ${row}`), `pair row ${row}`)
  assert.match(await page.locator('[data-test=report-pdf]').getAttribute('href'), /annual-report\?.*format=pdf/)
  const xlsx = await page.locator('[data-test=report-xlsx]').getAttribute('href')
  assert.match(xlsx, /format=xlsx/)
  const x = await apiFetch(page, `/consortia/1/annual-report?year=${YEAR}&format=xlsx`)
  assert.equal(x.status, 200)
  assertNoConsoleErrors(assert, page)
})

test('a member school staff opens the same report', async (t) => {
  const page = await signedIn(t, server, SCHOOL)
  await openMenuItem(page, '年度报告', '治理')
  const text = await frameText(page)
  assert.ok(text.includes('成员单位共 84 家'))
  assertNoConsoleErrors(assert, page)
})
