// Long lists, figures people trust, and care with what cannot be undone
// (issue 16), in Debian's Chromium against the real binary with the demo data:
// the demo school's 804 students come a page at a time (学生双选状态); a
// weighted gap figure shows whole people with a tooltip saying how the
// crosswalk split it; publishing asks first and says who will see it (cancel
// publishes nothing, confirm publishes); Enter in a field never publishes; a
// changed, unsaved ranked list warns before the user leaves; a phone is not
// told the Alt+↑/↓ keys.  One server and one browser for the file; the steps
// run in order and switch accounts.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, logout, go, apiFetch, apiJSON, pickOption, assertNoConsoleErrors, withScreenshot, openPage, SEC, SCHOOL, ENTERPRISE, STUDENT } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)
let page
let signedInAs = null

before(async () => { await browser.ready(); page = await newPage(browser.context) })

const step = (name, fn) => test(name, withScreenshot(name, () => page, fn))

async function as([user, pass]) {
  if (signedInAs === user) return
  if (signedInAs) await logout(page)
  await page.goto(server.url + '/login')
  await login(page, user, pass, server.url)
  signedInAs = user
}

// A write from the page's session (the CSRF token from /auth/me).
async function apiWrite(method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const me = await (await fetch('/api/v1/auth/me')).json()
    const r = await fetch('/api/v1' + p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: b ? JSON.stringify(b) : undefined })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, [method, path, body])
}

// Count the requests matching fn while act() runs, and a little after.
async function requestsDuring(fn, act, settle = 600) {
  let n = 0
  const on = (r) => { if (fn(r)) n++ }
  page.on('request', on)
  try { await act(); await page.waitForTimeout(settle) } finally { page.off('request', on) }
  return n
}

async function pickFirstRound() {
  const picker = page.locator('[data-test=round-select]')
  await picker.waitFor()
  if (!(await picker.innerText()).trim() || (await picker.innerText()).includes('选择轮次')) {
    await picker.click()
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').first().click()
  }
  await page.waitForLoadState('networkidle')
}

step("the school's 804 students come a page at a time, filtered and sorted on the server", async () => {
  await as(SCHOOL)
  await go(page, '/workspace/match-status')
  await pickFirstRound()
  const pg = page.locator('[data-test=page-match-school]')
  const rows = pg.locator('[data-test=school-table] .el-table__body-wrapper .el-table__row')
  await rows.first().waitFor()
  // the demo school has 804 students: the figures count them all, the table shows one page
  const rounds = await apiJSON(page, '/match-rounds?consortium_id=1')
  const rid = rounds.items[0].id
  const all = (await apiFetch(page, `/match-rounds/${rid}/school?per_page=1`)).body
  assert.equal(all.total, 804, 'the demo school has 804 students')
  assert.match(await pg.locator('[data-test=school-kpi-students]').innerText(), /804/)
  assert.equal(await rows.count(), 20)
  assert.match(await pg.locator('[data-test=school-pager]').innerText(), /804/)
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  assert.ok(height < 3000, `one page, not 44 000 pixels: ${height}px`)
  // the next page is other students
  const first = await rows.first().innerText()
  const next = page.waitForResponse((r) => r.url().includes(`/match-rounds/${rid}/school?`) && r.url().includes('page=2'))
  await pg.locator('[data-test=school-pager] .btn-next').click()
  assert.equal((await next).status(), 200)
  await page.waitForLoadState('networkidle')
  assert.notEqual(await rows.first().innerText(), first)
  // a name typed finds the one student among 804
  await pg.locator('input[data-test=school-q]').fill('李明')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=school-table] .el-table__body-wrapper .el-table__row').length === 1)
  assert.match(await rows.first().innerText(), /李明（示例）/)
  // sorting by name descending asks the server
  await pg.locator('input[data-test=school-q]').fill('')
  const sorted = page.waitForResponse((r) => r.url().includes(`/match-rounds/${rid}/school?`) && r.url().includes('sort=name'))
  await pg.locator('[data-test=school-table] .el-table__header-wrapper th', { hasText: '姓名' }).first().locator('.cell').click()
  assert.equal((await sorted).status(), 200)
  await page.waitForLoadState('networkidle')
  const names = await pg.locator('[data-test=school-table] .el-table__body-wrapper .el-table__row td:nth-child(2)').allInnerTexts()
  assert.deepEqual(names, [...names].sort(), 'sorted by name')
  assertNoConsoleErrors(assert, page)
})

step('a weighted gap figure shows whole people, with a tooltip saying how it was split', async () => {
  await as(SEC)
  await go(page, '/workspace/gap')
  const gp = page.locator('[data-test=page-gap]')
  await page.locator('[data-test=page-gap][data-period]:not([data-period=""])').waitFor()
  await gp.locator('[data-test=gap-period]').click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '2025' }).click()
  await page.waitForLoadState('networkidle')
  const occ = await apiJSON(page, '/consortia/1/gap?by=occupation&period=2025')
  const row = occ.items.find((r) => !Number.isInteger(r.supply) && r.split.length > 1)
  assert.ok(row, 'the demo has an occupation whose supply is a fraction of people')
  await gp.locator('[data-test=gap-card-occupation] .el-collapse-item__header').click()
  const tr = gp.locator('[data-test=gap-table-occupation] .el-table__row', { hasText: row.code })
  await tr.waitFor()
  const cells = tr.locator('[data-test=people-figure]')
  const [demand, supply, gap] = await cells.allInnerTexts()
  assert.equal(supply.trim(), String(Math.round(row.supply)), `supply ${row.supply} shown whole`)
  assert.equal(demand.trim(), String(Math.round(row.demand)))
  assert.equal(gap.trim(), String(Math.round(row.demand) - Math.round(row.supply)), 'the gap adds up on screen')
  assert.ok(!/\d\.\d/.test(await tr.innerText()), `no fractional person in the row: ${await tr.innerText()}`)
  await cells.nth(1).hover()
  const tip = page.locator('.cj-people-tip:visible')
  await tip.waitFor()
  const text = await tip.innerText()
  assert.match(text, /按专业–职业对应权重分摊/)
  for (const p of row.split) assert.ok(text.includes(`${p.name} ${p.graduates}×${p.share}`), `the split names ${p.name}: ${text}`)
  // the cards too: whole people
  assert.ok(/^\s*[\d,]+\s*$/.test(await gp.locator('[data-test=gap-kpi-supply] .ws-kpi-value').innerText()))
  assertNoConsoleErrors(assert, page)
})

step('publishing a demand report asks first and says who will see it; Enter in the title publishes nothing', async () => {
  await as(SEC)
  await go(page, '/workspace/demand-reports')
  const dp = page.locator('[data-test=page-demand-reports]')
  await dp.locator('[data-test=report-audience]').waitFor()
  assert.match(await dp.locator('[data-test=report-audience]').innerText(), /互联网上的任何人/)
  const isPost = (r) => r.url().endsWith('/consortia/1/demand-reports') && r.method() === 'POST'
  const title = dp.locator('input[data-test=report-title]')
  await title.fill('回车不发布（浏览器测试）')
  assert.equal(await requestsDuring(isPost, () => title.press('Enter')), 0, 'Enter in the title publishes nothing')
  assert.equal(await page.locator('.cj-publish-confirm').count(), 0, 'and asks nothing')
  // the button asks first; Cancel publishes nothing
  const before = (await apiJSON(page, '/consortia/1/demand-reports')).items.length
  assert.equal(await requestsDuring(isPost, async () => {
    await dp.locator('[data-test=report-publish]').click()
    const ask = page.locator('.cj-publish-confirm')
    await ask.waitFor()
    assert.match(await ask.innerText(), /互联网上的任何人/)
    assert.match(await ask.innerText(), /需求报告/)
    await ask.locator('.el-button', { hasText: '取消' }).click()
  }), 0, 'cancel publishes nothing')
  assert.equal((await apiJSON(page, '/consortia/1/demand-reports')).items.length, before)
  // confirm publishes
  const resp = page.waitForResponse((r) => r.url().endsWith('/consortia/1/demand-reports') && r.request().method() === 'POST')
  await dp.locator('[data-test=report-publish]').click()
  await page.locator('.cj-publish-confirm .el-button--primary').click()
  assert.equal((await resp).status(), 201)
  assert.equal((await apiJSON(page, '/consortia/1/demand-reports')).items.length, before + 1)
  assertNoConsoleErrors(assert, page)
})

step('a form whose save publishes: Enter does not submit it, the save asks first', async () => {
  await as(SEC)
  await go(page, '/workspace/announcements')
  await page.locator('[data-test=et-create]').click()
  const dlg = page.locator('.el-dialog:visible')
  const name = '回车不发布的通知（浏览器测试）'
  await dlg.locator('[data-field=title] input').fill(name)
  await dlg.locator('[data-field=body] textarea').fill('正文')
  await pickOption(page, dlg.locator('[data-field=status]'), '已发布')
  await dlg.locator('[data-test=form-publish-note]').waitFor()
  assert.match(await dlg.locator('[data-test=form-publish-note]').innerText(), /任何人|成员单位/)
  const isPost = (r) => r.url().endsWith('/api/v1/announcements') && r.method() === 'POST'
  assert.equal(await requestsDuring(isPost, () => dlg.locator('[data-field=title] input').press('Enter')), 0, 'Enter in a field never publishes')
  assert.equal(await requestsDuring(isPost, async () => {
    await dlg.locator('[data-test=form-save]').click()
    await page.locator('.cj-publish-confirm').waitFor()
    await page.locator('.cj-publish-confirm .el-button', { hasText: '取消' }).click()
  }), 0, 'declining publishes nothing')
  const resp = page.waitForResponse((r) => isPost(r.request()))
  await dlg.locator('[data-test=form-save]').click()
  await page.locator('.cj-publish-confirm .el-button--primary').click()
  assert.equal((await resp).status(), 201)
  const found = await apiJSON(page, '/announcements?q=' + encodeURIComponent(name))
  assert.equal(found.items[0].status, 'published')
  assertNoConsoleErrors(assert, page)
})

step("an enterprise's demand item: publishing asks first; cancel leaves it a draft", async () => {
  await as(ENTERPRISE)
  const title = '发布前确认的岗位（浏览器测试）'
  const made = await apiWrite('POST', '/demand', {
    consortium_id: 1, enterprise_id: 5, occupation_code: '6-22-02-01', job_title: title, kind: 'employment',
    headcount: 3, period: 2026, status: 'draft',
  })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  await go(page, '/workspace/my-demand')
  const row = page.locator('.el-table__row', { hasText: title })
  await row.waitFor()
  await row.locator('[data-test^=publish-]').click()
  const ask = page.locator('.cj-publish-confirm')
  await ask.waitFor()
  assert.match(await ask.innerText(), /人才需求/)
  await ask.locator('.el-button', { hasText: '取消' }).click()
  await page.waitForTimeout(300)
  assert.equal((await apiJSON(page, `/demand/${made.body.id}`)).status, 'draft', 'cancel publishes nothing')
  await row.locator('[data-test^=publish-]').click()
  await page.locator('.cj-publish-confirm .el-button--primary').click()
  await row.filter({ hasText: '已发布' }).waitFor()
  assert.equal((await apiJSON(page, `/demand/${made.body.id}`)).status, 'published')
  assertNoConsoleErrors(assert, page)
})

step('leaving a changed, unsaved ranked list warns; staying keeps it, leaving drops it', async () => {
  await as(STUDENT)
  await go(page, '/workspace/matching')
  await pickFirstRound()
  const pg = page.locator('[data-test=page-match-student]')
  await pg.locator('[data-test=position]').first().waitFor()
  await pg.locator('[data-test=position] [data-test=add-position]').first().click()
  await pg.locator('[data-test=list-dirty]').waitFor()
  // the keyboard hint is there on a desktop
  assert.match(await pg.locator('[data-test=rank-hint]').first().innerText(), /Alt/)
  const here = page.url()
  await page.locator('.cj-ws-menu .el-menu-item').first().click()
  const ask = page.locator('.cj-unsaved-confirm')
  await ask.waitFor()
  assert.match(await ask.innerText(), /未保存/)
  await ask.locator('.el-button', { hasText: '继续编辑' }).click()
  await page.waitForTimeout(300)
  assert.equal(page.url(), here, 'staying keeps the page')
  await pg.locator('[data-test=list-dirty]').waitFor()
  await page.locator('.cj-ws-menu .el-menu-item').first().click()
  await page.locator('.cj-unsaved-confirm .el-button--primary').click()
  await page.waitForURL((u) => u.href !== here)
  assertNoConsoleErrors(assert, page)
})

test('a phone is not told the Alt+↑/↓ keys', async (t) => {
  const phone = await openPage(t, server, { viewport: { width: 375, height: 760 }, context: { hasTouch: true, isMobile: true } })
  await phone.goto(server.url + '/login')
  await login(phone, STUDENT[0], STUDENT[1], server.url)
  await phone.goto(server.url + '/workspace/matching')
  await phone.waitForLoadState('networkidle')
  const picker = phone.locator('[data-test=round-select]')
  await picker.waitFor()
  if ((await picker.innerText()).includes('选择轮次')) {
    await picker.click()
    await phone.locator('.el-select-dropdown:visible .el-select-dropdown__item').first().click()
  }
  await phone.locator('[data-test=position] [data-test=add-position]').first().click()
  await phone.locator('[data-test=rank-item]').first().waitFor()
  const hint = phone.locator('[data-test=rank-hint]').first()
  assert.equal((await hint.innerText()).trim(), '', 'no keyboard hint on a touch device')
  assert.ok(!(await phone.locator('body').innerText()).includes('Alt + ↑'), 'nowhere on the page')
})
