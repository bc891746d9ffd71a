// The technology service platform (issue 10) end to end in Debian's Chromium
// against the real binary with the demo data: 上汽通用五菱 (sgmw_admin) posts a
// technology need and publishes it; anonymous finds it on the public 揭榜挂帅
// board (linked from the consortium page); 柳州职业技术大学 (lzvtu_staff), whose
// capability is filed in set-up through the API, sees the need suggested with
// the reasons (matched keywords as tags, the shared field) and answers it; the
// enterprise reads the answer and accepts it (a project is set up); the school
// as lead starts the project, adds a milestone (ticked done) and an output;
// the enterprise accepts (验收) the project; the statuses are read through the
// API; the secretariat sees the figures count it and publishes the three lists
// (the need among the technology needs), and the need's suggested capabilities count the accepted
// project among the reasons. Every page also at 390 px without sideways scrolling.
// Screenshots of each page go to /tmp/shots-tech/ (CHANJIAO_TECH_SHOTS).
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { useServer, useBrowser, newPage, login, logout, go, apiJSON, pickOption, noOverflow, withScreenshot,
  assertNoConsoleErrors, SCHOOL, ENTERPRISE, SEC } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)
const SHOTS = process.env.CHANJIAO_TECH_SHOTS || '/tmp/shots-tech'
const NEED_TITLE = '白车身焊接机器人离线编程与节拍优化'
const KEYWORDS = ['焊接机器人', '离线编程']

let page = null
const state = {}

async function shot(name) {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

// POST/PATCH as the signed-in user (the page's session and CSRF token).
async function apiWrite(method, p, body) {
  return page.evaluate(async ([m, url, b]) => {
    const me = await (await fetch('/api/v1/auth/me', { credentials: 'same-origin' })).json()
    const r = await fetch('/api/v1' + url, {
      method: m, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token || '' }, body: JSON.stringify(b),
    })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, [method, p, body])
}

async function signIn([user, pass]) {
  if (await page.locator('[data-test=logout]').count()) await logout(page)
  await go(page, '/login')
  await login(page, user, pass, server.url)
}

async function confirmBox() {
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  await box.locator('.el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

before(async () => {
  await browser.ready()
  page = await newPage(browser.context)
  // set-up: the school's capability, as its staff through the API
  await go(page, '/login')
  await login(page, ...SCHOOL, server.url)
  const me = await apiJSON(page, '/auth/me')
  state.school = me.organization_id ?? me.user?.organization_id
  const r = await apiWrite('POST', '/capabilities', {
    consortium_id: 1, organization_id: state.school, kind: 'research_team', title: '焊接机器人离线编程与智能产线团队',
    description: '面向汽车白车身焊装线，提供焊接机器人离线编程、节拍仿真与产线调试服务。', keywords: KEYWORDS.join('、'),
    fields: 'smart_manufacturing', visibility: 'public',
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  state.capability = r.body.id
})

test('the enterprise posts a need in the generic form and publishes it after a confirmation', withScreenshot('tech-post', () => page, async () => {
  await signIn(ENTERPRISE)
  await go(page, '/workspace/my-tech-needs')
  const root = page.locator('[data-test=page-my-tech-needs]')
  await root.locator('[data-test=et-create]').click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=title] input').fill(NEED_TITLE)
  await dlg.locator('[data-field=description] textarea').fill('新车型白车身焊装线需要焊接机器人离线编程，缩短调试周期，节拍提升 10%。')
  for (const k of KEYWORDS) { await dlg.locator('[data-field=keywords] input').fill(k); await dlg.locator('[data-field=keywords] input').press('Enter') }
  await pickOption(page, dlg.locator('[data-field=field]'), '智能制造与装备')
  await dlg.locator('[data-field=budget_min] input').fill('300000')
  await dlg.locator('[data-field=budget_max] input').fill('500000')
  await dlg.locator('[data-field=contact] input').fill('技术中心 0772-0000000')
  await shot('01-need-form')
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  const list = await apiJSON(page, `/tech-needs?consortium_id=1&q=${encodeURIComponent(NEED_TITLE)}`)
  assert.equal(list.items.length, 1)
  const need = list.items[0]
  state.need = need.id
  assert.equal(need.status, 'draft')
  assert.equal(need.keywords, KEYWORDS.join('、'))
  assert.equal(need.field, 'smart_manufacturing')
  await root.locator(`[data-test=publish-${need.id}]`).click()
  const box = page.locator('.cj-publish-confirm')
  await box.waitFor()
  assert.match(await box.innerText(), /互联网上的任何人|成员单位/)
  await confirmBox()
  await page.locator('.el-message--success').first().waitFor()
  assert.equal((await apiJSON(page, `/tech-needs/${need.id}`)).status, 'published')
  await root.locator(`[data-test=suggest-${need.id}]`).waitFor()
  await shot('02-my-tech-needs')
  assertNoConsoleErrors(assert, page)
}))

test('anonymous finds the published need on the public board, linked from the consortium page', withScreenshot('tech-board', () => page, async () => {
  await logout(page)
  await go(page, '/consortia/1')
  await page.locator('[data-test=tech-needs-link]').click()
  await page.waitForURL(/\/consortia\/1\/tech-needs$/)
  await page.locator('[data-test=board-title]').waitFor()
  await page.locator('input[data-test=board-search]').fill('离线编程')
  await page.locator('input[data-test=board-search]').press('Enter')
  await page.locator(`[data-test=board-need-${state.need}]`).waitFor()
  await page.locator(`[data-test=board-open-${state.need}]`).click()
  const detail = page.locator('[data-test=need-detail]')
  await detail.locator('[data-test=detail-enterprise]', { hasText: '上汽通用五菱' }).waitFor()
  assert.match(await detail.innerText(), /上汽通用五菱/)
  await shot('03-public-board')
  await page.locator('[data-test=respond]').click()
  await page.waitForURL(/\/login/)
  assert.match(decodeURIComponent(page.url()), /redirect=\/workspace\/tech-suggested\?need=/)
}))

test('the school sees the need suggested against its capability with the reasons, and answers it', withScreenshot('tech-answer', () => page, async () => {
  await login(page, ...SCHOOL, server.url)
  await go(page, '/workspace/tech-suggested')
  const root = page.locator('[data-test=page-tech-suggested]')
  // the redirect from the board opened the answer form for the need; close it and go through the suggestions
  const first = page.locator('.el-dialog:visible')
  if (await first.count()) await first.locator('[data-test=form-cancel]').click()
  await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' }).catch(() => {})
  await pickOption(page, root, '焊接机器人离线编程与智能产线团队')
  const card = root.locator(`[data-test=suggestion-${state.need}]`)
  await card.waitFor()
  const words = (await card.locator('[data-test=reason-keyword]').allInnerTexts()).map((s) => s.trim())
  for (const k of KEYWORDS) assert.ok(words.includes(k), `keyword ${k} among the reasons: ${words}`)
  assert.equal((await card.locator('[data-test=reason-field]').innerText()).trim(), '智能制造与装备')
  await shot('04-suggested')
  // the board tab: a word searched through /api/v1/search finds the need
  await page.getByRole('tab', { name: '需求大厅' }).click()
  await root.locator('input[data-test=board-search]').fill('节拍优化')
  await root.locator('input[data-test=board-search]').press('Enter')
  await root.locator(`[data-test=board-need-${state.need}]`).waitFor()
  await shot('04b-board-tab')
  await page.getByRole('tab', { name: '推荐需求' }).click()
  await card.locator(`[data-test=respond-${state.need}]`).click()
  const dlg = page.locator('.el-dialog:visible')
  assert.match(await dlg.locator('[data-field=capability_id]').innerText(), /焊接机器人离线编程与智能产线团队/, 'the answer names the capability')
  await dlg.locator('[data-field=approach] textarea').fill('基于离线编程软件建立焊装线数字模型，仿真优化机器人路径与节拍，现场调试验证。')
  await dlg.locator('[data-field=team] textarea').fill('智能制造学院焊接机器人团队 6 人')
  await dlg.locator('[data-field=duration] input').fill('6 个月')
  await dlg.locator('[data-field=price] input').fill('420000')
  await dlg.locator('[data-field=contact] input').fill('智能制造学院 张老师')
  await shot('05-answer-form')
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  const mine = await apiJSON(page, `/need-responses?need_id=${state.need}`)
  assert.equal(mine.items.length, 1)
  state.response = mine.items[0].id
  assert.equal(mine.items[0].status, 'submitted')
  assert.equal(mine.items[0].capability_id, state.capability)
  await go(page, '/workspace/my-responses')
  await page.locator(`[data-test=page-my-responses] [data-test=withdraw-${state.response}]`).waitFor()
  await shot('06-my-responses')
  assertNoConsoleErrors(assert, page)
}))

test('the enterprise reads the answer and accepts it: a project is set up', withScreenshot('tech-accept', () => page, async () => {
  await signIn(ENTERPRISE)
  await go(page, '/workspace/my-tech-needs')
  await page.locator(`[data-test=answers-${state.need}]`).click()
  const answer = page.locator(`[data-test=answer-${state.response}]`)
  // the responder's name is looked up after the card is drawn (#8 until then)
  await answer.locator('strong', { hasText: '柳州职业技术大学' }).waitFor()
  const text = await answer.innerText()
  for (const s of ['柳州职业技术大学', '离线编程软件', '6 个月', '420,000', '张老师']) assert.ok(text.includes(s), `the answer shows ${s}: ${text}`)
  await shot('07-answers')
  await answer.locator(`[data-test=accept-${state.response}]`).click()
  await page.locator('.cj-accept-confirm').waitFor()
  await confirmBox()
  await answer.locator('[data-test=answer-status]', { hasText: '已采纳' }).waitFor()
  const r = await apiJSON(page, `/need-responses/${state.response}`)
  assert.equal(r.status, 'accepted')
  assert.ok(r.project_id, 'the accepted answer names its project')
  state.project = r.project_id
  assert.equal((await apiJSON(page, `/tech-needs/${state.need}`)).status, 'in_progress')
  await page.keyboard.press('Escape')
  assertNoConsoleErrors(assert, page)
}))

test('the school, as lead, starts the project and adds a milestone and an output', withScreenshot('tech-lead', () => page, async () => {
  await signIn(SCHOOL)
  await go(page, '/workspace/my-rd-projects')
  await page.locator(`[data-test=project-${state.project}]`).click()
  const d = page.locator('[data-test=project-detail]')
  await d.waitFor()
  assert.equal(await d.locator('[data-test=step-accepted]').count(), 0, 'the lead is not offered 验收')
  await d.locator('[data-test=step-running]').click()
  await confirmBox()
  await page.locator('[data-test=project-detail][data-status=running]').waitFor()
  // a milestone, then ticked done
  const ms = d.locator('.cj-entity-table[data-entity=rd-milestones]')
  await ms.locator('[data-test=et-create]').click()
  let dlg = page.locator('.el-dialog:visible')
  await dlg.locator('[data-field=title] input').fill('焊装线数字模型建成')
  await dlg.locator('[data-field=due_on] input').fill('2027-03-31')
  await dlg.locator('[data-field=due_on] input').press('Enter')
  await dlg.locator('.el-dialog__title').click()
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  const m = (await apiJSON(page, `/rd-milestones?project_id=${state.project}`)).items[0]
  assert.ok(m, 'the milestone is filed')
  await ms.locator(`[data-test=tick-${m.id}]`).click()
  await ms.locator(`[data-test=tick-${m.id}]`).waitFor({ state: 'detached' })
  assert.ok((await apiJSON(page, `/rd-milestones/${m.id}`)).done_on, 'the milestone is done')
  // an output: a group standard
  const out = d.locator('.cj-entity-table[data-entity=rd-outputs]')
  await out.locator('[data-test=et-create]').click()
  dlg = page.locator('.el-dialog:visible')
  await pickOption(page, dlg.locator('[data-field=kind]'), '标准')
  await pickOption(page, dlg.locator('[data-field=standard_level]'), '团体标准')
  await dlg.locator('[data-field=title] input').fill('汽车白车身焊接机器人离线编程规范')
  await dlg.locator('[data-field=identifier] input').fill('T/GXAA 001-2027')
  await dlg.locator('[data-field=date] input').fill('2027-05-20')
  await dlg.locator('[data-field=date] input').press('Enter')
  await dlg.locator('.el-dialog__title').click()
  await dlg.locator('[data-test=form-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await out.locator('.el-table__row', { hasText: 'T/GXAA 001-2027' }).waitFor()
  await shot('08-project-lead')
  await page.keyboard.press('Escape')
  await shot('09-my-rd-projects')
  assertNoConsoleErrors(assert, page)
}))

test('the client enterprise accepts (验收) the project; the statuses read through the API', withScreenshot('tech-client', () => page, async () => {
  await signIn(ENTERPRISE)
  await go(page, '/workspace/my-rd-projects')
  await page.getByRole('tab', { name: '我委托的' }).click()
  await page.locator(`[data-test=project-${state.project}]`).click()
  const d = page.locator('[data-test=project-detail]')
  await d.waitFor()
  assert.equal(await d.locator('[data-test=step-running]').count(), 0, 'the client is not offered the lead\'s steps')
  assert.equal(await d.locator('.cj-entity-table[data-entity=rd-milestones] [data-test=et-create]').count(), 0, 'the client adds no milestones')
  await d.locator('[data-test=step-accepted]').click()
  await confirmBox()
  await page.locator('[data-test=project-detail][data-status=accepted]').waitFor()
  await shot('10-project-client')
  const p = await apiJSON(page, `/rd-projects/${state.project}`)
  assert.equal(p.status, 'accepted')
  assert.equal(p.lead_id, state.school)
  assert.equal(p.need_id, state.need)
  assert.equal((await apiJSON(page, `/need-responses/${state.response}`)).status, 'accepted')
  assert.equal((await apiJSON(page, `/tech-needs/${state.need}`)).status, 'in_progress')
  const outs = await apiJSON(page, `/rd-outputs?project_id=${state.project}`)
  assert.equal(outs.items.length, 1)
  assert.equal(outs.items[0].standard_level, 'group')
  await page.keyboard.press('Escape')
  // the need's suggested capabilities now count the school's accepted project among the reasons
  await go(page, '/workspace/my-tech-needs')
  await page.locator(`[data-test=suggest-${state.need}]`).click()
  const card = page.locator(`[data-test=suggestion-${state.capability}]`)
  await card.waitFor()
  // (the demo's joint research adds the school's earlier accepted projects in the field)
  // (accepted, or accepted and then closed)
  let led = 0
  for (const st of ['accepted', 'closed']) led += (await apiJSON(page, `/rd-projects?consortium_id=1&lead_id=${state.school}&status=${st}&field=smart_manufacturing&per_page=1`)).total
  assert.ok(led >= 1)
  assert.match(await card.locator('[data-test=reasons] li[data-kind=past]').innerText(), new RegExp(`已验收项目 ${led} 项`))
  assert.equal(await card.locator('[data-test=reason-keyword]').count(), KEYWORDS.length)
  await shot('15-need-suggestions')
  await page.keyboard.press('Escape')
  assertNoConsoleErrors(assert, page)
}))

test('the figures count the accepted project; the secretariat publishes the three lists with the need in one', withScreenshot('tech-lists', () => page, async () => {
  await signIn(SEC)
  const stats = await apiJSON(page, '/consortia/1/rd-stats')
  const accepted = stats.projects.by_status.accepted
  assert.ok(accepted >= 1, 'the accepted project is counted')
  assert.ok(stats.needs.matched >= 1, 'the matched need is counted')
  await go(page, '/workspace/rd-stats')
  await page.locator('[data-test=rd-kpi-projects]').waitFor()
  await page.waitForFunction((n) => document.querySelector('[data-test=rd-kpi-projects] .ws-kpi-value')?.dataset.value === String(n), stats.projects.total)
  assert.match(await page.locator('[data-test=rd-units]').innerText(), /柳州职业技术大学/)
  await shot('17-rd-stats')
  // the three lists, each published in the browser after its confirmation
  await go(page, '/workspace/tech-lists')
  const lp = page.locator('[data-test=page-tech-lists]')
  await lp.waitFor()
  const published = {}
  for (const [kind, label] of [['tech_needs', '技术需求清单'], ['core_products', '核心产品清单'], ['talent_needs', '人才需求清单']]) {
    await lp.locator('[data-test=lists-kind]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: label }).click()
    await lp.locator('input[data-test=lists-period]').fill('2026')
    const resp = page.waitForResponse((r) => r.url().endsWith('/consortia/1/lists') && r.request().method() === 'POST')
    await lp.locator('[data-test=lists-publish]').click()
    const ask = page.locator('.cj-publish-confirm')
    await ask.waitFor()
    await ask.locator('.el-button--primary').click()
    await ask.waitFor({ state: 'hidden' })
    const r = await resp
    assert.equal(r.status(), 201, `${kind}: ${await r.text()}`)
    published[kind] = await r.json()
    assert.equal(published[kind].kind, kind)
  }
  await shot('18-three-lists')
  // the need, now in progress and public, is in the technology-needs list
  const rows = await apiJSON(page, `/lists/${published.tech_needs.id}?per_page=500`)
  assert.ok(rows.items.some((it) => JSON.stringify(it).includes(NEED_TITLE)), 'the need is in the list')
  assertNoConsoleErrors(assert, page)
}))

test('the enterprise picks the occupations a core product needs from the catalogue', withScreenshot('tech-products', () => page, async () => {
  await signIn(ENTERPRISE)
  const me = await apiJSON(page, '/auth/me')
  const r = await apiWrite('POST', '/core-products', {
    consortium_id: 1, enterprise_id: me.organization_id ?? me.user?.organization_id, name: '五菱宏光 MINIEV 纯电动微型车', chain_link: 'vehicle',
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  await go(page, '/workspace/my-core-products')
  await page.locator(`[data-test=occupations-${r.body.id}]`).click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.locator('.el-select').click()
  await dlg.locator('.el-select input').fill('汽车')
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '汽车' }).first()
  await option.waitFor()
  const label = (await option.innerText()).trim()
  await option.click()
  await dlg.locator('.el-dialog__title').click()
  await shot('16-core-product-occupations')
  await dlg.locator('[data-test=occupations-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  const saved = await apiJSON(page, `/core-products/${r.body.id}`)
  assert.ok(saved.occupation_codes && label.startsWith(saved.occupation_codes), `the picked occupation ${label} is saved: ${saved.occupation_codes}`)
  assertNoConsoleErrors(assert, page)
}))

test('at 390 px every page fits without sideways scrolling', withScreenshot('tech-phone', () => page, async () => {
  await page.setViewportSize({ width: 390, height: 844 })
  try {
    for (const p of ['my-tech-needs', 'my-core-products']) {
      await go(page, '/workspace/' + p)
      await page.locator('.ws-page').first().waitFor()
      await noOverflow(page, p + ' (enterprise)')
    }
    await shot('11-core-products-phone')
    await signIn(SCHOOL)
    for (const p of ['my-capabilities', 'tech-suggested', 'my-responses', 'my-rd-projects']) {
      await go(page, '/workspace/' + p)
      await page.locator('.ws-page').first().waitFor()
      await noOverflow(page, p + ' (school)')
      await shot('12-' + p + '-phone')
    }
    await page.locator(`[data-test=project-${state.project}]`).click()
    await page.locator('[data-test=project-detail]').waitFor()
    await noOverflow(page, 'project detail')
    await shot('13-project-phone')
    await page.keyboard.press('Escape')
    await logout(page)
    await go(page, '/consortia/1/tech-needs')
    await page.locator('[data-test=board-title]').waitFor()
    await noOverflow(page, 'public board')
    await shot('14-board-phone')
  } finally { await page.setViewportSize({ width: 1280, height: 860 }) }
}))
