// Personal data (PIPL) in Debian's Chromium against the real binary with the demo
// data: a student downloads everything held on them from their home page (a JSON
// file with their record); a school erases a student from its students page, only
// after confirming (cancel changes nothing), and the record is gone.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { useServer, signedIn, assertNoConsoleErrors, STUDENT, SCHOOL } from './harness.mjs'

const server = useServer()
const DOWNLOADS = { context: { acceptDownloads: true } }

// through the browser context's cookies, outside the page (no console noise)
const status = async (page, path) => (await page.request.get(server.url + '/api/v1' + path)).status()

test('a student downloads their data from the home page', async (t) => {
  const page = await signedIn(t, server, STUDENT, DOWNLOADS)
  await page.goto(server.url + '/workspace')
  await page.locator('[data-test=student-record]').first().waitFor()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test=download-my-data]').click(),
  ])
  assert.match(download.suggestedFilename(), /^chanjiao-my-data-\d+\.json$/)
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'))
  assert.equal(data.account.username, 'student_demo')
  assert.equal(data.students.length, 1)
  assert.equal(data.students[0].name, '李明（示例）')
  assert.ok(data.placements.length >= 1)
  assertNoConsoleErrors(assert, page)
})

test('a student changes their contact and withdraws consent, and nothing else', async (t) => {
  const page = await signedIn(t, server, STUDENT, DOWNLOADS)
  await page.goto(server.url + '/workspace')
  await page.locator('[data-test=student-record]').first().waitFor()
  await page.locator('[data-test=edit-my-record]').click()
  const form = page.locator('.el-dialog .cj-entity-form')
  await form.waitFor()
  // only what is the student's own: contact, skills, consent
  const fields = await form.locator('[data-field]').evaluateAll((els) => els.map((e) => e.dataset.field))
  assert.deepEqual([...fields].sort(), ['consent', 'email', 'phone', 'skills'])
  await form.locator('[data-field=phone] input').fill('13800001234')
  await form.locator('[data-field=consent] .el-switch').click()
  await form.locator('[data-test=form-save]').click()
  await form.waitFor({ state: 'hidden' })
  // read back from the server
  const r = await page.request.get(server.url + '/api/v1/students?per_page=5')
  const rec = (await r.json()).items[0]
  assert.equal(rec.phone, '13800001234')
  assert.equal(rec.consent, false)
  assert.equal(rec.name, '李明（示例）', 'the school\'s record is unchanged')
  await page.reload()
  await page.locator('[data-test=student-record]').first().waitFor()
  assert.match(await page.locator('[data-test=student-record]').first().innerText(), /13800001234/)
  assertNoConsoleErrors(assert, page)
})

test('a school erases a student after confirming', async (t) => {
  const page = await signedIn(t, server, SCHOOL, DOWNLOADS)
  await page.goto(server.url + '/workspace/my-students')
  const button = page.locator('[data-test^=erase-]').first()
  await button.waitFor()
  const id = Number((await button.getAttribute('data-test')).slice('erase-'.length))
  assert.equal(await status(page, `/students/${id}`), 200)
  // cancel: nothing happens
  await button.click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  assert.match(await box.innerText(), /不可撤销/)
  await box.locator('.el-message-box__btns button').first().click()
  await box.waitFor({ state: 'hidden' })
  assert.equal(await status(page, `/students/${id}`), 200)
  // confirm: erased
  await button.click()
  await box.waitFor()
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('.el-message--success').waitFor()
  assert.equal(await status(page, `/students/${id}`), 404)
  await page.locator(`[data-test=erase-${id}]`).waitFor({ state: 'detached' })
  assertNoConsoleErrors(assert, page)
})
