// 字典管理 (Option lists, web/src/views/workspace/Options.vue): the secretariat
// adds an agreement type, the agreement form offers it, the list labels a row
// that has it; deactivated, it is no longer offered but the row keeps its label.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, go, screenshotOnFailure, assertNoConsoleErrors, SEC, ADMIN } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

async function token([user, password]) {
  const r = await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password }),
  })
  return (await r.json()).token
}

async function typeChoices(page) {
  await page.locator('[data-test=et-create]').click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=type] .el-select').click()
  // allInnerTexts does not wait: the list may not be open yet (it read [] then)
  const list = page.locator('.el-select-dropdown:visible .el-select-dropdown__item')
  await list.first().waitFor()
  const items = await list.allInnerTexts()
  await page.keyboard.press('Escape')
  await dlg.locator('[data-test=form-cancel]').click()
  return items.map((s) => s.trim())
}

test('the secretariat extends the agreement types', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await login(page, SEC[0], SEC[1], server.url)
  await go(page, server.url + '/workspace/options')
  const section = page.locator('[data-field="agreements.type"]')
  await section.waitFor()
  assert.match(await section.innerText(), /校企合作/)
  // agreements.type, meetings.kind, trainings.kind, tech_needs.field (技术领域)
  assert.equal(await page.locator('.ws-opt-field').count(), 4)

  // Add 订单班协议.
  await page.locator('[data-test="opt-add-agreements.type"]').click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=label_zh] input').fill('订单班协议')
  await dlg.locator('[data-field=label_en] input').fill('Order-class agreement')
  await dlg.locator('[data-field=value] input').fill('order_class')
  await dlg.locator('[data-test=form-save]').click()
  await section.locator('text=订单班协议').waitFor()

  // The agreement form offers it; a row of that type is labelled by it.
  await go(page, server.url + '/workspace/agreements')
  assert.ok((await typeChoices(page)).includes('订单班协议'))
  const tok = await token(ADMIN)
  const r = await fetch(server.url + '/api/v1/agreements', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + tok },
    body: JSON.stringify({ consortium_id: 1, title: '字典浏览器测试协议', type: '订单班协议', parties: [8, 5], status: 'draft' }),
  })
  assert.equal(r.status, 201)
  await go(page, server.url + '/workspace/agreements')
  const row = page.locator('.el-table__row', { hasText: '字典浏览器测试协议' })
  await row.waitFor()
  assert.match(await row.innerText(), /订单班协议/)

  // Deactivated: not offered any more, the row keeps its label.
  await go(page, server.url + '/workspace/options')
  await page.locator('[data-test=opt-active-order_class]').click()
  await page.locator('.ws-opt-inactive', { hasText: '订单班协议' }).waitFor()
  await go(page, server.url + '/workspace/agreements')
  await page.locator('.el-table__row', { hasText: '字典浏览器测试协议' }).waitFor()
  assert.match(await page.locator('.el-table__row', { hasText: '字典浏览器测试协议' }).innerText(), /订单班协议/)
  assert.ok(!(await typeChoices(page)).includes('订单班协议'))
  assertNoConsoleErrors(assert, page)
  await page.close()
})
