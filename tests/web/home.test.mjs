// The workspace's structure in Debian's Chromium against the real binary with
// the demo data: the menu is grouped (治理 / 人才供需 / 双向选择 / 成效 / 系统 …)
// for the secretariat, a school, an enterprise, a student and the platform
// admin, each seeing only groups with entries for them; breadcrumbs 工作台 ›
// group › page in Chinese and English; each role's home lists what waits for
// it (counts as GET /me/todo gives them) with links that lead to the page where
// it is done, and its figures; on a phone the menu is a drawer behind a button,
// not a strip, and it works. One server and one browser for the file.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, logout, go, apiJSON, menuTexts, menuGroups, openMenuItem, noOverflow, assertNoConsoleErrors, withScreenshot, SEC, SCHOOL, ENTERPRISE, STUDENT, ADMIN } from './harness.mjs'

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

async function crumbs(p = page) {
  return (await p.locator('[data-test=breadcrumb] .el-breadcrumb__inner').allTextContents()).map((s) => s.trim())
}

// the home's to-dos as the page shows them: kind → { count, title, href }
async function todos(p = page) {
  await p.locator('[data-test=todo] [data-test=todo-item], [data-test=todo-empty]').first().waitFor()
  const out = {}
  for (const li of await p.locator('[data-test=todo-item]').all()) {
    out[await li.getAttribute('data-kind')] = {
      count: Number((await li.locator('[data-test=todo-count]').textContent()).trim()),
      title: (await li.locator('[data-test=todo-link]').textContent()).trim(),
      href: await li.locator('[data-test=todo-link]').getAttribute('href'),
    }
  }
  return out
}

// a figure's number as shown (digits of its value line)
async function figure(key, p = page) {
  return Number((await p.locator(`[data-test=figure-${key}] .ws-figure-value`).textContent()).replace(/\D/g, ''))
}

async function sameAsApi(p = page) {
  const api = await apiJSON(p, '/me/todo')
  const shown = await todos(p)
  assert.deepEqual(Object.keys(shown), api.items.map((i) => i.kind), 'the home lists every to-do of GET /me/todo, in order')
  for (const it of api.items) {
    assert.equal(shown[it.kind].count, it.count, `${it.kind} count`)
    assert.equal(shown[it.kind].href, it.link, `${it.kind} link`)
  }
  return { api, shown }
}

step('the secretariat: a grouped menu, breadcrumbs, and a home that lists to-dos with working links', async () => {
  await as(SEC)
  await go(page, '/workspace')
  assert.deepEqual(await menuGroups(page), ['治理', '人才供需', '双向选择', '成效', '技术服务', '资源', '监测评估', '系统'])
  const menu = await menuTexts(page)
  for (const m of ['会议与表决', '供需分析', '双选轮次', '顶岗实习', '审计日志', '登录日志']) assert.ok(menu.includes(m), `menu has ${m}: ${menu}`)
  // on the home no group is open: its entries are folded away
  assert.equal(await page.locator('.cj-ws-menu .el-menu-item:visible', { hasText: '会议与表决' }).count(), 0)
  assert.deepEqual(await crumbs(), ['工作台'])

  const { api, shown } = await sameAsApi()
  assert.ok(shown.work_plan_overdue && shown.work_plan_overdue.count >= 1, 'the demo has overdue work-plan items')
  assert.equal(shown.work_plan_overdue.title, '已逾期的工作计划事项')
  const members = api.figures.find((f) => f.key === 'members')
  assert.equal(members.value, 84)
  assert.equal(await figure('demand_headcount'), api.figures.find((f) => f.key === 'demand_headcount').value)
  // the dashboard stays below the to-dos, with the member count
  await page.locator('[data-test=kpi-members]', { hasText: '84' }).waitFor()
  assert.equal(await page.locator('[data-test=figure-members]').count(), 0, 'shown once, by the dashboard')

  // a to-do's link leads to the page where it is done; its group opens
  await page.locator('[data-test=todo-item][data-kind=work_plan_overdue] [data-test=todo-link]').click()
  await page.waitForURL(/\/workspace\/work-plan$/)
  assert.deepEqual(await crumbs(), ['工作台', '治理', '年度工作计划'])
  await page.locator('.cj-ws-menu .el-menu-item.is-active:visible', { hasText: '年度工作计划' }).waitFor()
  // the breadcrumb's first crumb goes home
  await page.locator('[data-test=crumb-home] .el-breadcrumb__inner').click()
  await page.waitForURL(/\/workspace$/)

  // through the menu: unfold 人才供需, open 供需分析
  await openMenuItem(page, '供需分析', '人才供需')
  await page.waitForURL(/\/workspace\/gap$/)
  assert.deepEqual(await crumbs(), ['工作台', '人才供需', '供需分析'])
  assertNoConsoleErrors(assert, page)
})

step('in English the groups, breadcrumbs and to-dos are English', async () => {
  await as(SEC)
  await go(page, '/workspace/meetings')
  await page.locator('.cj-lang').click()
  await page.locator('[data-test=breadcrumb]', { hasText: 'Workspace' }).waitFor()
  assert.deepEqual(await crumbs(), ['Workspace', 'Governance', 'Meetings & votes'])
  assert.deepEqual(await menuGroups(page), ['Governance', 'Talent supply & demand', 'Two-sided matching', 'Outcomes', 'Technology services', 'Resources', 'Monitoring', 'System'])
  await go(page, '/workspace')
  const shown = await todos()
  assert.equal(shown.work_plan_overdue.title, 'Work-plan items overdue')
  const text = await page.locator('[data-test=todo]').innerText()
  assert.ok(!/[\u4e00-\u9fff]/.test(text), `no Chinese in the English to-do list: ${text}`)
  await page.locator('.cj-lang').click()
  await page.locator('[data-test=breadcrumb]', { hasText: '工作台' }).waitFor()
})

step('a school: its groups only, and students without a list as a to-do', async () => {
  await as(SCHOOL)
  await go(page, '/workspace')
  assert.deepEqual(await menuGroups(page), ['治理', '人才供需', '双向选择', '成效', '技术服务', '资源', '监测评估', '系统'])
  const menu = await menuTexts(page)
  assert.ok(menu.includes('学生双选状态') && menu.includes('学生') && !menu.includes('申请者排序') && !menu.includes('供需分析'), `school menu: ${menu}`)
  const { shown } = await sameAsApi()
  assert.ok(shown.org_students_without_list.count > 0)
  await page.locator('[data-test=todo-item][data-kind=org_students_without_list] [data-test=todo-link]').click()
  await page.waitForURL(/\/workspace\/match-status$/)
  assert.deepEqual(await crumbs(), ['工作台', '双向选择', '学生双选状态'])
  assertNoConsoleErrors(assert, page)
})

step('an enterprise: its groups, an empty to-do list says so, figures shown', async () => {
  await as(ENTERPRISE)
  await go(page, '/workspace')
  assert.deepEqual(await menuGroups(page), ['治理', '人才供需', '双向选择', '成效', '技术服务', '资源', '监测评估', '系统'])
  const menu = await menuTexts(page)
  assert.ok(menu.includes('人才需求') && menu.includes('申请者排序') && !menu.includes('学生双选状态'), `enterprise menu: ${menu}`)
  const { api } = await sameAsApi()
  if (api.items.length === 0) await page.locator('[data-test=todo-empty]', { hasText: '暂无待办' }).waitFor()
  const pub = api.figures.find((f) => f.key === 'org_demand_published')
  assert.ok(pub.value > 0)
  assert.equal(await figure('org_demand_published'), pub.value)
  // the unit's profile is a page of its own now, in 治理
  await openMenuItem(page, '本单位信息')
  await page.locator('[data-test=page-my-org]').filter({ hasText: '上汽通用五菱' }).waitFor()
  assert.deepEqual(await crumbs(), ['工作台', '治理', '本单位信息'])
  assertNoConsoleErrors(assert, page)
})

step('a student: two groups, the home keeps the record and adds the lists due', async () => {
  await as(STUDENT)
  await go(page, '/workspace')
  assert.deepEqual(await menuGroups(page), ['双向选择', '系统'])
  await page.locator('[data-test=student-school]').filter({ hasText: '柳州职业技术大学' }).waitFor()
  const { shown } = await sameAsApi()
  assert.equal(shown.student_lists_due.count, 1)
  await page.locator('[data-test=todo-item][data-kind=student_lists_due] [data-test=todo-link]').click()
  await page.waitForURL(/\/workspace\/matching$/)
  assert.deepEqual(await crumbs(), ['工作台', '双向选择', '双向选择'])
  assertNoConsoleErrors(assert, page)
})

step('the platform admin: its groups, figures of the instance, failed sign-ins as a to-do', async () => {
  if (signedInAs) await logout(page)
  signedInAs = null
  // a failed sign-in today
  await page.goto(server.url + '/login')
  await page.locator('input[name=username]').fill('admin')
  await page.locator('input[name=password]').fill('wrong-password-1')
  await page.locator('[data-test=login-submit]').click()
  await page.locator('.el-message--error, .el-alert--error').first().waitFor()
  page.consoleErrors.length = 0 // the refused sign-in's 401 is expected
  await as(ADMIN)
  await go(page, '/workspace')
  const groups = await menuGroups(page)
  assert.deepEqual(groups, ['治理', '人才供需', '双向选择', '成效', '技术服务', '资源', '监测评估', '系统'])
  const menu = await menuTexts(page)
  assert.ok(menu.includes('联合体管理') && menu.includes('用户管理'), `admin menu: ${menu}`)
  const { api, shown } = await sameAsApi()
  assert.ok(shown.admin_failed_logins.count >= 1, 'the failed sign-in is counted')
  assert.equal(api.figures.find((f) => f.key === 'admin_consortia').value, 4)
  await page.locator('[data-test=todo-item][data-kind=admin_failed_logins] [data-test=todo-link]').click()
  await page.waitForURL(/\/workspace\/login-log$/)
  assert.deepEqual(await crumbs(), ['工作台', '系统', '登录日志'])
  assertNoConsoleErrors(assert, page)
})

step('on a phone the menu is a drawer behind a button and it works', async () => {
  await as(SEC)
  await page.setViewportSize({ width: 375, height: 760 })
  try {
    await go(page, '/workspace')
    await page.locator('[data-test=todo-item]').first().waitFor()
    // no side menu and no horizontal strip of entries
    assert.equal(await page.locator('.cj-ws-aside').count(), 0)
    assert.equal(await page.locator('.cj-ws-menu:visible').count(), 0)
    const button = page.locator('[data-test=ws-menu-button]')
    const box = await button.boundingBox()
    assert.ok(box && box.height < 60, `a compact menu button: ${JSON.stringify(box)}`)
    await openMenuItem(page, '会议与表决', '治理')
    await page.waitForURL(/\/workspace\/meetings$/)
    // the drawer closes on the way, the breadcrumb says where one is
    await page.locator('[data-test=ws-menu-drawer] .cj-ws-menu').waitFor({ state: 'hidden' })
    assert.deepEqual(await crumbs(), ['工作台', '治理', '会议与表决'])
    await page.locator('[data-test=page-meetings] .el-table__row').first().waitFor()
    await noOverflow(page, 'meetings at 375 px')
    // the drawer lists the grouped entries
    assert.deepEqual(await menuGroups(page), ['治理', '人才供需', '双向选择', '成效', '技术服务', '资源', '监测评估', '系统'])
    const drawerBox = await page.locator('[data-test=ws-menu-drawer] .cj-ws-menu').boundingBox()
    assert.ok(drawerBox && drawerBox.width <= 375, `drawer fits: ${JSON.stringify(drawerBox)}`)
    await page.keyboard.press('Escape')
    assertNoConsoleErrors(assert, page)
  } finally {
    await page.setViewportSize({ width: 1280, height: 860 })
  }
})
