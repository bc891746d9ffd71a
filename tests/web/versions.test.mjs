// Record revisions in the browser (issue 15): a form opened on a record that
// someone else then changes is refused on save with the message "该记录已被他人
// 修改" and a reload button that refills the form from the newer record; a
// delete of a row changed since the list was read is refused the same way.
// The change "underneath" is made over the API with a second session.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, signedIn, go, apiJSON, assertNoConsoleErrors, SEC } from './harness.mjs'

const server = useServer()

// A second client: a bearer session of the same secretariat, as another
// person at another desk would have.
async function otherClient() {
  const r = await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: SEC[0], password: SEC[1] }),
  })
  const { token } = await r.json()
  return async (method, path, body) => {
    const res = await fetch(server.url + '/api/v1' + path, {
      method, headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: res.status, etag: res.headers.get('etag'), body: res.status === 204 ? null : await res.json() }
  }
}

// The browser logs the expected 412 as a failed load; nothing else may fail.
function noErrorsBut412(page) {
  page.consoleErrors = page.consoleErrors.filter((e) => !/status of 412/.test(e))
  assertNoConsoleErrors(assert, page)
}

// The announcements page's first row as the page lists it.
async function firstRow(page) {
  const rows = page.locator('[data-test=page-announcements] .el-table__body-wrapper .el-table__row')
  await rows.first().waitFor()
  const title = (await rows.first().locator('td').first().innerText()).trim()
  const list = await apiJSON(page, '/announcements?consortium_id=1&per_page=100')
  const row = list.items.find((r) => r.title === title)
  assert.ok(row, `row "${title}" in the list`)
  return { rows, row }
}

test('a form saved over a record changed meanwhile says so and reloads it', async (t) => {
  const page = await signedIn(t, server, SEC)
  const other = await otherClient()
  await go(page, '/workspace/announcements')
  const { rows, row } = await firstRow(page)
  await rows.first().locator('[data-test=et-edit]').click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=title] input').waitFor()

  // Someone else changes the record while the form is open.
  const changed = await other('PATCH', `/announcements/${row.id}`, { title: '他人修改的标题（测试）' })
  assert.equal(changed.status, 200)
  assert.equal(changed.etag, `"${row.revision + 1}"`)

  // Saving the form opened at the old revision: 412, shown at the top, nothing saved.
  await dlg.locator('[data-field=title] input').fill('我的标题（测试）')
  const answer = page.waitForResponse((r) => r.request().method() === 'PATCH')
  await dlg.locator('[data-test=form-save]').click()
  const res = await answer
  assert.equal(res.status(), 412)
  assert.equal(res.request().headers()['if-match'], `"${row.revision}"`)
  const stale = dlg.locator('[data-test=form-stale]')
  await stale.waitFor()
  assert.match(await stale.innerText(), /该记录已被他人修改，请刷新后再试/)
  assert.equal((await other('GET', `/announcements/${row.id}`)).body.title, '他人修改的标题（测试）')

  // Reload: the form shows the newer record, and saving it now works.
  await dlg.locator('[data-test=form-reload]').click()
  await stale.waitFor({ state: 'hidden' })
  assert.equal(await dlg.locator('[data-field=title] input').inputValue(), '他人修改的标题（测试）')
  await dlg.locator('[data-field=title] input').fill('重新载入后保存（测试）')
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  const now = await other('GET', `/announcements/${row.id}`)
  assert.equal(now.body.title, '重新载入后保存（测试）')
  assert.equal(now.body.revision, row.revision + 2)
  noErrorsBut412(page)
})

test('deleting a row changed since the list was read is refused and the list reloads', async (t) => {
  const page = await signedIn(t, server, SEC)
  const other = await otherClient()
  await go(page, '/workspace/announcements')
  const { rows, row } = await firstRow(page)
  const changed = await other('PATCH', `/announcements/${row.id}`, { title: '删除前被修改（测试）' })
  assert.equal(changed.status, 200)

  await rows.first().locator('[data-test=et-delete]').click()
  const answer = page.waitForResponse((r) => r.request().method() === 'DELETE')
  await page.locator('.el-message-box:visible .el-button--primary').click()
  assert.equal((await answer).status(), 412)
  await page.locator('.el-message', { hasText: '该记录已被他人修改，未删除' }).waitFor()
  // Still there, and the list shows the newer title.
  assert.equal((await other('GET', `/announcements/${row.id}`)).status, 200)
  await page.locator('[data-test=page-announcements] .el-table__row', { hasText: '删除前被修改（测试）' }).waitFor()
  noErrorsBut412(page)
})
