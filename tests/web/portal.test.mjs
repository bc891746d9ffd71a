// Public portal, sign-in frame and phone layout, in Debian's Chromium against the real binary.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, launchBrowser, newPage, login, logout, screenshotOnFailure, assertNoConsoleErrors, assertNoConsoleWarnings } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

async function typeCounts(page) {
  return page.$$eval('[data-test=composition-table] tbody tr', (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.type, Number(r.querySelector('td.num').textContent.trim())])))
}

test('a newcomer finds the Liuzhou consortium and sees its 84 members and chart', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await page.goto(server.url + '/')
  await page.locator('[data-test=consortium-card]').first().waitFor()
  assert.ok(await page.locator('[data-test=demo-banner]').isVisible(), 'demo banner shown')
  assert.match(await page.locator('[data-test=demo-banner]').innerText(), /演示模式/)
  // search narrows the list
  await page.locator('input[data-test=portal-search]').fill('柳州')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=consortium-card]').length === 1)
  const link = page.getByRole('link', { name: '广西（柳州）汽车产教联合体' })
  await link.click()
  await page.waitForURL(/\/consortia\/1$/)
  await page.locator('[data-test=member-total]').filter({ hasText: '84' }).waitFor()
  assert.match(await page.locator('[data-test=composition-total]').innerText(), /84/)
  await page.locator('[data-test=composition-chart] svg').waitFor()
  assert.ok(await page.locator('[data-test=composition-chart] svg path').count() >= 6, 'pie sectors drawn')
  const counts = await typeCounts(page)
  assert.deepEqual(counts, {
    government: 8, enterprise: 59, undergraduate: 2, higher_vocational: 6,
    secondary_vocational: 7, research_institute: 2, industry_association: 0, other: 0,
  })
  const enterpriseRow = page.locator('[data-test=composition-table] tr[data-type=enterprise]')
  assert.match(await enterpriseRow.innerText(), /企业\s*59/)
  // the other sections are there
  await page.getByRole('tab', { name: '理事会' }).click()
  await page.getByText('理事长单位').first().waitFor()
  await page.getByRole('tab', { name: '合作协议' }).click()
  await page.locator('[data-test=agreements-by-type]').getByText('战略合作').waitFor()
  await page.getByRole('tab', { name: '通知公告' }).click()
  await page.getByText('关于征集2026年度企业人才需求的通知（示例）').waitFor()
  await page.getByRole('tab', { name: '政策清单' }).click()
  await page.getByText('柳州市支持汽车产业技能人才培养若干措施（示例）').waitFor()
  await page.getByRole('tab', { name: '项目清单' }).click()
  await page.getByText('2026年度园区产教融合实训基地建设项目（示例）').waitFor()
  assertNoConsoleErrors(assert, page)
  assertNoConsoleWarnings(assert, page)
  await page.close()
})

test('the language switch shows English labels and is remembered', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await page.goto(server.url + '/consortia/1')
  await page.locator('[data-test=composition-chart] svg').waitFor()
  await page.getByRole('button', { name: '切换到英文' }).click()
  await page.getByText('84 member units').waitFor()
  assert.equal(await page.getAttribute('html', 'lang'), 'en')
  assert.match(await page.locator('[data-test=composition-table] tr[data-type=enterprise]').innerText(), /Enterprises\s*59/)
  assert.ok(await page.getByRole('tab', { name: 'Council' }).isVisible())
  assert.ok(await page.getByRole('link', { name: 'Sign in' }).isVisible())
  await page.reload()
  await page.getByText('84 member units').waitFor()
  await page.getByRole('button', { name: 'Switch to Chinese' }).click()
  await page.getByText('成员单位共 84 家').waitFor()
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN')
  assertNoConsoleErrors(assert, page)
  assertNoConsoleWarnings(assert, page)
  await page.close()
})

test('the header is keyboard-usable: Tab reaches the language switch and the sign-in link', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await page.goto(server.url + '/')
  await page.locator('[data-test=consortium-card]').first().waitFor()
  const focused = () => page.evaluate(() => (document.activeElement ? document.activeElement.textContent.trim() : ''))
  let found = false
  for (let i = 0; i < 10 && !found; i++) {
    await page.keyboard.press('Tab')
    found = (await focused()) === 'English'
  }
  assert.ok(found, 'Tab reaches the language switch')
  await page.keyboard.press('Enter')
  await page.getByText('Industry–education consortia', { exact: true }).waitFor()
  await page.keyboard.press('Tab')
  assert.equal(await focused(), 'Sign in')
  await page.keyboard.press('Enter')
  await page.waitForURL((u) => u.pathname === '/login')
  await page.getByRole('button', { name: 'Switch to Chinese' }).click()
  await page.locator('html[lang=zh-CN]').waitFor({ state: 'attached' })
  assertNoConsoleErrors(assert, page)
  assertNoConsoleWarnings(assert, page)
  await page.close()
})

test('an anonymous visitor going to the workspace is sent to the login page', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await page.goto(server.url + '/workspace')
  await page.waitForURL((u) => u.pathname === '/login')
  assert.equal(new URL(page.url()).searchParams.get('redirect'), '/workspace')
  await page.locator('[data-test=login-submit]').waitFor()
  assert.equal(await page.locator('[data-test=current-user]').count(), 0)
  assertNoConsoleErrors(assert, page)
  assertNoConsoleWarnings(assert, page)
  await page.close()
})

test('the secretariat signs in and signs out', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await page.goto(server.url + '/workspace')
  await page.waitForURL((u) => u.pathname === '/login')
  await login(page, 'liuzhou_sec', 'secretariat-demo-2026', server.url)
  assert.equal(new URL(page.url()).pathname, '/workspace')
  assert.match(await page.locator('[data-test=current-user]').innerText(), /秘书处/)
  // the session survives a reload (GET /auth/me restores it)
  await page.reload()
  await page.locator('[data-test=current-user]').waitFor()
  assert.equal(new URL(page.url()).pathname, '/workspace')
  // the home's to-do list has been read (signing out under a request in flight makes it a 401)
  await page.waitForLoadState('networkidle')
  await logout(page)
  await page.goto(server.url + '/workspace')
  await page.waitForURL((u) => u.pathname === '/login')
  assertNoConsoleErrors(assert, page)
  assertNoConsoleWarnings(assert, page)
  await page.close()
})

test('a wrong password shows the server message', async (t) => {
  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await page.goto(server.url + '/login')
  await page.locator('input[name=username]').fill('liuzhou_sec')
  await page.locator('input[name=password]').fill('wrong-password')
  await page.locator('[data-test=login-submit]').click()
  await page.locator('[data-test=login-error]').waitFor()
  assert.match(await page.locator('[data-test=login-error]').innerText(), /\S/)
  // the only console noise allowed is the browser's own note about the 401 answer
  assert.deepEqual(page.consoleErrors.filter((e) => !/status of 401/.test(e)), [])
  await page.close()
})

test('the pages fit a 375 px phone without horizontal overflow', async (t) => {
  const phone = await launchBrowser({ viewport: { width: 375, height: 740 } })
  const page = await newPage(phone.context)
  screenshotOnFailure(t, page)
  try {
    const widths = {}
    for (const p of ['/', '/consortia/1', '/login']) {
      await page.goto(server.url + p)
      if (p === '/') await page.locator('[data-test=consortium-card]').first().waitFor()
      if (p === '/consortia/1') await page.locator('[data-test=composition-chart] svg').waitFor()
      if (p === '/login') await page.locator('[data-test=login-submit]').waitFor()
      await page.waitForTimeout(200)
      widths[p] = await page.evaluate(() => document.documentElement.scrollWidth)
    }
    for (const [p, w] of Object.entries(widths)) assert.ok(w <= 376, `${p} scrollWidth ${w} > 375`)
    await login(page, 'liuzhou_sec', 'secretariat-demo-2026', server.url)
    await page.waitForTimeout(200)
    const w = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(w <= 376, `/workspace scrollWidth ${w} > 375`)
    await logout(page)
    assertNoConsoleErrors(assert, page)
    assertNoConsoleWarnings(assert, page)
  assertNoConsoleWarnings(assert, page)
  } finally {
    await phone.close()
  }
})
