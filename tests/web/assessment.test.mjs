// The year's assessment (年度监测, issue 12) in Debian's Chromium against the real
// binary with the demo data: the secretariat finds the page in the menu's 监测评估
// group, starts this year, sets a target inline and sees its red/amber/green in
// words, submits after a confirmation that says the year freezes (cancel changes
// nothing), and can no longer edit; a member unit's staff read the same year,
// read-only; the demo's submitted 2025 keeps its version. One server and one
// browser for the file; the steps run in order and switch accounts.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { useServer, useBrowser, newPage, login, logout, go, apiJSON, openMenuItem, assertNoConsoleErrors, withScreenshot, SEC, SCHOOL, tempDir } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)
let page
let signedInAs = null
const YEAR = new Date().getFullYear()

before(async () => { await browser.ready(); page = await newPage(browser.context) })

const step = (name, fn) => test(name, withScreenshot(name, () => page, fn))

async function as([user, pass]) {
  if (signedInAs === user) return
  if (signedInAs) await logout(page)
  await page.goto(server.url + '/login')
  await login(page, user, pass, server.url)
  signedInAs = user
}

async function pickYear(y) {
  await page.locator('[data-test=assess-year]').click()
  await page.locator(`.el-select-dropdown:visible [data-test=assess-year-${y}]`).click()
  await page.waitForLoadState('networkidle')
}

step('the secretariat starts the year, sets a target and sees the rag in words', async () => {
  await as(SEC)
  await openMenuItem(page, '年度监测', '监测评估')
  await page.locator('[data-test=page-assessment]').waitFor()
  await pickYear(YEAR)
  await page.locator('[data-test=assess-create]').click()
  await page.locator('[data-test=assess-tree]').waitFor()
  assert.equal((await page.locator('[data-test=assess-status]').innerText()).trim(), '草稿')
  // 1.2.1 成员单位数: the demo's 84 members against a target of 100 is amber (≥ 80).
  const target = page.locator('[data-test=target-1\\.2\\.1] input')
  await target.fill('100')
  await target.press('Tab')
  await page.waitForLoadState('networkidle')
  await page.locator('[data-test=rag-1\\.2\\.1][data-rag=amber]').waitFor()
  assert.equal((await page.locator('[data-test=rag-1\\.2\\.1]').innerText()).trim(), '接近')
  await target.fill('84')
  await target.press('Tab')
  await page.locator('[data-test=rag-1\\.2\\.1][data-rag=green]').waitFor()
  assert.equal((await page.locator('[data-test=rag-1\\.2\\.1]').innerText()).trim(), '达标')
  // every rag is said in words, not colour alone
  for (const el of await page.locator('.as-rag').all()) assert.ok((await el.innerText()).trim().length > 0)
  const list = await apiJSON(page, '/consortia/1/assessments')
  const row = list.items.find(i => i.year === YEAR)
  const a = await apiJSON(page, '/assessments/' + row.id)
  const leaf = (ns) => ns.flatMap(n => (n.children && n.children.length ? leaf(n.children) : [n]))
  const l = leaf(a.indicators).find(n => n.code === '1.2.1')
  assert.equal(l.target, 84)
  assert.equal(l.target_set_by, 'secretariat')
  assertNoConsoleErrors(assert, page)
})

step('a reported value with its evidence file, readable by a member unit', async () => {
  // 1.3.3 管理制度 (reported, ≥ 1): 6 rules in force, with the scan as evidence.
  const reported = page.locator('[data-test=reported-1\\.3\\.3] input')
  await reported.fill('6')
  await reported.press('Tab')
  await page.locator('[data-test=value-1\\.3\\.3]', { hasText: '6' }).waitFor()
  const dir = tempDir('cj-assess-web-')
  const pdfPath = path.join(dir, '管理制度汇编.pdf')
  writeFileSync(pdfPath, Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% assessment evidence\ntrailer <<>>\n%%EOF\n'))
  const field = page.locator('[data-test=file-field-evidence-1\\.3\\.3]')
  await field.locator('[data-test=file-input]').setInputFiles(pdfPath)
  const link = page.locator('[data-test=evidence-1\\.3\\.3]')
  await link.waitFor()
  assert.equal((await link.innerText()).trim(), '管理制度汇编.pdf')
  assert.equal((await page.locator('[data-test=rag-1\\.3\\.3]').innerText()).trim(), '达标')
  assertNoConsoleErrors(assert, page)
})

step('submitting asks first, says it freezes the year, and then nothing is editable', async () => {
  await page.locator('[data-test=assess-submit]').click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  assert.match(await box.innerText(), /冻结/)
  await box.locator('button', { hasText: '取消' }).click()
  await box.waitFor({ state: 'hidden' })
  assert.equal((await page.locator('[data-test=assess-status]').innerText()).trim(), '草稿')
  await page.locator('[data-test=assess-submit]').click()
  await box.waitFor()
  await box.locator('.el-button--primary').click()
  await page.locator('[data-test=assess-frozen]').waitFor()
  assert.equal((await page.locator('[data-test=assess-status]').innerText()).trim(), '已提交')
  assert.equal(await page.locator('[data-test=target-1\\.2\\.1]').count(), 0)
  assert.equal(await page.locator('[data-test=assess-submit]').count(), 0)
  assert.equal((await page.locator('[data-test=target-text-1\\.2\\.1]').innerText()).trim(), '≥ 84')
  assert.equal(await page.locator('[data-test=version-1]').count(), 1)
  assertNoConsoleErrors(assert, page)
})

step('a member unit reads the year, read-only, and the demo\'s submitted 2025', async () => {
  await as(SCHOOL)
  await go(page, '/workspace/assessment')
  await pickYear(YEAR)
  await page.locator('[data-test=assess-readonly]').waitFor()
  assert.equal((await page.locator('[data-test=assess-status]').innerText()).trim(), '已提交')
  assert.equal((await page.locator('[data-test=rag-1\\.2\\.1]').innerText()).trim(), '达标')
  assert.equal(await page.locator('[data-test=assess-submit]').count(), 0)
  assert.equal(await page.locator('[data-test=assess-compute]').count(), 0)
  assert.equal(await page.locator('input[type=file]').count(), 0)
  // the evidence opens for the member unit (it reads the assessment)
  const href = await page.locator('[data-test=evidence-1\\.3\\.3]').getAttribute('href')
  const st = await page.evaluate(async (h) => (await fetch(h)).status, href)
  assert.equal(st, 200)
  await pickYear(2025)
  assert.equal((await page.locator('[data-test=assess-status]').innerText()).trim(), '已提交')
  await page.locator('[data-test=version-1]').click()
  await page.locator('[data-test=assess-viewing]').waitFor()
  assert.ok((await page.locator('[data-test=assess-goals]').innerText()).includes('中国—东盟工匠学院'))
  assertNoConsoleErrors(assert, page)
})
