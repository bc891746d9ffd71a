// Talent supply–demand pages in Debian's Chromium against the real binary with
// the demo data (Liuzhou: demand of its enterprises, supply of its schools, the
// shared automotive crosswalk, 2024–2026): an enterprise publishes demand, the
// secretariat reads the gap dashboard and the recommendations and publishes a
// demand report the public then reads and downloads; school staff see their own
// students; menus follow the unit type; phone width; no console errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, openPage, signedIn, go, pickOption, apiJSON, menuTexts, noOverflow, assertNoConsoleErrors, SEC, ENTERPRISE, SCHOOL, STUDENT, ADMIN } from './harness.mjs'

const server = useServer()

test('an enterprise creates a demand item as a draft, publishes it and sees it listed', async (t) => {
  const page = await signedIn(t, server, ENTERPRISE)
  await go(page, '/workspace')
  const menu = await menuTexts(page)
  assert.ok(menu.includes('人才需求'), `enterprise menu has 人才需求: ${menu}`)
  assert.ok(!menu.includes('人才供给') && !menu.includes('学生') && !menu.includes('供需分析'), `no school or secretariat pages: ${menu}`)

  await go(page, '/workspace/my-demand')
  const table = page.locator('[data-test=page-my-demand]')
  await table.locator('.el-table__row').first().waitFor()
  // the demo rows shown are this enterprise's only
  const mine = await apiJSON(page, '/demand?enterprise_id=5&consortium_id=1&per_page=1')
  assert.match(await table.locator('.el-pagination__total').innerText(), new RegExp(String(mine.total)))

  await table.locator('[data-test=et-create]').click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=occupation_code] .el-select').click()
  await dlg.locator('[data-field=occupation_code] input').fill('装调')
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '6-22-02-01' }).first().click()
  const title = '总装质检员（浏览器测试）'
  await dlg.locator('[data-field=job_title] input').fill(title)
  await pickOption(page, dlg.locator('[data-field=kind]'), '订单班')
  await dlg.locator('[data-field=headcount] input').fill('12')
  await dlg.locator('[data-field=headcount] input').press('Tab')
  await dlg.locator('[data-field=skills] input').click()
  await dlg.locator('[data-field=skills] input').fill('整车检测')
  await dlg.locator('[data-field=skills] input').press('Enter')
  await dlg.locator('[data-field=skills] input').fill('质量管理')
  await dlg.locator('[data-field=skills] input').press('Enter')
  assert.equal(await dlg.locator('[data-field=status]').count(), 0, 'status is not asked: a new item is a draft')
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/demand') && r.request().method() === 'POST')
  await dlg.locator('[data-test=form-save]').click()
  assert.equal((await created).status(), 201)
  await dlg.waitFor({ state: 'hidden' })

  const row = table.locator('.el-table__row', { hasText: title })
  await row.waitFor()
  assert.match(await row.innerText(), /6-22-02-01 汽车装调工/)
  assert.match(await row.innerText(), /草稿/)
  const found = await apiJSON(page, '/demand?q=' + encodeURIComponent(title))
  assert.equal(found.total, 1)
  assert.equal(found.items[0].status, 'draft')
  assert.equal(found.items[0].enterprise_id, 5)
  assert.equal(found.items[0].skills, '整车检测、质量管理')

  await row.locator('[data-test^=publish-]').click()
  // publishing asks first and says who will see it (issue 16)
  const ask = page.locator('.cj-publish-confirm')
  await ask.waitFor()
  assert.match(await ask.innerText(), /任何人|成员单位/)
  await ask.locator('.el-button--primary').click()
  await row.filter({ hasText: '已发布' }).waitFor()
  assert.equal(await row.locator('[data-test^=publish-]').count(), 0)
  assert.equal(await row.locator('[data-test^=close-]').count(), 1, 'a published item can be closed')
  const after = await apiJSON(page, '/demand?q=' + encodeURIComponent(title))
  assert.equal(after.items[0].status, 'published')

  // the public sees the published item
  const anon = await openPage(t, server)
  await anon.goto(server.url + '/')
  const pub = await apiJSON(anon, '/demand?q=' + encodeURIComponent(title))
  assert.equal(pub.total, 1)
  assertNoConsoleErrors(assert, page)
})

test('an enterprise imports a demand file from its page: check, then import', async (t) => {
  const page = await signedIn(t, server, ENTERPRISE)
  await go(page, '/workspace/my-demand')
  const table = page.locator('[data-test=page-my-demand]')
  await table.locator('.el-table__row').first().waitFor()
  await page.locator('[data-test=open-import]').click()
  const panel = page.locator('.el-dialog:visible [data-test=import-panel]')
  await panel.waitFor()
  assert.match(await panel.locator('[data-test=import-columns]').innerText(), /企业.*职业编码.*岗位名称/s)
  const csv = '企业,职业编码,岗位名称,需求类型,需求人数,年度,技能要求\n' +
    '上汽通用五菱汽车股份有限公司,6-22-01-01,涂装线操作工（导入测试）,就业,8,2026,涂装、喷涂\n'
  await panel.locator('[data-test=import-file]').setInputFiles({ name: '需求.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await panel.locator('[data-test=import-dry-run]').click()
  await panel.locator('[data-test=import-notice]').filter({ hasText: '校验通过' }).waitFor()
  await panel.locator('[data-test=import-run]').click()
  await panel.locator('[data-test=import-notice]').filter({ hasText: '导入完成' }).waitFor()
  await page.keyboard.press('Escape')
  await table.locator('.el-table__row', { hasText: '涂装线操作工（导入测试）' }).waitFor()
  assertNoConsoleErrors(assert, page)
})

test('the import page offers the kind\'s templates, and the gap and recommendation pages their spreadsheets', async (t) => {
  const page = await signedIn(t, server, ENTERPRISE)
  await go(page, '/workspace/my-demand')
  await page.locator('[data-test=open-import]').click()
  const panel = page.locator('.el-dialog:visible [data-test=import-panel]')
  await panel.waitFor()
  const fetchHead = (h) => page.evaluate(async (u) => {
    const r = await fetch(u)
    const b = new Uint8Array(await r.arrayBuffer())
    return { status: r.status, type: r.headers.get('content-type'), cd: r.headers.get('content-disposition'),
      text: new TextDecoder().decode(b.slice(0, 400)), zip: b[0] === 0x50 && b[1] === 0x4b }
  }, h)
  const csv = await fetchHead(await panel.locator('[data-test=import-template]').getAttribute('href'))
  assert.equal(csv.status, 200)
  assert.match(csv.text.replace(/^\ufeff/, ''), /^企业\*,职业编码\*,岗位名称\*/)
  assert.match(csv.cd, /filename\*=UTF-8''%E4%BA%BA%E6%89%8D%E9%9C%80%E6%B1%82/) // 人才需求导入模板
  const xlsx = await fetchHead(await panel.locator('[data-test=import-template-xlsx]').getAttribute('href'))
  assert.equal(xlsx.status, 200)
  assert.ok(xlsx.zip, 'an XLSX workbook')
  await page.keyboard.press('Escape')

  const sec = await signedIn(t, server, SEC)
  await go(sec, '/workspace/gap')
  await sec.locator('[data-test=page-gap][data-period]:not([data-period=""])').waitFor()
  const gapFetch = (h) => sec.evaluate(async (u) => {
    const r = await fetch(u)
    return { status: r.status, cd: r.headers.get('content-disposition'), text: (await r.text()).slice(0, 200) }
  }, h)
  const g = await gapFetch(await sec.locator('[data-test=gap-csv-major]').getAttribute('href'))
  assert.equal(g.status, 200)
  assert.match(g.text.replace(/^\ufeff/, ''), /^专业代码,专业名称,需求人数,供给人数,缺口/)
  const gx = await gapFetch(await sec.locator('[data-test=gap-xlsx-occupation]').getAttribute('href'))
  assert.equal(gx.status, 200)
  await go(sec, '/workspace/recommendations')
  await sec.locator('[data-test=rec-majors] .el-table__row').first().waitFor()
  const rc = await gapFetch(await sec.locator('[data-test=rec-csv]').getAttribute('href'))
  assert.equal(rc.status, 200)
  assert.match(rc.text, /专业代码,专业名称,层次/)
  assertNoConsoleErrors(assert, page)
  assertNoConsoleErrors(assert, sec)
})

test('the secretariat sees the gap dashboard: bar charts, trend lines and the unserved occupations', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace')
  const menu = await menuTexts(page)
  for (const m of ['供需分析', '专业调整建议', '需求发布', '专业与职业对应']) assert.ok(menu.includes(m), `secretariat menu has ${m}: ${menu}`)
  assert.ok(!menu.includes('学生'), 'no students page for the secretariat (personal data)')

  await go(page, '/workspace/gap')
  const gp = page.locator('[data-test=page-gap]')
  await gp.locator('[data-test=gap-chart-occupation] canvas').waitFor()
  await gp.locator('[data-test=gap-chart-major] canvas').waitFor()
  await gp.locator('[data-test=gap-trend-totals] canvas').waitFor()
  await gp.locator('[data-test=gap-trend-series] canvas').waitFor()
  // the figures agree with the API
  await page.locator('[data-test=page-gap][data-period]:not([data-period=""])').waitFor()
  const period = Number(await gp.getAttribute('data-period'))
  assert.ok(period >= 2024 && period <= 2026, `a demo period is chosen: ${period}`)
  const occ = await apiJSON(page, `/consortia/1/gap?by=occupation&period=${period}`)
  assert.ok(occ.items.length > 0)
  assert.match(await gp.locator('[data-test=gap-kpi-unserved]').innerText(), new RegExp(String(occ.unserved.length)))
  const unserved = gp.locator('[data-test=unserved-table]')
  await unserved.locator('.el-table__row').first().waitFor()
  assert.ok(occ.unserved.length > 0, 'demo data has an unserved occupation')
  assert.match(await unserved.innerText(), new RegExp(occ.unserved[0].name))
  // the data table behind the chart: biggest shortage first
  await gp.locator('[data-test=gap-card-occupation] .el-collapse-item__header').click()
  const first = gp.locator('[data-test=gap-table-occupation] .el-table__row').first()
  await first.waitFor()
  assert.match(await first.innerText(), new RegExp(occ.items[0].code))

  // another period and a kind filter reload the figures
  await gp.locator('[data-test=gap-period]').click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '2025' }).click()
  await page.waitForLoadState('networkidle')
  await gp.locator('[data-test=gap-chart-occupation] canvas').waitFor()
  const resp = page.waitForResponse((r) => r.url().includes('/gap?') && r.url().includes('kind=internship'))
  await gp.locator('[data-test=gap-kind]').click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '顶岗实习' }).click()
  assert.equal((await resp).status(), 200)
  await page.waitForLoadState('networkidle')
  assertNoConsoleErrors(assert, page)
})

test('recommendations show action tags with the figures behind them; thresholds change the advice', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace/recommendations')
  const rp = page.locator('[data-test=page-recommendations]')
  await rp.locator('[data-test=rec-majors] .el-table__row').first().waitFor()
  const tags = (await rp.locator('[data-test=rec-majors] [data-test=rec-action]').allInnerTexts()).map((s) => s.trim())
  assert.ok(tags.length > 0)
  for (const tag of tags) assert.ok(['扩大', '保持', '缩减'].includes(tag), `known action: ${tag}`)
  assert.ok(new Set(tags).size >= 2, `demo data gives more than one kind of advice: ${tags}`)
  // an occupation no major serves → 新设, with catalogue majors that lead there
  const open = rp.locator('[data-test=rec-new-majors] .el-table__row').first()
  await open.waitFor()
  assert.match(await open.innerText(), /新设/)
  // the figures: graduates, demand, ratio and the reason that uses them
  const period = Number(await rp.getAttribute('data-period'))
  const rec = await apiJSON(page, `/consortia/1/recommendations?period=${period}`)
  const m = rec.majors.find((x) => x.ratio !== null && x.action === 'expand') || rec.majors[0]
  const row = rp.locator('[data-test=rec-majors] .el-table__row', { hasText: m.code }).first()
  const text = await row.innerText()
  assert.match(text, new RegExp(m.name))
  assert.match(text, new RegExp(Number(m.ratio).toFixed(2)))
  assert.ok(text.includes(m.reason_zh.slice(0, 8)), `reason shown: ${text}`)
  // the occupations it feeds, in the expanded row
  await row.locator('.el-table__expand-icon').click()
  await rp.locator('.ws-rec-occ .el-table__row', { hasText: m.occupations[0].code }).first().waitFor()

  // a higher expand threshold turns 扩大 into 保持
  if (m.action === 'expand') {
    await rp.locator('[data-test=rec-expand] input').fill(String(Math.ceil(m.ratio + 1)))
    await rp.locator('[data-test=rec-expand] input').press('Tab')
    const resp = page.waitForResponse((r) => r.url().includes('/recommendations?') && r.url().includes('expand='))
    await rp.locator('[data-test=rec-apply]').click()
    assert.equal((await resp).status(), 200)
    await rp.locator('[data-test=rec-majors] .el-table__row', { hasText: m.code }).filter({ hasText: '保持' }).first().waitFor()
  }
  assertNoConsoleErrors(assert, page)
})

test('the crosswalk page shows the shared rows read-only to the secretariat, with the replacement note', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace/crosswalk')
  const cp = page.locator('[data-test=page-crosswalk]')
  assert.match(await cp.locator('[data-test=crosswalk-note]').innerText(), /替代/)
  const shared = cp.locator('[data-test=crosswalk-shared]')
  await shared.locator('.el-table__row').first().waitFor()
  assert.match(await shared.innerText(), /460702 新能源汽车技术/)
  assert.equal(await cp.locator('[data-test=shared-create]').count(), 0, 'the secretariat does not edit shared rows')
  assertNoConsoleErrors(assert, page)
})

test('the secretariat publishes a demand report; the public reads it and downloads the CSV', async (t) => {
  const page = await signedIn(t, server, SEC)
  await go(page, '/workspace/demand-reports')
  const dp = page.locator('[data-test=page-demand-reports]')
  const title = '柳州汽车产业人才需求动态（浏览器测试）'
  await dp.locator('input[data-test=report-title]').fill(title)
  const resp = page.waitForResponse((r) => r.url().endsWith('/consortia/1/demand-reports') && r.request().method() === 'POST')
  await dp.locator('[data-test=report-publish]').click()
  await page.locator('.cj-publish-confirm .el-button--primary').click()  // it asks first (issue 16)
  const created = await resp
  assert.equal(created.status(), 201)
  const rep = await created.json()
  const link = dp.locator(`[data-test=report-link-${rep.id}]`)
  await link.waitFor()
  assert.equal((await link.innerText()).trim(), title)
  assertNoConsoleErrors(assert, page)

  // the public: the consortium page lists it under 人才需求动态, the report page shows it
  const anon = await openPage(t, server)
  await anon.goto(server.url + '/consortia/1')
  await anon.getByRole('tab', { name: '人才需求动态' }).click()
  const item = anon.locator(`[data-test=public-report-${rep.id}]`)
  await item.waitFor()
  await item.click()
  await anon.waitForURL(new RegExp(`/reports/${rep.id}$`))
  await anon.locator('[data-test=report-title]').filter({ hasText: title }).waitFor()
  const summary = await anon.locator('[data-test=report-summary]').innerText()
  assert.match(summary, new RegExp(`岗位数\\s*${rep.summary.positions}`))
  const items = anon.locator('[data-test=report-items] .el-table__row')
  await items.first().waitFor()
  assert.equal(await items.count(), rep.items.length)
  await anon.locator('[data-test=report-by-occupation] .el-table__row').first().waitFor()
  // the CSV link works: a UTF-8 file with a header and one line per position
  const href = await anon.locator('[data-test=report-csv]').getAttribute('href')
  const csv = await anon.evaluate(async (h) => {
    const r = await fetch(h)
    return { status: r.status, type: r.headers.get('content-type'), text: await r.text() }
  }, href)
  assert.equal(csv.status, 200)
  assert.match(csv.type, /text\/csv/)
  const lines = csv.text.replace(/^\ufeff/, '').trim().split(/\r?\n/)
  assert.match(lines[0], /企业/)
  assert.equal(lines.length - 1, rep.items.length)
  const xhref = await anon.locator('[data-test=report-xlsx]').getAttribute('href')
  const xs = await anon.evaluate(async (h) => (await fetch(h)).status, xhref)
  assert.equal(xs, 200)
  assertNoConsoleErrors(assert, anon)
})

test('school staff see the students of their school only, and the supply page; menus follow the unit type; a student sees their own record', async (t) => {
  const page = await signedIn(t, server, SCHOOL)
  await go(page, '/workspace')
  const menu = await menuTexts(page)
  assert.ok(menu.includes('人才供给') && menu.includes('学生'), `school menu: ${menu}`)
  assert.ok(!menu.includes('人才需求'), `no enterprise demand page for a school: ${menu}`)
  await go(page, '/workspace/my-students')
  const sp = page.locator('[data-test=page-my-students]')
  await sp.locator('.el-table__row').first().waitFor()
  const all = await apiJSON(page, '/students?per_page=500')
  assert.ok(all.total > 0, 'demo students')
  assert.ok(all.items.every((s) => s.school_id === 8), 'only the own school\'s students')
  assert.match(await sp.locator('.el-pagination__total').innerText(), new RegExp(String(all.total)))
  // named demo students (示例) or the synthetic interns of the placements demo (虚构)
  assert.match(await sp.innerText(), /（示例）|（虚构）/)
  await go(page, '/workspace/my-supply')
  await page.locator('[data-test=page-my-supply] .el-table__row').first().waitFor()
  // a school is sent away from the enterprise's page
  await go(page, '/workspace/my-demand')
  await page.waitForURL((u) => u.pathname === '/workspace')
  assertNoConsoleErrors(assert, page)

  // a student sees their own record only
  const stu = await signedIn(t, server, STUDENT)
  await go(stu, '/workspace')
  const rec = stu.locator('[data-test=student-record]')
  await rec.first().waitFor()
  const own = await apiJSON(stu, '/students')
  assert.ok(own.total >= 1 && own.items.every((s) => s.user_id === 5), 'the student reads only their own row')
  assert.equal(await rec.count(), own.total)
  assert.match(await rec.first().innerText(), new RegExp(own.items[0].student_no))
  assertNoConsoleErrors(assert, stu)

  // the secretariat cannot reach the students page
  const sec = await signedIn(t, server, SEC)
  await go(sec, '/workspace/my-students')
  await sec.waitForURL((u) => u.pathname === '/workspace')
  assertNoConsoleErrors(assert, sec)
})

test('search over the consortium\'s demand on its public page', async (t) => {
  const page = await openPage(t, server)
  await page.goto(server.url + '/')
  const probe = await page.evaluate(async () => (await fetch('/api/v1/search?q=' + encodeURIComponent('焊接') + '&consortium=1&kind=demand')).status)
  // The route is part of the build: its absence is a failure, never a skip.
  assert.equal(probe, 200, 'GET /api/v1/search answers')
  await page.goto(server.url + '/consortia/1')
  await page.getByRole('tab', { name: '人才需求动态' }).click()
  await page.locator('input[data-test=demand-search]').fill('焊接')
  await page.locator('[data-test=demand-search-submit]').click()
  const results = page.locator('[data-test=demand-search-results] li')
  await results.first().waitFor()
  assert.match(await page.locator('[data-test=demand-search-total]').innerText(), /[1-9]/)
  assertNoConsoleErrors(assert, page)
})

test('at 375 px the talent pages do not overflow', async (t) => {
  const vp = { width: 375, height: 760 }
  const page = await signedIn(t, server, SEC, { viewport: vp })
  await go(page, '/workspace/gap')
  await page.locator('[data-test=gap-chart-occupation] canvas').waitFor()
  await noOverflow(page, 'gap')
  await go(page, '/workspace/recommendations')
  await page.locator('[data-test=rec-majors] .el-table__row').first().waitFor()
  await noOverflow(page, 'recommendations')
  await go(page, '/workspace/demand-reports')
  await page.locator('[data-test=report-publish]').waitFor()
  await noOverflow(page, 'demand reports')
  await go(page, '/workspace/crosswalk')
  await page.locator('[data-test=crosswalk-shared] .el-table__row').first().waitFor()
  await noOverflow(page, 'crosswalk')
  const list = await apiJSON(page, '/consortia/1/demand-reports')
  let id = list.items[0] && list.items[0].id
  if (!id) {
    const r = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json()
      const res = await fetch('/api/v1/consortia/1/demand-reports', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ period: 2026, title: '窄屏测试报告' }),
      })
      return res.json()
    })
    id = r.id
  }
  await go(page, `/reports/${id}`)
  await page.locator('[data-test=report-items] .el-table__row').first().waitFor()
  await noOverflow(page, 'report')
  await go(page, '/consortia/1')
  await page.getByRole('tab', { name: '人才需求动态' }).click()
  await page.locator('[data-test=talent-section]').waitFor()
  await noOverflow(page, 'consortium page')
  assertNoConsoleErrors(assert, page)

  const ent = await signedIn(t, server, ENTERPRISE, { viewport: vp })
  await go(ent, '/workspace/my-demand')
  await ent.locator('[data-test=page-my-demand] .el-table__row').first().waitFor()
  await noOverflow(ent, 'enterprise demand')
  assertNoConsoleErrors(assert, ent)
})

test('the platform admin edits the shared crosswalk and imports a catalogue edition (check only)', async (t) => {
  const page = await signedIn(t, server, ADMIN)
  await go(page, '/workspace/crosswalk')
  const cp = page.locator('[data-test=page-crosswalk]')
  await cp.locator('[data-test=crosswalk-shared] .el-table__row').first().waitFor()
  assert.ok(await cp.locator('[data-test=shared-create]').isVisible(), 'the admin may add shared rows')

  await go(page, '/workspace/import')
  const ip = page.locator('[data-test=page-import]')
  await ip.locator('[data-test=import-kind] [data-kind=majors]').click()
  const edition = ip.locator('input[data-test=import-edition]')
  await edition.waitFor()
  assert.match(await ip.locator('[data-test=import-columns]').innerText(), /专业代码.*专业名称/s)
  const csv = '专业代码,专业名称,层次\n460702,新能源汽车技术,高职专科\n'
  await ip.locator('[data-test=import-file]').setInputFiles({ name: '专业目录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  // an edition is required
  await ip.locator('[data-test=import-dry-run]').click()
  await ip.locator('.el-form-item__error').filter({ hasText: '版本' }).waitFor()
  await edition.fill('2025')
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/import/majors?') && r.url().includes('edition=2025') && !r.url().includes('consortium_id'))
  await ip.locator('[data-test=import-dry-run]').click()
  assert.equal((await resp).status(), 200)
  await ip.locator('[data-test=import-notice]').filter({ hasText: '校验通过' }).waitFor()
  assertNoConsoleErrors(assert, page)
})
