// Co-built resources and joint training, the rest of issue 11, in Debian's
// Chromium against the real binary with the demo data:
// - the school 柳州职业技术大学 picks its order class's students in the class's
//   dialog (a paged search of its own students), adds one, removes one and
//   saves; the class's enterprise (东风柳汽, an account made here) sees the
//   list read-only, without the picker;
// - the enterprise 上汽通用五菱 gives its training base several photos at once
//   in the facility form (a file-list field); the first is the cover, the
//   record page shows them all; the figures page charts its use month by month.
// (The booking with date-time pickers, the approval, the refused over-booking
// and the figures are tests/web/facilities.test.mjs.)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { useServer, signedIn, go, apiJSON, assertNoConsoleErrors, ADMIN, SCHOOL, ENTERPRISE } from './harness.mjs'

const server = useServer()
const COHORT = '东风柳汽商用车装调订单班（示例）'
const DFLZ = ['dflz_staff_web', 'dflz-staff-web-2026']

// A write from the page's session (the CSRF token from /auth/me).
async function apiWrite(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const me = await (await fetch('/api/v1/auth/me')).json()
    const r = await fetch('/api/v1' + p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: b ? JSON.stringify(b) : undefined })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, [method, path, body])
}

// A one-pixel PNG whose colour is seed (distinct bytes, distinct files).
function png(seed) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0 })
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0 }
  const chunk = (kind, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(kind, 'ascii'), data])
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(1, 0); ihdr.writeUInt32BE(1, 4); ihdr[8] = 8; ihdr[9] = 2
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, seed & 0xff, 0x80, 0x40]))), chunk('IEND', Buffer.alloc(0))])
}

let cohortId = 0

test('the school picks a cohort\'s students in its dialog; the enterprise sees the list read-only', async (t) => {
  // An account of the class's enterprise, 东风柳汽 (the demo has none).
  const admin = await signedIn(t, server, ADMIN)
  const cohort = (await apiJSON(admin, '/cohorts?consortium_id=1&q=' + encodeURIComponent(COHORT))).items[0]
  assert.ok(cohort, 'the demo has the order class')
  cohortId = cohort.id
  const made = await apiWrite(admin, 'POST', '/users', { username: DFLZ[0], display_name: '东风柳汽联络员', role: 'org_staff', organization_id: cohort.enterprise_id, password: DFLZ[1] })
  assert.equal(made.status, 201, JSON.stringify(made.body))

  const page = await signedIn(t, server, SCHOOL)
  const before = await apiJSON(page, `/cohorts/${cohortId}`)
  assert.equal(before.student_ids.length, 5)
  // A student of the school not yet in the class, found by name in the dialog.
  const all = await apiJSON(page, `/students?consortium_id=1&school_id=${before.school_id}&per_page=50&sort=id`)
  const extra = all.items.find((s) => !before.student_ids.includes(s.id))
  assert.ok(extra, 'the school has another student')
  await go(page, '/workspace/my-cohorts')
  await page.locator(`[data-test=cohort-open-${cohortId}]`).click()
  const box = page.locator('[data-test=cohort-students]')
  await box.locator('[data-test=cohort-pick]').waitFor()
  assert.match(await box.locator('[data-test=cohort-count]').innerText(), /5/)
  await box.locator('[data-test=cohort-student-table] .el-table__row').nth(4).waitFor()
  await box.locator('input[data-test=cohort-search], [data-test=cohort-search] input').first().fill(extra.name)
  await box.locator(`[data-test=cohort-add-${extra.id}]`).click()
  await box.locator('[data-test=cohort-student-table]').getByText(extra.name).waitFor()
  assert.match(await box.locator('[data-test=cohort-count]').innerText(), /6/)
  // …and one of the five taken out, then saved.
  const out = before.student_ids[0]
  await box.locator(`[data-test=cohort-remove-${out}]`).click()
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cohorts/${cohortId}`) && r.request().method() === 'PATCH')
  await box.locator('[data-test=cohort-save]').click()
  assert.equal((await saved).status(), 200)
  const after = await apiJSON(page, `/cohorts/${cohortId}`)
  assert.deepEqual(after.student_ids, [...before.student_ids.slice(1), extra.id])
  assert.equal(after.students_listed, 5)
  assertNoConsoleErrors(assert, page)

  // The enterprise: the same list, read-only, no picker.
  const ent = await signedIn(t, server, DFLZ)
  await go(ent, '/workspace/our-cohorts')
  await ent.locator(`[data-test=cohort-open-${cohortId}]`).click()
  const ebox = ent.locator('[data-test=cohort-students]')
  await ebox.locator('[data-test=cohort-student-table] .el-table__row').nth(4).waitFor()
  assert.equal(await ebox.locator('[data-test=cohort-student-table] .el-table__row').count(), 5)
  assert.equal(await ebox.locator('[data-test=cohort-pick]').count(), 0)
  assert.equal(await ebox.locator('[data-test^=cohort-remove-]').count(), 0)
  assertNoConsoleErrors(assert, ent)
})

test('an enterprise gives its training base several photos at once; the first is the cover', async (t) => {
  const page = await signedIn(t, server, ENTERPRISE)
  const me = await apiJSON(page, '/auth/me')
  const fac = (await apiJSON(page, `/facilities?consortium_id=1&organization_id=${me.organization_id}&per_page=50`)).items
    .find((f) => f.name.startsWith('上汽通用五菱整车制造实训基地'))
  assert.ok(fac, 'the demo has SGMW training base')
  await go(page, '/workspace/my-facilities')
  await page.locator('.el-table__row', { hasText: fac.name }).first().locator('[data-test=et-edit]').click()
  const dlg = page.locator('.el-dialog:visible')
  const field = dlg.locator('[data-test=file-field-photos]')
  await field.locator('[data-test=file-input]').setInputFiles([
    { name: '实训车间.png', mimeType: 'image/png', buffer: png(11) },
    { name: '装调工位.png', mimeType: 'image/png', buffer: png(12) },
  ])
  await field.locator('[data-test=file-thumb]').nth(1).waitFor()
  assert.equal(await field.getAttribute('data-count'), '2')
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  const row = await apiJSON(page, `/facilities/${fac.id}`)
  assert.equal(row.photos.length, 2)
  assert.equal(row.photo, row.photos[0], 'the first photo is the cover')
  for (const id of row.photos) {
    const st = await page.evaluate(async (x) => (await fetch('/api/v1/files/' + x)).status, id)
    assert.equal(st, 200)
  }
  await go(page, `/workspace/records/facilities/${fac.id}`)
  await page.locator('[data-test=record-files-photos] img').nth(1).waitFor()
  // Its use month by month: the figures page charts the facility picked.
  const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear()
  await go(page, `/workspace/facility-stats?facility=${fac.id}&year=${year}`)
  const chart = page.locator(`[data-test=fac-chart][data-facility="${fac.id}"]`)
  await chart.waitFor()
  await chart.locator('canvas, svg').first().waitFor()
  const stats = await apiJSON(page, `/consortia/1/facility-stats?year=${year}`)
  const mine = stats.items.find((x) => x.facility_id === fac.id)
  assert.equal(mine.utilisation_by_month.length, 12)
  assert.equal(mine.outside_share_by_month.length, 12)
  assert.match(await page.locator('[data-test=page-facility-stats]').innerText(), new RegExp(fac.name.slice(0, 8)))
  assertNoConsoleErrors(assert, page)
})
