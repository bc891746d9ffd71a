// The indicator-framework pages (issue 12) in Debian's Chromium against the
// real binary: the platform admin sees the shipped framework as a tree with
// 3/16/44 indicators, veto tags and measures, and the links to edit it; the
// secretariat reads the same tree but cannot edit (no links, the edit page
// refused, a write through the API 403); the measures library lists every
// measure with its parameters.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, signedIn, go, apiJSON, apiFetch, menuTexts, assertNoConsoleErrors, ADMIN, SEC } from './harness.mjs'

const server = useServer()

async function openTree(page) {
  await go(page, '/workspace/frameworks')
  const pg = page.locator('[data-test=page-frameworks]')
  await pg.locator('[data-test=framework-tree]').waitFor()
  return pg
}

test('the admin sees the shipped framework as a 3/16/44 tree and may edit it', async (t) => {
  const page = await signedIn(t, server, ADMIN)
  assert.ok((await menuTexts(page)).includes('指标体系'))
  const pg = await openTree(page)
  assert.match(await pg.locator('[data-test=framework-tree] h3').innerText(), /市域产教联合体建设监测指标/)
  assert.equal((await pg.locator('[data-test=framework-counts]').innerText()).trim(), '一级 3 项 · 二级 16 项 · 三级 44 项')
  const rows = pg.locator('[data-test=framework-indicators] .el-table__body-wrapper tr.el-table__row')
  await rows.nth(62).waitFor()
  assert.equal(await rows.count(), 63)
  assert.equal(await pg.locator('[data-test=indicator-level-1]').count(), 3)
  assert.equal(await pg.locator('[data-test=indicator-level-2]').count(), 16)
  assert.equal(await pg.locator('[data-test=indicator-level-3]').count(), 44)
  assert.ok(await pg.locator('[data-test=indicator-veto]').count() >= 4)
  assert.match(await pg.innerText(), /系统计算 · work_plan_completion/)
  await pg.locator('[data-test=frameworks-edit]').click()
  await page.waitForURL(/\/workspace\/framework-records/)
  await page.locator('.el-table__row').first().waitFor()
  assert.match(await page.locator('.el-table').first().innerText(), /2024-public/)
  assertNoConsoleErrors(assert, page)
})

test('the secretariat reads the tree but cannot edit it', async (t) => {
  const page = await signedIn(t, server, SEC)
  const pg = await openTree(page)
  assert.equal((await pg.locator('[data-test=framework-counts]').innerText()).trim(), '一级 3 项 · 二级 16 项 · 三级 44 项')
  assert.equal(await pg.locator('[data-test=frameworks-edit]').count(), 0)
  assert.equal(await pg.locator('[data-test=indicators-edit]').count(), 0)
  assert.match(await pg.locator('[data-test=frameworks-readonly]').innerText(), /只读/)
  // the edit page is the admin's: the router does not open it
  await go(page, '/workspace/framework-records')
  assert.doesNotMatch(page.url(), /framework-records/)
  // nor does the API take a write
  const fw = (await apiJSON(page, '/indicator-frameworks?status=active')).items[0]
  const st = await page.evaluate(async (id) => {
    const me = await (await fetch('/api/v1/auth/me')).json()
    return (await fetch('/api/v1/indicator-frameworks/' + id, {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify({ status: 'retired' }),
    })).status
  }, fw.id)
  assert.equal(st, 403)
  const again = await apiFetch(page, '/indicator-frameworks/' + fw.id)
  assert.equal(again.body.status, 'active')
})

test('the measures library lists every measure with its parameters', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace/measures')
  const pg = page.locator('[data-test=page-measures]')
  await pg.locator('[data-test=measure-key]').first().waitFor()
  const lib = await apiJSON(page, '/measures')
  assert.equal(await pg.locator('[data-test=measure-key]').count(), lib.total)
  const text = await pg.innerText()
  assert.match(text, /dual_qualified_share/)
  assert.match(text, /双师型教师占比/)
  assert.match(text, /level_min/)
  assertNoConsoleErrors(assert, page)
})
