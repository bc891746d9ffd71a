// Places (issue 16): a region field is a province → city → county picker over the
// GB/T 2260 catalogue (web/src/components/RegionPicker.vue, behind CatalogSelect).
// An enterprise types 鱼峰 into 工作地点 of a new demand item, picks 柳州市 / 鱼峰区
// from the suggestions, and the item is saved with the code 450203; the list shows
// the place by name with its code; browsing 广西 → 柳州市 picks a city; editing
// shows the saved place; no console errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, go, pickOption, apiJSON, screenshotOnFailure, assertNoConsoleErrors, ENTERPRISE } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

async function newDemand(page, title, occupation) {
  const table = page.locator('[data-test=page-my-demand]')
  await table.locator('[data-test=et-create]').click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=occupation_code] .el-select').click()
  await dlg.locator('[data-field=occupation_code] input').fill(occupation)
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '6-22-02-01' }).first().click()
  await dlg.locator('[data-field=job_title] input').fill(title)
  await pickOption(page, dlg.locator('[data-field=kind]'), '订单班')
  await dlg.locator('[data-field=headcount] input').fill('3')
  await dlg.locator('[data-field=headcount] input').press('Tab')
  return dlg
}

async function save(page, dlg) {
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/demand') && r.request().method() === 'POST')
  await dlg.locator('[data-test=form-save]').click()
  assert.equal((await created).status(), 201)
  await dlg.waitFor({ state: 'hidden' })
}

test('a place is picked by name, saved as its code and listed by name', async (t) => {
  await server.ready()
  await browser.ready()
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await login(page, ENTERPRISE[0], ENTERPRISE[1], server.url)
  await go(page, server.url + '/workspace/my-demand')
  const table = page.locator('[data-test=page-my-demand]')
  await table.locator('.el-table__row').first().waitFor()

  // Typed: 鱼峰 → the suggestion 广西壮族自治区 / 柳州市 / 鱼峰区.
  const title = '地点测试：鱼峰区岗位'
  let dlg = await newDemand(page, title, '装调')
  const field = dlg.locator('[data-field=region_code]')
  await field.locator('.el-cascader').click()
  await field.locator('.el-cascader input').first().fill('鱼峰')
  const hit = page.locator('.el-cascader__dropdown:visible .el-cascader__suggestion-item', { hasText: '鱼峰区' }).first()
  await hit.waitFor()
  assert.match(await hit.innerText(), /广西壮族自治区.*柳州市.*鱼峰区/)
  await hit.click()
  assert.match(await field.locator('.el-cascader input').first().inputValue(), /柳州市.*鱼峰区/)
  await save(page, dlg)

  const found = await apiJSON(page, '/demand?q=' + encodeURIComponent(title))
  assert.equal(found.total, 1)
  assert.equal(found.items[0].region_code, '450203')
  const row = table.locator('.el-table__row', { hasText: title })
  await row.waitFor()
  await row.filter({ hasText: '鱼峰区 450203' }).waitFor()

  // Browsed: 广西壮族自治区 → 柳州市, a city picked as it stands.
  const title2 = '地点测试：柳州市岗位'
  dlg = await newDemand(page, title2, '汽车装调')
  const field2 = dlg.locator('[data-field=region_code]')
  await field2.locator('.el-cascader').click()
  const menus = page.locator('.el-cascader__dropdown:visible .el-cascader-menu')
  await menus.first().locator('.el-cascader-node', { hasText: '广西壮族自治区' }).click()
  const city = menus.nth(1).locator('.el-cascader-node', { hasText: '柳州市' })
  await city.waitFor()
  await city.locator('.el-radio').click() // any level may be picked
  // the pick has reached the field (a busy machine may take a moment) before the menu closes
  const input2 = field2.locator('.el-cascader input').first()
  for (let i = 0; i < 100 && !/柳州市/.test(await input2.inputValue()); i++) await page.waitForTimeout(100)
  assert.match(await input2.inputValue(), /柳州市/)
  await page.keyboard.press('Escape')
  await save(page, dlg)
  const found2 = await apiJSON(page, '/demand?q=' + encodeURIComponent(title2))
  assert.equal(found2.items[0].region_code, '450200')
  await table.locator('.el-table__row', { hasText: title2 }).filter({ hasText: '柳州市 450200' }).waitFor()

  // Edited: the form shows the saved place by name.
  await row.locator('[data-test=et-edit]').first().click()
  const edit = page.locator('.el-dialog:visible')
  await edit.locator('[data-field=region_code] .el-cascader').waitFor()
  await page.waitForFunction(() => {
    const i = document.querySelector('.el-dialog [data-field=region_code] .el-cascader input')
    return i && /鱼峰区/.test(i.value)
  })
  await edit.locator('[data-test=form-cancel]').click()
  assertNoConsoleErrors(assert, page)
  await page.close()
})

test('a region filter narrows a list by place', async (t) => {
  await server.ready()
  await browser.ready()
  const page = await newPage(browser.context) // signed in by the test above (one browser)
  screenshotOnFailure(t, page)
  await go(page, server.url + '/workspace/my-demand')
  if (page.url().includes('/login')) await login(page, ENTERPRISE[0], ENTERPRISE[1], server.url)
  await go(page, server.url + '/workspace/my-demand')
  const table = page.locator('[data-test=page-my-demand]')
  await table.locator('.el-table__row').first().waitFor()
  const filter = table.locator('.cj-region-picker').first()
  await filter.click()
  await filter.locator('input').first().fill('柳州')
  const listed = page.waitForResponse((r) => /\/api\/v1\/demand\?.*region_code=450200/.test(r.url()))
  await page.locator('.el-cascader__dropdown:visible .el-cascader__suggestion-item', { hasText: /柳州市$/ }).first().click()
  const r = await listed
  assert.equal(r.status(), 200)
  const body = await r.json()
  assert.ok(body.items.every((d) => d.region_code === '450200'))
  assertNoConsoleErrors(assert, page)
  await page.close()
})
