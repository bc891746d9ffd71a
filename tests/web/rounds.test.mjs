// Two-sided matching (双向选择) in Debian's Chromium against the real binary
// with the demo data: a round runs end to end through the four roles' pages.
// The secretariat creates a round for Liuzhou 2025 (positions: the published
// internship and order-class demand) and opens it; the demo student builds a
// ranked list from the suggested positions (buttons and keyboard) and saves
// it; the secretariat closes applications; SGMW ranks its applicant; the
// secretariat closes rankings, runs the matching (verified stable) and
// publishes; the student sees the placement and why not the higher choice;
// the school sees its students' status; statistics and the CSV; 375 px; no
// console errors. The tests run in order and share one browser, switching
// accounts.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, logout, go, apiFetch, menuTexts, noOverflow, assertNoConsoleErrors, withScreenshot, SEC, STUDENT, ENTERPRISE, SCHOOL } from './harness.mjs'

const TITLE = '2025 年实习与订单班双选（浏览器测试）'
const INTERN = '总装顶岗实习生' // SGMW's published internship (demo demand)
const ORDER = '商用车装调订单班' // an order class of an enterprise that ranks nobody here

const server = useServer()
const browser = useBrowser(server)
let page
let signedInAs = null
let roundId = null

before(async () => { await browser.ready(); page = await newPage(browser.context) })

const step = (name, fn) => test(name, withScreenshot(name, () => page, fn))

async function as([user, pass]) {
  if (signedInAs === user) return
  if (signedInAs) await logout(page)
  await page.goto(server.url + '/login')
  await login(page, user, pass, server.url)
  signedInAs = user
}

// pick this test's round in the page's round picker
async function pickRound() {
  const picker = page.locator('[data-test=round-select]')
  await picker.waitFor()
  await picker.click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: TITLE }).first().click()
  await page.waitForLoadState('networkidle')
}

// the secretariat's page with this round opened for management
async function manage() {
  await go(page, '/workspace/match-rounds')
  const row = page.locator('[data-test=page-match-rounds] .el-table__row', { hasText: TITLE })
  await row.waitFor()
  await row.locator(`[data-test=manage-${roundId}]`).click()
  const panel = page.locator(`[data-test=round-manage][data-round="${roundId}"]`)
  await panel.waitFor()
  return panel
}

async function action(panel, name, expectStatus) {
  const resp = page.waitForResponse((r) => r.url().endsWith(`/api/v1/match-rounds/${roundId}/${name}`) && r.request().method() === 'POST')
  await panel.locator(`[data-test=action-${name}]`).click()
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  await box.locator('.el-button--primary').click()
  assert.equal((await resp).status(), 200, `${name} answers 200`)
  await page.locator(`[data-test=round-manage][data-status=${expectStatus}]`).waitFor()
}

step('the secretariat creates a round with the meta-driven form and opens it', async () => {
  await as(SEC)
  await go(page, '/workspace')
  assert.ok((await menuTexts(page)).includes('双选轮次'), 'secretariat menu has 双选轮次')
  await go(page, '/workspace/match-rounds')
  const pg = page.locator('[data-test=page-match-rounds]')
  await pg.locator('[data-test=et-create]').click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=title] input').fill(TITLE)
  const period = dlg.locator('[data-field=period] input')
  await period.fill('2025')
  await period.press('Tab')
  await dlg.locator('[data-field=positions] .el-select').click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: /实习.*订单|both/i }).first().click()
  for (const [f, d] of [['apply_by', '2099-06-30'], ['rank_by', '2099-07-15']]) {
    const input = dlg.locator(`[data-field=${f}] input`)
    await input.fill(d)
    await input.press('Enter')
  }
  const mc = dlg.locator('[data-field=max_choices] input')
  await mc.fill('3')
  await mc.press('Tab')
  assert.equal(await dlg.locator('[data-field=status]').count(), 0, 'the status is the server\'s')
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/match-rounds') && r.request().method() === 'POST')
  await dlg.locator('[data-test=form-save]').click()
  const resp = await created
  assert.equal(resp.status(), 201, `create answers 201: ${await resp.text()}`)
  const round = await resp.json()
  roundId = round.id
  assert.equal(round.status, 'draft')
  assert.equal(round.consortium_id, 1)
  await dlg.waitFor({ state: 'hidden' })

  const panel = await manage()
  assert.match(await panel.innerText(), /筹备中/)
  // only the step the status allows
  assert.ok(await panel.locator('[data-test=action-open]').isEnabled())
  for (const a of ['close-applications', 'close', 'run', 'publish']) assert.ok(await panel.locator(`[data-test=action-${a}]`).isDisabled(), `${a} disabled in draft`)
  await panel.locator('.el-tabs__item', { hasText: '岗位' }).click()
  const positions = panel.locator('[data-test=round-positions]')
  await positions.locator('.el-table__row', { hasText: INTERN }).waitFor()
  await positions.locator('.el-table__row', { hasText: ORDER }).waitFor()
  await action(panel, 'open', 'open')
  assert.equal((await apiFetch(page, `/match-rounds/${roundId}`)).body.status, 'open')
  assertNoConsoleErrors(assert, page)
})

step('the student ranks positions from the suggestions with buttons and the keyboard, and saves the list', async () => {
  await as(STUDENT)
  await go(page, '/workspace')
  assert.ok((await menuTexts(page)).includes('双向选择'), 'student menu has 双向选择')
  await go(page, '/workspace/matching')
  const pg = page.locator('[data-test=page-match-student]')
  await pickRound()
  await pg.locator('[data-test=round-status][data-status=open]').waitFor()
  await pg.locator('[data-test=position]').first().waitFor()
  // suggestions carry their reasons
  const sugg = await apiFetch(page, `/match-rounds/${roundId}/suggestions`)
  assert.equal(sugg.status, 200)
  if (sugg.body.items.length) {
    const first = pg.locator(`[data-test=position][data-demand="${sugg.body.items[0].demand_id}"]`)
    await first.locator('[data-test=suggested]').waitFor()
    assert.ok((await first.locator('[data-test=suggestion-reasons] li').count()) >= 1, 'a suggestion shows its reasons')
  }
  assert.match(await pg.locator('[data-test=list-count]').innerText(), /最多 3/)

  // add the internship, then the order class; the order class goes first by keyboard
  const intern = pg.locator('[data-test=position]', { hasText: INTERN }).first()
  const order = pg.locator('[data-test=position]', { hasText: ORDER }).first()
  await intern.locator('[data-test=add-position]').click()
  await order.locator('[data-test=add-position]').click()
  const items = pg.locator('[data-test=my-list] [data-test=rank-item]')
  assert.deepEqual((await items.allInnerTexts()).map((s) => s.includes(INTERN) ? 'I' : s.includes(ORDER) ? 'O' : '?'), ['I', 'O'])
  await items.nth(1).focus()
  await page.keyboard.press('Alt+ArrowUp')
  assert.deepEqual((await items.allInnerTexts()).map((s) => s.includes(INTERN) ? 'I' : 'O'), ['O', 'I'])
  // moved entry keeps the focus; buttons move it back and forth
  assert.ok(await items.nth(0).evaluate((el) => el === document.activeElement), 'focus follows the moved entry')
  await items.nth(0).locator('[data-test=rank-down]').click()
  await items.nth(1).locator('[data-test=rank-up]').click()
  assert.deepEqual((await items.allInnerTexts()).map((s) => s.includes(INTERN) ? 'I' : 'O'), ['O', 'I'])
  assert.match(await intern.locator('[data-test=in-list]').innerText(), /第 2 志愿/)

  const saved = page.waitForResponse((r) => r.url().endsWith(`/match-rounds/${roundId}/my-list`) && r.request().method() === 'POST')
  await pg.locator('[data-test=save-list]').click()
  assert.equal((await saved).status(), 200)
  await pg.locator('[data-test=list-saved]').waitFor()
  const my = await apiFetch(page, `/match-rounds/${roundId}/my`)
  assert.deepEqual(my.body.list.map((x) => x.job_title), [ORDER, INTERN])
  assert.equal(my.body.result, null)

  // the list survives a reload
  await page.reload()
  await page.waitForLoadState('networkidle')
  await pickRound()
  assert.equal(await pg.locator('[data-test=my-list] [data-test=rank-item]').count(), 2)
  assertNoConsoleErrors(assert, page)
})

step('the secretariat closes applications; SGMW ranks its applicant and saves the ranking', async () => {
  await as(SEC)
  await action(await manage(), 'close-applications', 'ranking')

  await as(ENTERPRISE)
  await go(page, '/workspace')
  assert.ok((await menuTexts(page)).includes('申请者排序'), 'enterprise menu has 申请者排序')
  await go(page, '/workspace/match-rankings')
  const pg = page.locator('[data-test=page-match-rankings]')
  await pickRound()
  const pos = pg.locator('[data-test=ranking-position]', { hasText: INTERN })
  await pos.waitFor()
  // SGMW sees its own positions only
  assert.equal(await pg.locator('[data-test=ranking-position]', { hasText: ORDER }).count(), 0)
  const applicant = pos.locator('[data-test=unranked-applicant]', { hasText: '李明' })
  await applicant.waitFor()
  const profile = await applicant.innerText()
  assert.match(profile, /柳州职业技术大学/)
  assert.match(profile, /460702/)
  assert.match(profile, /其第 2 志愿/)
  await applicant.locator('[data-test=rank-applicant]').click()
  await pos.locator('[data-test=ranking-list] [data-test=rank-item]', { hasText: '李明' }).waitFor()
  const saved = page.waitForResponse((r) => r.url().endsWith(`/match-rounds/${roundId}/rankings`) && r.request().method() === 'POST')
  await pos.locator('[data-test=save-ranking]').click()
  assert.equal((await saved).status(), 200)
  const a = await apiFetch(page, `/match-rounds/${roundId}/applicants`)
  const mine = a.body.positions.find((p) => p.job_title === INTERN)
  assert.equal(mine.ranking.length, 1)
  assertNoConsoleErrors(assert, page)
})

step('the secretariat closes rankings, runs the matching (verified stable) and publishes; statistics and CSV', async () => {
  await as(SEC)
  let panel = await manage()
  await action(panel, 'close', 'closed')
  await action(panel, 'run', 'matched')
  panel = page.locator(`[data-test=round-manage][data-round="${roundId}"]`)
  await panel.locator('[data-test=round-verdict]').filter({ hasText: '稳定性校验通过' }).waitFor()
  await action(panel, 'publish', 'published')
  for (const a of ['open', 'close-applications', 'close', 'run', 'publish']) assert.ok(await panel.locator(`[data-test=action-${a}]`).isDisabled(), `${a} disabled once published`)
  // a second publish is refused by the server
  const again = await page.evaluate(async (id) => {
    const me = await (await fetch('/api/v1/auth/me')).json()
    const r = await fetch(`/api/v1/match-rounds/${id}/publish`, { method: 'POST', headers: { 'X-CSRF-Token': me.csrf_token } })
    return { status: r.status, body: await r.json() }
  }, roundId)
  assert.equal(again.status, 409)
  assert.ok(again.body.error && again.body.error.code, 'the error envelope')
  // the browser logs the refused request; it was asked for
  page.consoleErrors = page.consoleErrors.filter((e) => !(e.includes('409') && e.includes('/publish')))

  // results with the placement, pseudonymous for the secretariat, and the CSV download
  await panel.locator('.el-tabs__item', { hasText: '结果' }).click()
  const row = panel.locator('[data-test=round-results] .el-table__row', { hasText: INTERN })
  await row.waitFor()
  assert.match(await row.innerText(), /柳州职业技术大学/)
  assert.doesNotMatch(await panel.locator('[data-test=round-results]').innerText(), /李明/, 'no names for the secretariat')
  const href = await panel.locator('[data-test=results-csv]').getAttribute('href')
  assert.match(href, new RegExp(`/api/v1/match-rounds/${roundId}/results\\?format=csv`))
  const csv = await apiFetch(page, href.replace('/api/v1', ''))
  assert.equal(csv.status, 200)
  assert.match(String(csv.body), new RegExp(INTERN))

  // statistics: fill rate, first-choice share, unmatched by major (chart and table)
  await panel.locator('.el-tabs__item', { hasText: '统计' }).click()
  const stats = (await apiFetch(page, `/match-rounds/${roundId}/stats`)).body
  assert.equal(stats.matched, 1)
  await panel.locator('[data-test=stat-matched]').filter({ hasText: String(stats.matched) }).waitFor()
  assert.match(await panel.locator('[data-test=stat-fill-rate]').innerText(), /%/)
  assert.match(await panel.locator('[data-test=stat-first-choice]').innerText(), /%/)
  if (stats.unmatched_by_major.length) {
    await panel.locator('[data-test=chart-unmatched] canvas').waitFor()
    assert.equal(await panel.locator('[data-test=table-unmatched] .el-table__row').count(), stats.unmatched_by_major.length)
  }
  assertNoConsoleErrors(assert, page)
})

step('the student sees the placement and why not the position ranked higher', async () => {
  await as(STUDENT)
  await go(page, '/workspace/matching')
  await pickRound()
  const result = page.locator('[data-test=match-result]')
  await result.waitFor()
  const ok = result.locator('[data-test=result-matched]')
  assert.match(await ok.innerText(), new RegExp(INTERN))
  assert.match(await ok.innerText(), /第 2 志愿/)
  assert.match(await result.innerText(), /为什么没有录取到排名更靠前的岗位/)
  const why = result.locator('[data-test=explanation-item]')
  assert.equal(await why.count(), 1)
  assert.match(await why.first().innerText(), new RegExp(ORDER))
  assert.equal(await why.first().getAttribute('data-why'), 'not_acceptable')
  // the list cannot change any more
  assert.equal(await page.locator('[data-test=save-list]').count(), 0)
  assertNoConsoleErrors(assert, page)
})

step('the enterprise sees whom it admitted; the school sees its students\' lists and placements', async () => {
  await as(ENTERPRISE)
  await go(page, '/workspace/match-rankings')
  await pickRound()
  const pos = page.locator('[data-test=ranking-position]', { hasText: INTERN })
  await pos.locator('[data-test=position-result]').filter({ hasText: '李明' }).waitFor()
  assertNoConsoleErrors(assert, page)

  await as(SCHOOL)
  await go(page, '/workspace')
  assert.ok((await menuTexts(page)).includes('学生双选状态'), 'school menu has 学生双选状态')
  await go(page, '/workspace/match-status')
  await pickRound()
  // the school's 804 students come a page at a time: find 李明 by name
  await page.locator('input[data-test=school-q]').fill('李明')
  const row = page.locator('[data-test=school-table] .el-table__row', { hasText: '李明' })
  await row.waitFor()
  assert.match(await row.innerText(), /2 个/)
  assert.match(await row.innerText(), new RegExp(INTERN))
  await page.waitForFunction(() => document.querySelectorAll('[data-test=school-table] .el-table__row').length === 1)
  const school = (await apiFetch(page, `/match-rounds/${roundId}/school?q=${encodeURIComponent('李明')}`)).body
  assert.equal(await page.locator('[data-test=school-table] .el-table__row').count(), school.items.length)
  assertNoConsoleErrors(assert, page)
})

step('at 375 px the matching pages do not overflow', async () => {
  await page.setViewportSize({ width: 375, height: 760 })
  try {
    await as(SCHOOL)
    await go(page, '/workspace/match-status')
    await pickRound()
    await page.locator('[data-test=school-table] .el-table__row').first().waitFor()
    await noOverflow(page, 'school status')

    await as(STUDENT)
    await go(page, '/workspace/matching')
    await pickRound()
    await page.locator('[data-test=match-result]').waitFor()
    await page.locator('[data-test=position]').first().waitFor()
    await noOverflow(page, 'student')

    await as(ENTERPRISE)
    await go(page, '/workspace/match-rankings')
    await pickRound()
    await page.locator('[data-test=ranking-position]').first().waitFor()
    await noOverflow(page, 'enterprise')

    await as(SEC)
    const panel = await manage()
    await panel.locator('[data-test=round-stats]').waitFor()
    await noOverflow(page, 'secretariat stats')
    await panel.locator('.el-tabs__item', { hasText: '结果' }).click()
    await panel.locator('[data-test=round-results] .el-table__row').first().waitFor()
    await noOverflow(page, 'secretariat results')
    assertNoConsoleErrors(assert, page)
  } finally {
    await page.setViewportSize({ width: 1280, height: 860 })
  }
})
