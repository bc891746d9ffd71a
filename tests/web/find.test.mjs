// Finding things (issue 16): a secretariat finds 上汽通用五菱 among the members by
// typing part of its name in the unit filter (a remote-search select, picked with
// the keyboard) and, separately, in the keyword box (q reaches the unit's name);
// clicking the unit opens its record page with its memberships and demand; a
// record that does not exist says so; sortable headers sort by keyboard; the
// page-size select is labelled.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, go, withScreenshot, assertNoConsoleErrors, SEC } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)
const SGMW = '上汽通用五菱'

let page = null
async function secPage() {
  if (page) return page
  page = await newPage(browser.context)
  await login(page, SEC[0], SEC[1], server.url)
  return page
}

// The rows of the members table once the list answered.
async function memberRows(p) {
  await p.locator('[data-test=page-members] .el-table__body').first().waitFor()
  await p.waitForLoadState('networkidle')
  return (await p.locator('[data-test=page-members] .el-table__body .el-table__row').allInnerTexts()).map((s) => s.trim())
}
async function total(p) {
  return Number((await p.locator('[data-test=page-members] .el-pagination__total').first().innerText()).replace(/\D+/g, ''))
}

test('the unit filter finds 上汽通用五菱 by part of its name', withScreenshot('find: unit filter', () => page, async () => {
  const p = await secPage()
  await go(p, server.url + '/workspace/members')
  const all = await (async () => { await memberRows(p); return total(p) })()
  assert.ok(all > 80, `the Liuzhou register lists its members (${all})`)

  const filter = p.locator('[data-test=page-members] [data-test=et-filter-organization_id]')
  await filter.waitFor()
  assert.equal(await filter.locator('input').getAttribute('aria-label'), '单位')
  // Type part of the name; the remote search offers it; Enter picks the first.
  await filter.click()
  await p.keyboard.type('五菱')
  const option = p.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: SGMW })
  await option.first().waitFor()
  // Once the search answered, only units named …五菱… are offered.
  await p.waitForFunction(() => {
    const items = [...document.querySelectorAll('.el-select-dropdown__item')].filter((e) => e.offsetParent)
    return items.length >= 1 && items.every((e) => e.textContent.includes('五菱'))
  }, null, { timeout: 10000 })
  const listed = p.waitForResponse((r) => r.url().includes('/api/v1/memberships?') && r.url().includes('organization_id=5'))
  await p.keyboard.press('Enter')
  await listed
  // The answer is in; the table shows it on the next render (reading at
  // once got the whole register in 1 of 2 fresh-clone runs).
  await p.waitForFunction((n) => {
    const t = document.querySelector('[data-test=page-members] .el-pagination__total')
    return t && Number(t.textContent.replace(/\D+/g, '')) < n
  }, all, { timeout: 10000 })
  const rows = await memberRows(p)
  assert.ok(rows.length >= 1, 'its membership is listed')
  assert.ok(rows.every((r) => r.includes(SGMW)), `every row is 上汽通用五菱's: ${rows}`)
  // The select shows the chosen name, not an id.
  assert.match(await filter.innerText(), /上汽通用五菱/)
  assert.ok(!/查询参数有误/.test(await p.locator('[data-test=page-members]').innerText()))
  assertNoConsoleErrors(assert, p)
}))

test('the keyword box finds 上汽通用五菱 by part of its name', withScreenshot('find: keyword', () => page, async () => {
  const p = await secPage()
  await go(p, server.url + '/workspace/members')
  await memberRows(p)
  const box = p.locator('[data-test=page-members] input[data-test=et-search]')
  await box.fill('上汽')
  const listed = p.waitForResponse((r) => r.url().includes('/api/v1/memberships?') && r.url().includes('q='))
  await box.press('Enter')
  assert.equal((await listed).status(), 200)
  const rows = await memberRows(p)
  assert.ok(rows.length >= 1 && rows.length < 5, `a few rows: ${rows}`)
  assert.ok(rows.some((r) => r.includes(SGMW)), `上汽通用五菱 is among them: ${rows}`)
  assert.equal(await total(p), rows.length)
  assertNoConsoleErrors(assert, p)
}))

test('clicking a unit opens its page; a missing record says so', withScreenshot('find: record page', () => page, async () => {
  const p = await secPage()
  await go(p, server.url + '/workspace/members')
  await memberRows(p)
  await p.locator('[data-test=page-members] input[data-test=et-search]').fill('上汽通用五菱')
  await p.locator('[data-test=page-members] input[data-test=et-search]').press('Enter')
  const link = p.locator('[data-test=page-members] .el-table__body [data-test=ref-organizations-5]').first()
  await link.waitFor()
  await link.click()
  await p.waitForURL((u) => u.pathname === '/workspace/records/organizations/5')
  await p.locator('[data-test=record-fields]').waitFor()
  assert.match(await p.locator('[data-test=record-title]').innerText(), /上汽通用五菱/)
  const fields = await p.locator('[data-test=record-fields]').innerText()
  assert.match(fields, /单位类型/)
  assert.match(fields, /企业/, 'the enum shows its label')
  // Its memberships and the demand it publishes, as the caller may read them.
  const ms = p.locator('[data-test=record-section-memberships]')
  await ms.locator('.el-table__row').first().waitFor()
  assert.match(await ms.innerText(), /广西（柳州）汽车产教联合体/)
  const demand = p.locator('[data-test=record-section-demand]')
  await demand.locator('.el-table__row').first().waitFor()
  // The consortium in a membership row links on to its own page.
  await ms.locator('[data-test=ref-consortia-1]').first().click()
  await p.waitForURL((u) => u.pathname === '/workspace/records/consortia/1')
  await p.locator('[data-test=record-fields]').waitFor()
  assert.match(await p.locator('[data-test=record-title]').innerText(), /柳州/)
  // Back returns to the unit.
  await p.locator('[data-test=record-back]').click()
  await p.waitForURL((u) => u.pathname === '/workspace/records/organizations/5')

  await go(p, server.url + '/workspace/records/organizations/999999')
  await p.locator('[data-test=record-error]').waitFor()
  assert.match(await p.locator('[data-test=record-error]').innerText(), /没有这条记录/)
  p.consoleErrors = p.consoleErrors.filter((e) => !/404/.test(e)) // the 404 the page explains
  assertNoConsoleErrors(assert, p)
}))

test('sortable headers sort by keyboard; the page-size select is labelled', withScreenshot('find: keyboard', () => page, async () => {
  const p = await secPage()
  await go(p, server.url + '/workspace/members')
  await memberRows(p)
  const header = p.locator('[data-test=page-members] .cj-et-sort').first()
  await header.waitFor()
  assert.equal(await header.getAttribute('tabindex'), '0')
  const field = (await header.getAttribute('data-test')).replace('et-sort-', '')
  await header.focus()
  let r = p.waitForResponse((x) => x.url().includes('/api/v1/memberships?') && x.url().includes(`sort=${field}`))
  await p.keyboard.press('Enter')
  await r
  r = p.waitForResponse((x) => x.url().includes('/api/v1/memberships?') && x.url().includes(`sort=-${field}`))
  await p.keyboard.press('Enter')
  await r
  r = p.waitForResponse((x) => x.url().includes('/api/v1/memberships?') && !x.url().includes('sort='))
  await p.keyboard.press('Enter')
  await r
  const sizes = p.locator('[data-test=page-members] .el-pagination__sizes input').first()
  assert.equal(await sizes.getAttribute('aria-label'), '每页条数')
  assertNoConsoleErrors(assert, p)
}))

test('a search hit on the public page names its enterprise, headcount, year and occupation', withScreenshot('find: search hit', () => page, async () => {
  const p = await newPage(browser.context)
  await go(p, server.url + '/consortia/1')
  await p.getByRole('tab', { name: '人才需求动态' }).click()
  await p.locator('input[data-test=demand-search]').fill('总装')
  await p.locator('[data-test=demand-search-submit]').click()
  const meta = p.locator('[data-test=demand-search-results] [data-test=demand-hit-meta]').first()
  await meta.waitFor()
  const text = (await meta.innerText()).trim()
  // e.g. 上汽通用五菱汽车股份有限公司 · 144 人 · 2026 年 · 职业 6-22-02-01 汽车装调工
  assert.match(text, /^\S.* · \d+ 人 · \d{4} 年 · 职业 \d-\d{2}-\d{2}-\d{2} \S+/, text)
  assertNoConsoleErrors(assert, p)
  await p.close()
}))
