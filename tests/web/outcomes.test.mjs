// Placements and outcomes (成效) in Debian's Chromium against the real binary with
// the demo data (柳州职业技术大学 interns at 广西汽车集团 2023–2026): the public
// consortium page shows the report's figures from the records; the secretariat
// lists placements without who the interns are and sees the figures on its
// dashboard; the school sees its interns by name; 375 px without horizontal
// overflow; no console errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, openPage, signedIn, go, noOverflow, assertNoConsoleErrors, assertNoConsoleWarnings, SEC, SCHOOL, ENTERPRISE } from './harness.mjs'

const server = useServer()

// The figures table of an outcomes section: { year: {col: n} } and 'total'.
async function figures(section) {
  return section.locator('[data-test=outcomes-table]').evaluate((table) => {
    const out = {}
    for (const tr of table.querySelectorAll('tr[data-year]')) {
      const row = {}
      for (const td of tr.querySelectorAll('td[data-col]')) row[td.dataset.col] = Number(td.textContent.trim())
      out[tr.dataset.year] = row
    }
    return out
  })
}

async function kpi(section, key) {
  return Number((await section.locator(`[data-test=outcome-kpi-${key}] [data-test=value]`).innerText()).trim())
}

async function openPublicOutcomes(page) {
  await go(page, '/consortia/1')
  await page.locator('[data-test=consortium-name]').waitFor()
  await page.getByRole('tab', { name: '成效' }).click()
  const section = page.locator('[data-test=outcomes-section]')
  await section.locator('[data-test=outcomes-table] tbody tr').first().waitFor()
  return section
}

function checkDemoFigures(f) {
  for (const y of ['2023', '2024', '2025', '2026']) {
    assert.ok(f[y], `a row for ${y}`)
    assert.ok(f[y].interns >= 190 && f[y].interns <= 210, `about 200 interns in ${y}: ${f[y].interns}`)
  }
  assert.ok(f.total.graduates >= 2900 && f.total.graduates <= 2999, `close to 3 000 graduates: ${f.total.graduates}`)
  assert.equal(f.total.technician, 37, '37 at 技师 or above')
}

test('the public consortium page shows the outcome figures of the demo records', async (t) => {
  const page = await openPage(t, server)
  const section = await openPublicOutcomes(page)
  const f = await figures(section)
  checkDemoFigures(f)
  // headline numbers agree with the table and the report
  assert.equal(await kpi(section, 'technician'), 37)
  assert.equal(await kpi(section, 'graduates'), f.total.graduates)
  assert.ok(await kpi(section, 'new-occupation') > 1000, 'over 1 000 new-occupation person-times')
  const interns = await kpi(section, 'interns')
  assert.equal(interns, f['2026'].interns)
  // every certificate level, lowest first, with the technician-or-above sum
  const levels = await section.locator('[data-test=certificates-by-level] tbody tr td:first-child').allInnerTexts()
  assert.deepEqual(levels.map((s) => s.trim()), ['初级工', '中级工', '高级工', '技师', '高级技师', '特级技师', '首席技师'])
  // both charts are drawn
  await section.locator('[data-test=outcomes-people-chart] canvas').waitFor()
  await section.locator('[data-test=outcomes-training-chart] canvas').waitFor()
  // the same numbers the API answers, and nothing personal on the page
  const api = await page.evaluate(async () => (await fetch('/api/v1/consortia/1/outcomes')).json())
  assert.equal(f.total.graduates, api.total.graduates_delivered)
  assert.ok(!(await section.innerText()).includes('示例学生'), 'no names in the outcomes section')
  assertNoConsoleErrors(assert, page)
  assertNoConsoleWarnings(assert, page)
})

test('the secretariat lists placements without the interns and sees the figures on its dashboard', async (t) => {
  const page = await signedIn(t, server, SEC)
  const menu = (await page.locator('.cj-ws-menu .el-menu-item').allInnerTexts()).map((s) => s.trim())
  for (const item of ['顶岗实习', '毕业生就业', '技能等级证书', '培训']) assert.ok(menu.includes(item), `menu has ${item}: ${menu}`)
  // the dashboard's 成效 card
  const dash = page.locator('[data-test=dashboard-outcomes] [data-test=outcomes-section]')
  await dash.locator('[data-test=outcomes-table] tbody tr').first().waitFor()
  checkDemoFigures(await figures(dash))

  await go(page, '/workspace/placements')
  const pg = page.locator('[data-test=page-placements]')
  await pg.locator('.el-table__row').first().waitFor()
  const all = await page.evaluate(async () => (await fetch('/api/v1/placements?per_page=1&consortium_id=1')).json())
  assert.ok(all.total > 780, `the demo placements: ${all.total}`)
  assert.match(await pg.locator('.el-pagination__total').innerText(), new RegExp(String(all.total)))
  const text = await pg.locator('.el-table').innerText()
  assert.match(text, /广西汽车集团/, 'the host enterprise is named')
  assert.match(text, /已完成|在岗/, 'status labels')
  assert.ok(!text.includes('示例学生'), 'no intern names for the secretariat')
  const heads = await pg.locator('.el-table__header th').allInnerTexts()
  assert.ok(!heads.some((h) => h.trim() === '学生'), `no student column: ${heads}`)
  // the secretariat does not place students (the schools do)
  assert.equal(await pg.locator('[data-test=et-create]').count(), 0)
  // the certificates register: a student's certificate is the student's
  // personal data, so the secretariat sees it without the holder
  await go(page, '/workspace/certificates')
  const certs = page.locator('[data-test=page-certificates]')
  await certs.locator('.el-table__row').first().waitFor()
  const certText = await certs.locator('.el-table').innerText()
  assert.match(certText, /中级工|高级工|技师/, 'the certificates are listed')
  assert.ok(!certText.includes('示例学生'), 'no student holders for the secretariat')
  assertNoConsoleErrors(assert, page)
})

test('the school sees its interns by name; an enterprise without interns sees none', async (t) => {
  const page = await signedIn(t, server, SCHOOL)
  const menu = (await page.locator('.cj-ws-menu .el-menu-item').allInnerTexts()).map((s) => s.trim())
  assert.ok(menu.includes('顶岗实习') && menu.includes('毕业生就业'), `school menu: ${menu}`)
  await go(page, '/workspace/my-placements')
  const pg = page.locator('[data-test=page-org-placements]')
  await pg.locator('.el-table__row').first().waitFor()
  // student names come in lazily (the school may read its students)
  await pg.locator('.el-table').getByText(/示例学生|李明/).first().waitFor()
  assert.ok(await pg.locator('[data-test=et-create]').count() === 1, 'the school places students')
  assertNoConsoleErrors(assert, page)

  const firm = await signedIn(t, server, ENTERPRISE)
  const fmenu = (await firm.locator('.cj-ws-menu .el-menu-item').allInnerTexts()).map((s) => s.trim())
  assert.ok(fmenu.includes('顶岗实习') && !fmenu.includes('毕业生就业'), `enterprise menu: ${fmenu}`)
  await go(firm, '/workspace/my-interns')
  const fp = firm.locator('[data-test=page-org-placements]')
  await fp.locator('.el-table__empty-text').waitFor()
  assert.equal(await fp.locator('[data-test=et-create]').count(), 0, 'enterprises do not place students')
  assertNoConsoleErrors(assert, firm)
})

test('at 375 px the outcomes section and the placements list do not overflow', async (t) => {
  const phone = { width: 375, height: 740 }
  const page = await openPage(t, server, { viewport: phone })
  const section = await openPublicOutcomes(page)
  await section.locator('[data-test=outcomes-people-chart] canvas').waitFor()
  checkDemoFigures(await figures(section))
  const box = await section.boundingBox()
  assert.ok(box && box.width <= 375, `section fits: ${JSON.stringify(box)}`)
  await noOverflow(page, 'public outcomes')
  assertNoConsoleErrors(assert, page)

  const sec = await signedIn(t, server, SEC, { viewport: phone })
  await go(sec, '/workspace/placements')
  await sec.locator('[data-test=page-placements] .el-table__row').first().waitFor()
  await noOverflow(sec, 'secretariat placements')
  await go(sec, '/workspace')
  await sec.locator('[data-test=dashboard-outcomes] [data-test=outcomes-table]').waitFor()
  await noOverflow(sec, 'secretariat dashboard')
  assertNoConsoleErrors(assert, sec)
})
