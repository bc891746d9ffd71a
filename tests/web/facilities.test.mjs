// Co-built facilities (共建共享资源) in Debian's Chromium against the real binary
// with the demo data: the school 柳州职业技术大学 books the enterprise SGMW's
// training base (40 stations) in the calendar, the form showing the window
// free; SGMW approves it in its queue; a second booking over the same hours is
// shown as a conflict in the form before it is submitted and again when SGMW
// tries to approve it (the approved booking named); the school marks the first
// session done with its person-times and the figures page counts them; the
// public directory lists the facilities the reports name.  A week of 2031 keeps
// the test clear of the demo's bookings.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, openPage, login, logout, go, apiJSON, assertNoConsoleErrors, SCHOOL, ENTERPRISE, SEC } from './harness.mjs'

const server = useServer()
const WEEK = '2031-03-10'

// Fill an el-input or el-input-number by its data-test and leave it (change).
async function fill(page, name, value) {
  const el = page.locator(`input[data-test=${name}], [data-test=${name}] input`).first()
  await el.fill(String(value))
  await el.press('Tab')
}

// Pick a date-time in an el-date-picker (type datetime) by typing it as the
// picker shows it and confirming with Enter.
async function pick(page, name, value) {
  const el = page.locator(`input[data-test=${name}], [data-test=${name}] input`).first()
  await el.click()
  await el.fill(String(value))
  await el.press('Enter')
}

async function bookingForm(page, { starts, ends, stations }) {
  await page.locator('[data-test=fac-book]').click()
  await page.locator('[data-test=fac-form]').waitFor()
  await pick(page, 'fac-starts', starts)
  await pick(page, 'fac-ends', ends)
  await fill(page, 'fac-stations', stations)
}

test('a school books an enterprise base, the owner approves, an overbooking is a conflict, done counts in the figures', async (t) => {
  const page = await openPage(t, server)
  await page.goto(server.url + '/login')
  await login(page, ...SCHOOL, server.url)
  const fac = (await apiJSON(page, '/facilities?consortium_id=1&per_page=50')).items.find((f) => f.name.startsWith('上汽通用五菱整车制造实训基地'))
  assert.ok(fac, 'the demo has SGMW training base')
  assert.equal(fac.stations, 40)

  // 1. The school books 30 stations on Monday morning; the form says they are free.
  await go(page, `/workspace/facility-calendar?facility=${fac.id}&week=${WEEK}`)
  await page.locator('[data-test=fac-grid]').waitFor()
  await bookingForm(page, { starts: `${WEEK} 09:00`, ends: `${WEEK} 12:00`, stations: 30 })
  await page.locator('[data-test=fac-fits]').waitFor()
  await page.locator('[data-test=fac-submit]').click()
  await page.locator('[data-test=fac-form]').waitFor({ state: 'detached' })
  const first = page.locator('[data-test^=fac-block-][data-status=requested]')
  await first.first().waitFor()
  const firstId = Number((await first.first().getAttribute('data-test')).replace('fac-block-', ''))
  assert.match(await first.first().innerText(), /柳州职业技术大学/)

  // 2. SGMW approves it in its queue.
  await logout(page)
  await page.goto(server.url + '/login')
  await login(page, ...ENTERPRISE, server.url)
  await go(page, '/workspace/my-bookings')
  await page.locator(`[data-test=fac-approve-${firstId}]`).click()
  await page.locator(`[data-test=fac-approve-${firstId}]`).waitFor({ state: 'detached' })
  const approved = await apiJSON(page, `/facility-bookings/${firstId}`)
  assert.equal(approved.status, 'approved')
  assert.equal(approved.starts_at, `${WEEK}T09:00:00+08:00`, 'the picked start, in ISO 8601 with +08:00')
  assert.equal(approved.ends_at, `${WEEK}T12:00:00+08:00`)

  // 3. The school asks for 20 more over the same hours: the form shows the conflict
  //    with the approved booking before submitting; submitted anyway, SGMW's approval
  //    is refused naming it.
  await logout(page)
  await page.goto(server.url + '/login')
  await login(page, ...SCHOOL, server.url)
  await go(page, `/workspace/facility-calendar?facility=${fac.id}&week=${WEEK}`)
  await page.locator(`[data-test=fac-block-${firstId}][data-status=approved]`).waitFor()
  assert.match(await page.locator(`[data-test=fac-peak-${WEEK}]`).innerText(), /30\/40/)
  await bookingForm(page, { starts: `${WEEK} 10:00`, ends: `${WEEK} 11:00`, stations: 20 })
  const conflict = page.locator('[data-test=fac-conflict]')
  await conflict.waitFor()
  assert.match(await conflict.innerText(), /10/) // at most 10 free
  await page.locator(`[data-test=fac-conflict-${firstId}]`).waitFor()
  await page.locator('[data-test=fac-submit]').click()
  await page.locator('[data-test=fac-form]').waitFor({ state: 'detached' })
  const second = (await apiJSON(page, `/facility-bookings?facility_id=${fac.id}&status=requested`)).items[0]
  assert.ok(second && second.stations === 20, 'the second booking waits for approval')

  await logout(page)
  await page.goto(server.url + '/login')
  await login(page, ...ENTERPRISE, server.url)
  await go(page, '/workspace/my-bookings')
  await page.locator(`[data-test=fac-approve-${second.id}]`).click()
  const refused = page.locator('[data-test=fac-approve-conflict]')
  await refused.waitFor()
  await refused.locator(`[data-test=fac-conflict-${firstId}]`).waitFor()
  assert.match(await refused.innerText(), /柳州职业技术大学/)
  assert.equal((await apiJSON(page, `/facility-bookings/${second.id}`)).status, 'requested')
  // the 409 the page explains
  page.consoleErrors = page.consoleErrors.filter((e) => !e.includes(`/api/v1/facility-bookings/${second.id}"`))

  // The secretariat sees the request waiting in its queue, and imports facilities.
  await logout(page)
  await page.goto(server.url + '/login')
  await login(page, ...SEC, server.url)
  await go(page, '/workspace/facility-bookings')
  await page.locator(`[data-test=fac-approve-${second.id}]`).waitFor()
  await go(page, '/workspace/import')
  await page.locator('[data-test=import-kind] [data-kind=facility-bookings]').waitFor()

  // 4. The school records the first session done with 28 person-times.
  await logout(page)
  await page.goto(server.url + '/login')
  await login(page, ...SCHOOL, server.url)
  await go(page, '/workspace/my-bookings')
  await page.getByRole('tab', { name: /本单位的预约/ }).click()
  await page.locator(`[data-test=fac-done-${firstId}]`).click()
  await fill(page, 'fac-person-times', 28)
  await page.locator('[data-test=fac-done-save]').click()
  await page.locator(`[data-test=fac-done-${firstId}]`).waitFor({ state: 'detached' })
  const done = await apiJSON(page, `/facility-bookings/${firstId}`)
  assert.equal(done.status, 'done')
  assert.equal(done.person_times, 28)

  // 5. The figures of 2031 count it: 28 person-times at the base, 30 × 3 station-hours.
  await go(page, '/workspace/facility-stats?year=2031')
  await page.locator(`[data-test=fac-pt-${fac.id}]`).filter({ hasText: '28' }).waitFor()
  const stats = await apiJSON(page, '/consortia/1/facility-stats?year=2031')
  const row = stats.items.find((i) => i.facility_id === fac.id)
  assert.equal(row.person_times, 28)
  assert.equal(row.station_hours_booked, 90)
  assert.equal(row.outside_share, 1)
  assertNoConsoleErrors(assert, page)
})

test('the public directory shows what each facility offers', async (t) => {
  const page = await openPage(t, server)
  await go(page, '/consortia/1')
  await page.locator('[data-test=facility-directory-link]').click()
  await page.waitForURL(/\/consortia\/1\/facilities$/)
  const table = page.locator('[data-test=facility-table]')
  await table.waitFor()
  const text = await table.innerText()
  for (const name of ['广西（柳州）职业技能公共实训基地', '智能制造产业学院', '中国—东盟工匠学院（柳州）']) assert.ok(text.includes(name), name)
  const imc = (await apiJSON(page, '/facilities?consortium_id=1&q=' + encodeURIComponent('智能制造产业学院'))).items[0]
  const owners = await page.locator(`[data-test=owners-${imc.id}]`).innerText()
  assert.match(owners, /柳州职业技术大学/)
  assert.match(owners, /广西汽车集团有限公司（共建）/)
  assert.match(text, /省级/)
  assertNoConsoleErrors(assert, page)
})
