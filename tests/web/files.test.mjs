// Documents (issue 11): the secretariat opens an agreement, uploads its signed
// scan (a PDF) into the form's file field, saves, and opens the file from the
// list — the link serves the same bytes as application/pdf; a file the server
// refuses (an HTML page named .pdf) is told under the field and nothing is set.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { useServer, useBrowser, newPage, login, go, screenshotOnFailure, assertNoConsoleErrors, SEC, tempDir } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

async function api(method, p, token, body) {
  const r = await fetch(server.url + '/api/v1' + p, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: r.status, body: await r.json() }
}

test('the signed scan of an agreement is uploaded in the form and opened from the list', async (t) => {
  await server.ready()
  await browser.ready()
  const tok = (await api('POST', '/auth/login', null, { username: SEC[0], password: SEC[1] })).body.token
  const orgs = (await api('GET', '/organizations?type=enterprise&per_page=2', tok)).body.items
  const title = '浏览器上传扫描件的协议'
  const made = await api('POST', '/agreements', tok, {
    consortium_id: 1, title, type: 'strategic', parties: orgs.map((o) => o.id), signed_on: '2099-01-01', status: 'signed',
  })
  assert.equal(made.status, 201, JSON.stringify(made.body))

  const dir = tempDir('cj-files-web-')
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% browser test\ntrailer <<>>\n%%EOF\n')
  const pdfPath = path.join(dir, '签署扫描件.pdf')
  writeFileSync(pdfPath, pdf)
  const fake = path.join(dir, 'page.pdf')
  writeFileSync(fake, '<!DOCTYPE html><html><script>alert(1)</script></html>')

  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await login(page, SEC[0], SEC[1], server.url)
  await go(page, server.url + '/workspace/agreements')
  const row = page.locator('.el-table__row', { hasText: title }).first()
  await row.waitFor()
  await row.locator('[data-test=et-edit]').click()
  const dlg = page.locator('.el-dialog:visible')
  const field = dlg.locator('[data-test=file-field-signed_scan]')
  await field.waitFor()

  // Refused by its content: the reason under the field, no file set.
  await field.locator('[data-test=file-input]').setInputFiles(fake)
  await field.locator('[data-test=file-error]').waitFor()
  assert.match(await field.locator('[data-test=file-error]').innerText(), /HTML/)
  assert.equal(await field.locator('[data-test=file-open]').count(), 0)

  await field.locator('[data-test=file-input]').setInputFiles(pdfPath)
  await field.locator('[data-test=file-open]').waitFor()
  assert.equal(await field.locator('[data-test=file-open]').innerText(), '签署扫描件.pdf')
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })

  const link = page.locator('.el-table__row', { hasText: title }).first().locator('[data-test=et-file-signed_scan]')
  await link.waitFor()
  const href = await link.getAttribute('href')
  const id = createHash('sha256').update(pdf).digest('hex')
  assert.equal(href, '/api/v1/files/' + id)
  // Opening it: the same bytes, as a PDF, in the signed-in session.
  const opened = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' })
    return { status: r.status, type: r.headers.get('Content-Type'), text: await r.text() }
  }, href)
  assert.deepEqual(opened, { status: 200, type: 'application/pdf', text: pdf.toString() })
  const popup = page.waitForEvent('popup')
  await link.click()
  const tab = await popup
  await tab.close()
  const stored = await api('GET', '/agreements/' + made.body.id, tok)
  assert.equal(stored.body.signed_scan, id)
  // The refused upload's 422 is the one error the browser logs.
  page.consoleErrors = page.consoleErrors.filter((e) => !/status of 422.*\/api\/v1\/files\?filename=page\.pdf/.test(e))
  assertNoConsoleErrors(assert, page)
  await page.close()
})
