// Joint training (联合培养, issue 11) in Debian's Chromium against the real binary
// with the demo data: the school 柳州职业技术大学 adds a programme co-run with an
// enterprise and an order class (订单班) with two of its students, picked by name;
// the class's students dialog names them; the 联合培养数据 page counts the class
// and its students as the API does; another unit (上汽通用五菱, not the class's
// enterprise) sees the class without the students' names. No console errors.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, signedIn, go, apiJSON, pickOption, assertNoConsoleErrors, SCHOOL, ENTERPRISE, tempDir } from './harness.mjs'

const server = useServer()
const PROGRAMME = '浏览器测试专业群'
const COHORT = '浏览器测试订单班'

// Picks the option named `label` in the remote-search select of a form field,
// typing `typed` to find it.
async function pickRef(page, item, typed, label) {
  await item.locator('.el-select').click()
  await item.locator('input').fill(typed)
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click()
}

let cohortId = 0
let names = []

test('a school adds a programme and an order class with students; the figures count them', async (t) => {
  const page = await signedIn(t, server, SCHOOL)
  // the programme, co-run with 广西汽车集团
  await go(page, '/workspace/my-programs')
  const pg = page.locator('[data-test=page-my-programs]')
  await pg.locator('[data-test=et-create]').click()
  let dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=name] input').fill(PROGRAMME)
  await pickOption(page, dlg.locator('[data-field=level]'), '高职专科')
  await pickRef(page, dlg.locator('[data-field=enterprise_ids]'), '广西汽车', '广西汽车集团')
  await dlg.locator('[data-field=name] input').click()
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await pg.locator('.el-table').getByText(PROGRAMME).waitFor()

  // the class, with two of the school's students picked by name
  const me = await apiJSON(page, '/auth/me')
  const studs = await apiJSON(page, `/students?consortium_id=1&school_id=${me.organization_id}&per_page=2&sort=id`)
  names = studs.items.map((s) => s.name)
  assert.equal(names.length, 2)
  await go(page, '/workspace/my-cohorts')
  const cp = page.locator('[data-test=page-my-cohorts]')
  await cp.locator('[data-test=et-create]').click()
  dlg = page.locator('.el-dialog:visible')
  await pickOption(page, dlg.locator('[data-field=kind]'), '订单班')
  await dlg.locator('[data-field=name] input').fill(COHORT)
  await pickRef(page, dlg.locator('[data-field=enterprise_id]'), '广西汽车', '广西汽车集团')
  await dlg.locator('[data-field=year] input').fill('2026')
  await dlg.locator('[data-field=size] input').fill('30')
  for (const n of names) {
    await pickRef(page, dlg.locator('[data-field=student_ids]'), n, n)
    await page.keyboard.press('Escape')
  }
  // its training plan, a PDF uploaded in the form (a file field)
  const planDir = tempDir('cj-plan-')
  const planPath = path.join(planDir, '订单班培养方案.pdf')
  writeFileSync(planPath, '%PDF-1.4\n% 人才培养方案\ntrailer <<>>\n%%EOF\n')
  const plan = dlg.locator('[data-test=file-field-plan_file]')
  await plan.locator('[data-test=file-input]').setInputFiles(planPath)
  await plan.locator('[data-test=file-open]').waitFor()
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  const row = cp.locator('.el-table__row', { hasText: COHORT })
  await row.waitFor()
  const found = await apiJSON(page, '/cohorts?consortium_id=1&q=' + encodeURIComponent(COHORT))
  assert.equal(found.items.length, 1)
  cohortId = found.items[0].id
  assert.equal(found.items[0].students_listed, 2)
  assert.match(found.items[0].plan_file || '', /^[0-9a-f]{64}$/, 'the plan is a stored file')
  const planFile = await page.evaluate(async (id) => (await fetch('/api/v1/files/' + id)).status, found.items[0].plan_file)
  assert.equal(planFile, 200)
  // its students, by name
  await cp.locator(`[data-test=cohort-open-${cohortId}]`).click()
  const box = page.locator('[data-test=cohort-students]')
  for (const n of names) await box.locator('[data-test=cohort-student-table]').getByText(n).waitFor()
  await page.keyboard.press('Escape')

  // the figures page counts what the API counts, the class included
  await go(page, '/workspace/training-stats')
  const stats = page.locator('[data-test=page-training-stats]')
  await stats.locator('[data-test=training-schools] .el-table__row').first().waitFor()
  const api = await apiJSON(page, '/consortia/1/training-stats')
  assert.ok(api.totals.cohorts_by_kind.order >= 1, 'the order class is counted')
  const card = async (k) => Number((await stats.locator(`[data-test=ts-${k}] .el-statistic__number`).innerText()).replace(/[^\d.]/g, ''))
  assert.equal(await card('order'), api.totals.cohorts_by_kind.order)
  assert.equal(await card('students'), api.totals.cohort_students)
  assert.equal(await card('programs-co'), api.totals.programs_co_run)
  const school = api.schools.find((s) => s.organization_id === me.organization_id)
  assert.ok(school && school.cohort_students >= 2)
  const schoolRow = await stats.locator('[data-test=training-schools] .el-table__row', { hasText: '柳州职业技术大学' }).innerText()
  assert.match(schoolRow, new RegExp(`\\b${school.cohort_students}\\b`))
  assertNoConsoleErrors(assert, page)
})

test('another unit sees the class without the students', async (t) => {
  assert.ok(cohortId, 'the class of the first test')
  const page = await signedIn(t, server, ENTERPRISE)
  const row = await apiJSON(page, `/cohorts/${cohortId}`)
  assert.equal(row.name, COHORT)
  assert.equal(row.students_listed, 2)
  assert.ok(!('student_ids' in row), 'no student list for another unit')
  await go(page, `/workspace/records/cohorts/${cohortId}`)
  await page.getByText(COHORT).first().waitFor()
  const text = await page.locator('body').innerText()
  for (const n of names) assert.ok(!text.includes(n), `no ${n} on another unit's page`)
  // the figures page is theirs to read too, as counts
  await go(page, '/workspace/training-stats')
  await page.locator('[data-test=training-schools] .el-table__row').first().waitFor()
  const all = await page.locator('[data-test=page-training-stats]').innerText()
  for (const n of names) assert.ok(!all.includes(n))
  assertNoConsoleErrors(assert, page)
})
