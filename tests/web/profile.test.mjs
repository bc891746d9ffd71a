// The consortium's profile (issue 12) on the public consortium page, in Debian's
// Chromium against the real binary with the demo data: Liuzhou's lead school and
// enterprise, park, supporting government and recognition (first national batch)
// by name, for anyone; Beijing–Tianjin–Hebei's two lead units; a child consortium
// an admin records shows on its parent's page and links back; the secretariat
// edits the profile in its workspace and the public page shows it; English
// labels; 375 px without horizontal overflow; no console errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, go, login, logout, noOverflow, screenshotOnFailure, assertNoConsoleErrors, ADMIN, SEC } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

async function api(method, p, token, body) {
  const r = await fetch(server.url + '/api/v1' + p, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: r.status, body: r.status === 204 ? null : await r.json() }
}

// The profile block's rows as { key: text } once the names have arrived.
async function profile(page) {
  const block = page.locator('[data-test=consortium-profile]')
  await block.waitFor()
  // names come from the registers: wait until none is still an id (#8)
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-test=consortium-profile]')
    return b && !/#\d+/.test(b.textContent) && b.querySelector('[data-test=profile-children][data-loaded=true]')
  })
  return block.evaluate((b) => {
    const out = {}
    for (const el of b.querySelectorAll('[data-test^=profile-]')) out[el.dataset.test.slice(8)] = el.textContent.trim()
    return out
  })
}

test('anyone sees Liuzhou’s profile: lead units, park, government, first national batch', async (t) => {
  await browser.ready()
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await go(page, '/consortia/1')
  const p = await profile(page)
  assert.equal(p['lead-school'], '柳州职业技术大学')
  assert.equal(p['lead-enterprise'], '上汽通用五菱汽车股份有限公司')
  assert.equal(p.park, '柳州高新技术产业开发区（柳东新区）')
  assert.equal(p.government, '柳东新区管理委员会')
  assert.equal(p.recognition, '国家级 · 第一批（2023年，全国28个）')
  assert.equal(p['recognized-by'], '教育部办公厅')
  assert.equal(p.parent, undefined, 'no parent')
  assert.equal(p.children, '暂无', 'no child consortium: no report names one')
  assertNoConsoleErrors(assert, page)
})

test('Beijing–Tianjin–Hebei: the two lead units and the first Beijing batch', async (t) => {
  await browser.ready()
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await go(page, '/consortia/4')
  const p = await profile(page)
  assert.equal(p['lead-school'], '北京市商业学校')
  assert.equal(p['lead-enterprise'], '北京祥龙博瑞汽车服务(集团)有限公司')
  assert.equal(p.park, '祥龙汽车产业园区')
  assert.equal(p.government, '北京市朝阳区东坝乡人民政府')
  assert.equal(p.recognition, '省级 · 第一批')
  assertNoConsoleErrors(assert, page)
})

test('a child consortium shows on its parent’s page and links back; English; 375 px', async (t) => {
  await server.ready()
  await browser.ready()
  const tok = (await api('POST', '/auth/login', null, { username: ADMIN[0], password: ADMIN[1] })).body.token
  const made = await api('POST', '/consortia', tok, {
    name: '浏览器测试培育联合体', kind: 'city', level: 'municipal', is_public: true, parent_id: 1, founded_on: '2026-06-01',
  })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  try {
    await go(page, '/consortia/1')
    const p = await profile(page)
    assert.equal(p.children, '浏览器测试培育联合体')
    await page.locator('[data-test=profile-children] a').click()
    await page.waitForURL(`**/consortia/${made.body.id}`)
    await page.locator('[data-test=consortium-name]', { hasText: '浏览器测试培育联合体' }).waitFor()
    const child = await profile(page)
    assert.equal(child.parent, '广西（柳州）汽车产教联合体')
    await page.locator('[data-test=profile-parent] a').click()
    await page.waitForURL('**/consortia/1')
    await page.locator('[data-test=consortium-name]', { hasText: '广西（柳州）汽车产教联合体' }).waitFor()

    await page.evaluate(() => localStorage.setItem('cj_lang', 'en'))
    await page.setViewportSize({ width: 375, height: 740 })
    await go(page, '/consortia/1')
    await profile(page)
    const labels = await page.locator('[data-test=consortium-profile] .el-descriptions__label').allInnerTexts()
    for (const l of ['Lead school', 'Lead enterprise', 'Industrial park', 'Supporting government', 'Recognition', 'Consortia fostered']) {
      assert.ok(labels.some((x) => x.trim() === l), `${l} in ${labels}`)
    }
    await noOverflow(page, 'the consortium page with its profile at 375 px')
    assertNoConsoleErrors(assert, page)
  } finally {
    await page.evaluate(() => localStorage.removeItem('cj_lang')).catch(() => {})
    await api('DELETE', `/consortia/${made.body.id}`, tok)
  }
})

test('the secretariat edits its consortium’s profile in the workspace; the public page shows it', async (t) => {
  await server.ready()
  await browser.ready()
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await login(page, SEC[0], SEC[1], server.url)
  await go(page, '/workspace/consortium-profile')
  const park = page.locator('[data-test=page-consortium-profile] [data-field=park] input')
  await park.waitFor()
  assert.equal(await park.inputValue(), '柳州高新技术产业开发区（柳东新区）')
  await park.fill('柳州高新技术产业开发区（柳东新区）·浏览器测试')
  await page.locator('[data-test=page-consortium-profile] [data-test=form-save]').click()
  await page.locator('[data-test=profile-saved]').waitFor()
  await go(page, '/consortia/1')
  assert.equal((await profile(page)).park, '柳州高新技术产业开发区（柳东新区）·浏览器测试')
  // the record page shows the profile too, the units as links to their records
  await go(page, '/workspace/records/consortia/1')
  const fields = page.locator('[data-test=record-fields]')
  await fields.waitFor()
  await fields.locator('[data-test=ref-organizations-8]', { hasText: '柳州职业技术大学' }).waitFor()
  await fields.locator('[data-test=ref-organizations-5]', { hasText: '上汽通用五菱汽车股份有限公司' }).waitFor()
  assert.ok((await fields.innerText()).includes('第一批（2023年，全国28个）'))
  assertNoConsoleErrors(assert, page)
  // put it back for the other tests of this file
  const tok = (await api('POST', '/auth/login', null, { username: SEC[0], password: SEC[1] })).body.token
  const back = await api('PATCH', '/consortia/1', tok, { park: '柳州高新技术产业开发区（柳东新区）' })
  assert.equal(back.status, 200, JSON.stringify(back.body))
  await logout(page).catch(() => {})
})
