// The education / industry authority (主管部门, issue 12) in Debian's Chromium
// against the real binary with the demo data: 广西壮族自治区教育厅 (gx_edu, region
// prefix 45) lands on its overview with Liuzhou alone and a menu of what it may
// use; the Ministry's reviewer (moe_vte) sees the four consortia side by side,
// the indicators of the year with a value and its rag per consortium, a chart per
// assessed consortium, and returns a submitted assessment after confirming; the
// Guangxi authority files a policy grant, its PDF uploaded, through the form.
// No console errors.
//
// Assessments are part "assessment"'s records: the test writes two (Liuzhou
// submitted, Beijing–Tianjin–Hebei draft) and their values into the server's
// database with python3's sqlite3, as a submitted year leaves them.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, signedIn, go, apiJSON, menuTexts, pickOption, assertNoConsoleErrors, tempDir } from './harness.mjs'

const server = useServer()
const GX = ['gx_edu', 'authority-demo-2026']
const MOE = ['moe_vte', 'authority-demo-2026']
const YEAR = new Date(Date.now() + 8 * 3600e3).getUTCFullYear() - 1

const SEED = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
# The demo's own assessments of the year give way to these two, whose
# values the test knows (tests/api/test_assessment.py covers the real ones).
for t in ("assessment_values", "assessment_versions", "assessment_comments", "assessments"):
    db.execute("DELETE FROM " + t)
now = '2026-01-10T00:00:00Z'
cur = db.execute("INSERT INTO indicator_frameworks (name, version, applies_to, status, created_at, updated_at) VALUES ('浏览器测试指标体系', 'W1', 'all', 'active', ?, ?)", (now, now))
fw = cur.lastrowid
ids = {}
for code, level, parent in (('1', 1, None), ('1.1', 2, '1'), ('1.1.1', 3, '1.1')):
    cur = db.execute("INSERT INTO indicators (framework_id, parent_id, level, code, name, unit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '个', ?, ?)", (fw, ids.get(parent), level, code, '浏览器指标' + code, now, now))
    ids[code] = cur.lastrowid
year = int(sys.argv[2])
for aid, cid, status in ((801, 1, 'submitted'), (802, 4, 'draft')):
    db.execute("INSERT INTO assessments (id, consortium_id, year, framework_id, status, cutoff_on, version, result, score, submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 'pass', 80, ?, ?, ?)", (aid, cid, year, fw, status, '%d-12-31' % year, now, now, now))
db.executemany("INSERT INTO assessment_values (assessment_id, indicator_id, target, computed, rag) VALUES (?, ?, ?, ?, ?)", [(801, ids['1.1.1'], 10, 12, 'green'), (802, ids['1.1.1'], 10, 3, 'red')])
db.commit()
`

before(async () => {
  await server.ready()
  const db = server.proc.spawnargs[server.proc.spawnargs.indexOf('--db') + 1]
  const r = spawnSync('python3', ['-c', SEED, db, String(YEAR)], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
})

test('the Guangxi authority lands on its overview: Liuzhou alone, a menu of what it may use', async (t) => {
  const page = await signedIn(t, server, GX)
  const pg = page.locator('[data-test=page-authority]')
  await pg.waitFor()
  await page.locator('[data-test=au-name-1]').waitFor()
  assert.equal(await page.locator('[data-test^=au-name-]').count(), 1)
  assert.match(await page.locator('[data-test=au-scope]').textContent(), /45/)
  assert.match(await page.locator('[data-test=au-policy-1]').textContent(), /财政 500万元/)
  assert.equal(await page.locator('[data-test=au-status-1]').textContent(), '已提交')
  const menu = await menuTexts(page)
  assert.deepEqual(menu.sort(), ['工作台', '政策包', '联合体监测总览'].sort())
  // a page it may not use sends it home
  await go(page, '/workspace/members')
  await page.locator('[data-test=page-authority]').waitFor()
  assertNoConsoleErrors(assert, page)
})

test('the reviewer compares four consortia and returns a submitted assessment', async (t) => {
  const page = await signedIn(t, server, MOE)
  await go(page, '/workspace/authority')
  await page.locator('[data-test=au-name-4]').waitFor()
  assert.equal(await page.locator('[data-test^=au-name-]').count(), 4)
  // the indicator side by side: Liuzhou green, Beijing–Tianjin–Hebei red, the others none
  assert.equal(await page.locator('[data-test="au-val-1.1.1-1"]').textContent(), '12（绿）')
  assert.equal(await page.locator('[data-test="au-val-1.1.1-4"]').textContent(), '3（红）')
  assert.equal(await page.locator('[data-test="au-val-1.1.1-2"]').textContent(), '—')
  await page.locator('[data-test=au-chart-1][data-drawn=yes]').waitFor()
  await page.locator('[data-test=au-chart-4][data-drawn=yes]').waitFor()
  // a draft cannot be returned
  await page.locator('[data-test=au-review-4]').click()
  let dlg = page.locator('.el-dialog:visible')
  assert.equal(await dlg.locator('.el-radio-button.is-disabled', { hasText: '退回修改' }).count(), 1)
  await dlg.getByRole('button', { name: '取消' }).click()
  await dlg.waitFor({ state: 'hidden' })
  // Liuzhou's submitted year: return it, confirming
  await page.locator('[data-test=au-review-1]').click()
  dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-test=au-action-return]').click()
  await dlg.locator('[data-field=body] textarea').fill('指标佐证不足，请补充后重新提交')
  await dlg.locator('[data-test=au-send]').click()
  await page.locator('.el-message-box:visible').getByRole('button', { name: '提交' }).click()
  await page.locator('[data-test=au-status-1]', { hasText: '已退回' }).waitFor()
  const c = await apiJSON(page, '/assessments/801/comments')
  assert.deepEqual(c.items.map((x) => x.action), ['return'])
  assert.equal(c.assessment.status, 'returned')
  assertNoConsoleErrors(assert, page)
})

test('the Guangxi authority files a policy grant for Liuzhou', async (t) => {
  const page = await signedIn(t, server, GX)
  await go(page, '/workspace/authority-grants')
  const pg = page.locator('[data-test=page-authority-grants]')
  await pg.locator('[data-test=gr-table]').waitFor()
  await pg.locator('[data-test=gr-add]').click()
  const dlg = page.locator('.el-dialog:visible')
  await pickOption(page, dlg.locator('[data-field=kind]'), '用地')
  await dlg.locator('[data-field=item] input').fill('浏览器测试用地指标')
  await dlg.locator('[data-field=amount] input').fill('80')
  await dlg.locator('[data-field=unit] input').fill('亩')
  // the policy document: a PDF uploaded in the form
  const pdf = path.join(tempDir('cj-authority-'), '用地批复.pdf')
  writeFileSync(pdf, '%PDF-1.4\n% 用地批复（测试）\ntrailer <<>>\n%%EOF\n')
  const ev = dlg.locator('[data-test=file-field-evidence]')
  await ev.locator('[data-test=file-input]').setInputFiles(pdf)
  await ev.locator('[data-test=file-open]').waitFor()
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await pg.locator('[data-test=gr-table]', { hasText: '浏览器测试用地指标' }).waitFor()
  const me = await apiJSON(page, '/auth/me')
  const list = await apiJSON(page, '/policy-grants?consortium_id=1&per_page=200')
  const row = list.items.find((x) => x.item === '浏览器测试用地指标')
  assert.equal(row.kind, 'land')
  assert.equal(row.amount, 80)
  assert.equal(row.organization_id, me.organization_id)
  assert.match(row.evidence, /^[0-9a-f]{64}$/)
  await pg.locator(`[data-test=gr-evidence-${row.id}]`).waitFor()
  const file = await page.evaluate(async (id) => (await fetch(`/api/v1/files/${id}`)).status, row.evidence)
  assert.equal(file, 200)
  assertNoConsoleErrors(assert, page)
})
