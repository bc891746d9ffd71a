// Workspace pages in Debian's Chromium against the real binary: the secretariat's
// register and dashboard, server-side validation at the field, import errors,
// the admin's users list, no console errors, and the phone-width menu.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, signedIn, go, pickOption, apiJSON, menuTexts, openMenuItem, assertNoConsoleErrors, SEC, ADMIN, ENTERPRISE, SCHOOL, STUDENT } from './harness.mjs'

const server = useServer()

test('the secretariat registers a new unit as 理事单位 and the composition goes from 84 to 85', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace')
  await page.locator('[data-test=kpi-members]').filter({ hasText: '84' }).waitFor()
  await page.locator('[data-test=composition-chart] canvas').waitFor()

  await go(page, '/workspace/members')
  await page.locator('[data-test=page-members] .el-table__row').first().waitFor()
  const totalOf = async () => Number((await page.locator('[data-test=page-members] .el-pagination__total').innerText()).match(/\d+/)[0])
  const countBefore = await totalOf() // memberships (a unit may hold two roles), not units
  await page.locator('[data-test=register-org]').click()
  const orgDlg = page.locator('.el-dialog:visible')
  await orgDlg.locator('[data-field=name] input').fill('柳州测试新能源零部件有限公司（测试）')
  await pickOption(page, orgDlg.locator('[data-field=type]'), '企业')
  await orgDlg.locator('[data-test=form-save]').click()

  // the membership form follows, with the new organisation chosen and 理事单位 preset
  const memDlg = page.locator('.el-dialog:visible', { hasText: '理事会职务' })
  await memDlg.locator('[data-field=role]').waitFor()
  assert.match(await memDlg.locator('[data-field=role]').innerText(), /理事单位/)
  assert.match(await memDlg.locator('[data-field=organization_id]').innerText(), /柳州测试新能源/)
  await memDlg.locator('[data-test=form-save]').click()
  await memDlg.waitFor({ state: 'hidden' })
  // the list reloads with one more membership
  await page.locator('[data-test=page-members] .el-pagination__total').filter({ hasText: String(countBefore + 1) }).waitFor()

  await go(page, '/workspace')
  await page.locator('[data-test=kpi-members]').filter({ hasText: '85' }).waitFor()
  await go(page, '/consortia/1')
  await page.locator('[data-test=member-total]').filter({ hasText: '85' }).waitFor()
  const comp = await apiJSON(page, '/consortia/1/composition')
  assert.equal(comp.total, 85)
  assert.equal(comp.by_type.enterprise, 60)
  assertNoConsoleErrors(assert, page)
})

test('bad forms show the message at the field: client check, then the server 422 detail', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace/members')
  await page.locator('[data-test=register-org]').click()
  const orgDlg = page.locator('.el-dialog:visible')
  await orgDlg.locator('[data-field=name] input').fill('柳州测试校验单位（测试）')
  await pickOption(page, orgDlg.locator('[data-field=type]'), '科研机构')
  // wrong GB 32100 check character: should be G
  await orgDlg.locator('[data-field=credit_code] input').fill('91310000MA1FL4B24H')
  await orgDlg.locator('[data-test=form-save]').click()
  const ccErr = orgDlg.locator('[data-field=credit_code] .el-form-item__error')
  await ccErr.waitFor()
  assert.match(await ccErr.innerText(), /G/)
  // fix it and register; then a membership whose dates only the server checks
  await orgDlg.locator('[data-field=credit_code] input').fill('')
  await orgDlg.locator('[data-test=form-save]').click()
  const memDlg = page.locator('.el-dialog:visible', { hasText: '理事会职务' })
  await memDlg.locator('[data-field=joined_on] input').waitFor()
  await memDlg.locator('[data-field=joined_on] input').fill('2025-06-01')
  await memDlg.locator('[data-field=joined_on] input').press('Enter')
  await memDlg.locator('[data-field=left_on] input').fill('2025-01-01')
  await memDlg.locator('[data-field=left_on] input').press('Enter')
  await memDlg.locator('.el-dialog__title').click()
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/memberships') && r.request().method() === 'POST')
  await memDlg.locator('[data-test=form-save]').click()
  assert.equal((await resp).status(), 422)
  const leftErr = memDlg.locator('[data-field=left_on] .el-form-item__error')
  await leftErr.waitFor()
  assert.match(await leftErr.innerText(), /不能早于/)
  const errors = page.consoleErrors.filter((e) => !/status of 422/.test(e))
  assert.deepEqual(errors, [], errors.join('\n'))
})

test('import: a CSV with one bad row shows the row error with its line number and imports nothing', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace/import')
  const csv = '单位名称,单位类型,统一社会信用代码\n柳州导入测试甲公司（测试）,企业,\n柳州导入测试乙公司（测试）,不存在的类型,\n'
  await page.locator('[data-test=import-file]').setInputFiles({ name: '单位.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.locator('[data-test=import-dry-run]').click()
  const errs = page.locator('[data-test=import-errors]')
  await errs.waitFor()
  const rows = await errs.locator('.el-table__body tr').allInnerTexts()
  assert.equal(rows.length, 1, rows.join('\n'))
  assert.match(rows[0], /^\s*3\s/)
  assert.match(rows[0], /type|单位类型/)
  assert.ok(await page.locator('[data-test=import-run]').isDisabled(), 'import stays disabled while the file has errors')
  assert.match(await page.locator('[data-test=import-notice]').innerText(), /未写入/)
  const found = await apiJSON(page, '/organizations?q=' + encodeURIComponent('柳州导入测试'))
  assert.equal(found.total, 0)

  // a clean file: check, then import
  const good = '单位名称,单位类型\n柳州导入测试丙公司（测试）,企业\n'
  await page.locator('[data-test=import-file]').setInputFiles({ name: '单位2.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') })
  await page.locator('[data-test=import-dry-run]').click()
  await page.locator('[data-test=import-notice]').filter({ hasText: '校验通过' }).waitFor()
  await page.locator('[data-test=import-run]').click()
  await page.locator('[data-test=import-notice]').filter({ hasText: '导入完成' }).waitFor()
  const after = await apiJSON(page, '/organizations?q=' + encodeURIComponent('柳州导入测试'))
  assert.equal(after.total, 1)
  const errors = page.consoleErrors.filter((e) => !/status of 422/.test(e))
  assert.deepEqual(errors, [], errors.join('\n'))
})

test('import: a wrong word on many rows is one error with its row count and a suggestion; synonyms pass', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace/import')
  const rows = ['甲', '乙', '丙'].map((x) => `柳州用语测试${x}（测试）,有限责任公\n`).join('')
  const csv = '单位名称,单位类型\n' + rows + '柳州用语测试丁（测试）,職業\n'
  await page.locator('[data-test=import-file]').setInputFiles({ name: '单位.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.locator('[data-test=import-dry-run]').click()
  const errs = page.locator('[data-test=import-errors]')
  await errs.waitFor()
  const shown = await errs.locator('.el-table__body tr').allInnerTexts()
  assert.equal(shown.length, 2, shown.join('\n'))
  assert.match(shown[0], /^\s*2\s/)
  assert.match(shown[0], /\s3\s/)
  assert.match(shown[0], /共 3 行/)
  assert.match(shown[0], /您是不是要写 企业/)
  assert.match(shown[1], /^\s*5\s/)
  assert.match(await page.locator('[data-test=import-notice]').innerText(), /4/)

  // the same units written with everyday words and full-width letters: clean
  const good = '单位名称,单位类型\n柳州用语测试戊（测试）,有限公司\n柳州用语测试己（测试）,职业技术学院\n柳州用语测试庚（测试）,ＥＮＴＥＲＰＲＩＳＥ\n'
  await page.locator('[data-test=import-file]').setInputFiles({ name: '单位2.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') })
  await page.locator('[data-test=import-dry-run]').click()
  await page.locator('[data-test=import-notice]').filter({ hasText: '校验通过' }).waitFor()
  const errors = page.consoleErrors.filter((e) => !/status of 422/.test(e))
  assert.deepEqual(errors, [], errors.join('\n'))
})

test('import modes: 创建或更新 leaves an unchanged row alone and updates a row named by its 编号', async (t) => {
  const page = await signedIn(t, server, ADMIN)
  await go(page, '/workspace/import')
  await page.locator('[data-test=import-mode] [data-mode=upsert]').click()
  const file = async (name, text) => {
    await page.locator('[data-test=import-file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
  }
  const outcome = async (action) => {
    await page.locator(`[data-test=import-outcomes] [data-action=${action}]`).first().waitFor()
    return page.locator('[data-test=import-notice]').innerText()
  }
  const csv = '单位名称,单位类型\n柳州模式测试公司（测试）,企业\n'
  await file('模式1.csv', csv)
  await page.locator('[data-test=import-dry-run]').click()
  assert.match(await outcome('create'), /新建 1 行，更新 0 行，未变 0 行/)
  await page.locator('[data-test=import-run]').click()
  await page.locator('[data-test=import-notice]').filter({ hasText: '导入完成' }).waitFor()

  // the same file again: nothing doubles
  await file('模式2.csv', csv)
  await page.locator('[data-test=import-dry-run]').click()
  assert.match(await outcome('unchanged'), /新建 0 行，更新 0 行，未变 1 行/)

  // an edited row named by its 编号 (as exports write it) is an update
  const found = await apiJSON(page, '/organizations?q=' + encodeURIComponent('柳州模式测试公司'))
  assert.equal(found.total, 1)
  const id = found.items[0].id
  await file('模式3.csv', `编号,单位名称,单位类型,地址\n${id},柳州模式测试公司（测试）,企业,-柳州市城中区\n`)
  await page.locator('[data-test=import-dry-run]').click()
  assert.match(await outcome('update'), /更新 1 行/)
  await page.locator('[data-test=import-run]').click()
  await page.locator('[data-test=import-notice]').filter({ hasText: '导入完成' }).waitFor()
  const row = await apiJSON(page, '/organizations/' + id)
  assert.equal(row.address, '-柳州市城中区')
  assertNoConsoleErrors(assert, page)
})

test('the platform admin sees the users list, consortia and the audit log', async (t) => {
  const page = await signedIn(t, server, ADMIN)
  await go(page, '/workspace/users')
  await page.locator('[data-test=page-users] .el-table__row', { hasText: 'liuzhou_sec' }).first().waitFor()
  assert.ok(await page.locator('[data-test=page-users] [data-test=et-create]').isVisible(), 'admin may create users')
  await go(page, '/workspace/consortia')
  await page.locator('[data-test=page-consortia] .el-table__row', { hasText: '柳州' }).first().waitFor()
  await go(page, '/workspace/audit-all')
  await page.locator('[data-test=audit-table] .el-table__row').first().waitFor()
  // the secretariat pages, for a consortium the admin picks
  await go(page, '/workspace/meetings')
  await page.locator('[data-test=consortium-picker]').waitFor()
  assertNoConsoleErrors(assert, page)
})

test('secretariat pages load without console errors; meetings drill down to a vote result', async (t) => {
  const page = await signedIn(t, server, SEC)
  for (const p of ['/workspace', '/workspace/members', '/workspace/charters', '/workspace/work-plan', '/workspace/agreements',
    '/workspace/announcements', '/workspace/policies', '/workspace/projects', '/workspace/import', '/workspace/audit']) {
    await go(page, p)
    await page.locator('.cj-ws-main > *').first().waitFor()
  }
  await go(page, '/workspace/meetings')
  await page.locator('[data-test=page-meetings] .el-table__row').first().click()
  await page.locator('[data-entity=agenda-items] .el-table__row').first().click()
  await page.locator('[data-test=result-tag]').waitFor()
  assert.match(await page.locator('[data-test=vote-result]').innerText(), /赞成/)
  await page.locator('[data-entity=votes] .el-table__row').first().waitFor()
  assertNoConsoleErrors(assert, page)
})

test('org users and students get their own pages', async (t) => {
  const page = await signedIn(t, server, ENTERPRISE)
  // the home is the unit's to-do list (tests/web/home.test.mjs); its profile a page of its own
  await go(page, '/workspace/my-org')
  await page.locator('[data-test=page-my-org]').filter({ hasText: '上汽通用五菱' }).waitFor()
  assert.ok(await page.locator('[data-test=edit-org]').isVisible(), 'org admin may edit')
  await go(page, '/workspace/my-work-plan')
  await page.locator('[data-test=page-my-work-plan]').waitFor()
  assertNoConsoleErrors(assert, page)

  const staff = await signedIn(t, server, SCHOOL)
  await go(staff, '/workspace/my-work-plan')
  await staff.locator('[data-test=page-my-work-plan] .el-table__row').first().waitFor()
  // policy and project lists are published by government departments: a
  // school's staff have no such page, and its address leads home
  const staffMenu = (await staff.locator('.cj-ws-menu .el-menu-item').allInnerTexts()).map((s) => s.trim())
  assert.ok(!staffMenu.includes('本单位政策与项目'), `school menu: ${staffMenu}`)
  await go(staff, '/workspace/my-publications')
  await staff.waitForURL(/\/workspace$/)
  assert.equal(await staff.locator('[data-test=page-my-publications]').count(), 0)
  assertNoConsoleErrors(assert, staff)

  const stu = await signedIn(t, server, STUDENT)
  await go(stu, '/workspace')
  await stu.locator('[data-test=student-school]').filter({ hasText: '柳州职业技术大学' }).waitFor()
  assertNoConsoleErrors(assert, stu)
})

test('at 375 px the workspace menu is usable and the page does not overflow', async (t) => {
  const vp = { width: 375, height: 760 }
  const page = await signedIn(t, server, SEC, { viewport: vp })
  await go(page, '/workspace')
  await page.locator('[data-test=kpi-members]').waitFor()
  // the grouped menu is a drawer behind the 菜单 button: no strip of entries
  assert.equal(await page.locator('.cj-ws-menu:visible').count(), 0)
  assert.ok((await menuTexts(page)).includes('会议与表决')) // opens the drawer
  const box = await page.locator('.cj-ws-menu:visible').boundingBox()
  assert.ok(box && box.width <= 375, `menu fits: ${JSON.stringify(box)}`)
  await openMenuItem(page, '会议与表决', '治理')
  await page.waitForURL(/\/workspace\/meetings$/)
  await page.locator('[data-test=page-meetings] .el-table__row').first().waitFor()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 1, `no horizontal page overflow (${overflow}px)`)
  assertNoConsoleErrors(assert, page)
})
