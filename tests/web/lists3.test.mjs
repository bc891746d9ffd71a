// 三张清单 (issue 10; web/src/views/workspace/tech/Lists.vue, public/PublishedList.vue,
// public/ListsSection.vue): the secretariat publishes a technology-needs list in the
// browser after the confirmation; the public reads its rows on the list's own page at
// phone width (a members-only need is not there) and downloads the CSV; the consortium
// page links the latest list of each kind.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, go, screenshotOnFailure, assertNoConsoleErrors, noOverflow, menuTexts, SEC } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

async function api(method, path, body, token) {
  const r = await fetch(server.url + '/api/v1' + path, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: r.status, body: await r.json() }
}

test('the secretariat publishes a tech-needs list; the public reads it on a phone', async (t) => {
  await server.ready()
  const tok = (await api('POST', '/auth/login', { username: SEC[0], password: SEC[1] })).body.token
  const orgs = (await api('GET', '/organizations?name=' + encodeURIComponent('上汽通用五菱汽车股份有限公司'), null, tok)).body
  const ent = orgs.items[0].id
  const need = async (title, visibility) => {
    const r = await api('POST', '/tech-needs', { consortium_id: 1, enterprise_id: ent, title, field: '检测与质量', visibility, status: 'published', keywords: '焊点检测' }, tok)
    assert.equal(r.status, 201, JSON.stringify(r.body))
  }
  await need('浏览器清单：焊点在线检测', 'public')
  await need('浏览器清单：仅成员可见的需求', 'members')

  const page = await newPage(browser.context)
  screenshotOnFailure(t, page)
  await login(page, SEC[0], SEC[1], server.url)
  assert.ok((await menuTexts(page)).includes('三张清单'), 'the menu offers 三张清单')
  await go(page, server.url + '/workspace/tech-lists')
  const lp = page.locator('[data-test=page-tech-lists]')
  await lp.waitFor()
  assert.match(await lp.locator('[data-test=lists-kind]').innerText().catch(() => ''), /技术需求清单/)
  await lp.locator('input[data-test=lists-period]').fill('2026H2')
  const resp = page.waitForResponse((r) => r.url().endsWith('/consortia/1/lists') && r.request().method() === 'POST')
  await lp.locator('[data-test=lists-publish]').click()
  const ask = page.locator('.cj-publish-confirm')
  await ask.waitFor()
  assert.match(await ask.innerText(), /互联网上的任何人/)
  await ask.locator('.el-button--primary').click()
  const r = await resp
  assert.equal(r.status(), 201)
  const list = await r.json()
  assert.equal(list.kind, 'tech_needs')
  assert.equal(list.period, '2026H2')
  const link = lp.locator(`[data-test=list-link-${list.id}]`)
  await link.waitFor()
  assert.match(await link.innerText(), /2026H2年技术需求清单/)
  assertNoConsoleErrors(assert, page)
  await page.close()

  // The public, on a phone: the list's page shows its rows, fits the width.
  const anon = await newPage(browser.context, { viewport: { width: 390, height: 844 } })
  screenshotOnFailure(t, anon)
  await go(anon, server.url + `/consortia/1/lists/${list.id}`)
  await anon.locator('[data-test=list-title]').filter({ hasText: '2026H2年技术需求清单' }).waitFor()
  const rows = anon.locator('[data-test=list-rows] .el-table__row')
  await rows.first().waitFor()
  const text = await anon.locator('[data-test=list-rows]').innerText()
  assert.match(text, /浏览器清单：焊点在线检测/)
  assert.match(text, /检测与质量/)
  assert.doesNotMatch(text, /仅成员可见/)
  assert.match(await anon.locator('[data-test=list-meta]').innerText(), new RegExp(`共 ${list.count} 条`))
  await noOverflow(anon, 'list page at 390 px')
  const href = await anon.locator('[data-test=list-csv]').getAttribute('href')
  const csv = await anon.evaluate(async (h) => (await fetch(h)).text(), href)
  assert.match(csv, /浏览器清单：焊点在线检测/)
  assert.doesNotMatch(csv, /仅成员可见/)

  // The consortium page links the latest list of each kind.
  await go(anon, server.url + '/consortia/1')
  const latest = anon.locator('[data-test=lists-latest-tech_needs] a')
  await latest.waitFor()
  assert.match(await latest.innerText(), /2026H2年技术需求清单/)
  await noOverflow(anon, 'consortium page at 390 px')
  await latest.click()
  await anon.waitForURL(new RegExp(`/consortia/1/lists/${list.id}$`))
  assertNoConsoleErrors(assert, anon)
  await anon.close()
})
