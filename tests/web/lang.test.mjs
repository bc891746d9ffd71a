// One language at a time in the browser (issue 16): the web app says its
// language on every request (Accept-Language), so the English UI shows no
// Chinese server message and the Chinese UI no English one — a refused sign-in,
// a form the server refuses (a common password), an import with errors — and an
// import error names the column header as the file writes it (信用代码, not
// credit_code) and the cell as written. Switching the language while import
// errors are shown checks the file again and shows them in the new language.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServer, useBrowser, newPage, login, logout, go, pickOption, withScreenshot, apiFetch, ADMIN, SEC } from './harness.mjs'

const server = useServer()
const browser = useBrowser(server)

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uff65]/
const ENGLISH = /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/ // two English words in a row
const unquoted = (s) => s.replace(/“[^”]*”/g, '') // quoted values are the user's own

function isEnglish(text, where) {
  assert.ok(!CJK.test(unquoted(text)), `${where}: Chinese in the English UI: "${text}"`)
  assert.match(text, /[A-Za-z]{3,}/, `${where}: "${text}"`)
}
function isChinese(text, where) {
  assert.ok(CJK.test(text), `${where}: "${text}"`)
  assert.ok(!ENGLISH.test(unquoted(text)), `${where}: English in the Chinese UI: "${text}"`)
}
const check = { en: isEnglish, 'zh-CN': isChinese }

let page = null
async function thePage() {
  await browser.ready()
  if (!page) page = await newPage(browser.context)
  return page
}
// The UI's language, as the header's switch leaves it (localStorage cj_lang).
async function useLanguage(p, lang) {
  if (!p.url().startsWith('http')) await go(p, '/login')
  await p.evaluate((l) => localStorage.setItem('cj_lang', l), lang)
  await p.reload()
  await p.waitForLoadState('networkidle')
}

test('a refused sign-in is said in the UI\'s language only', withScreenshot('lang-sign-in', () => page, async () => {
  const p = await thePage()
  {
    for (const lang of ['en', 'zh-CN']) {
      await go(p, '/login')
      await useLanguage(p, lang)
      const sent = p.waitForRequest((r) => r.url().endsWith('/api/v1/auth/login'))
      await p.locator('input[name=username]').fill(ADMIN[0])
      await p.locator('input[name=password]').fill('not-the-password')
      await p.locator('[data-test=login-submit]').click()
      assert.equal((await sent).headers()['accept-language'], lang)
      const err = p.locator('[data-test=login-error]')
      await err.waitFor()
      check[lang](await err.innerText(), `sign-in (${lang})`)
    }
  }
}))

test('a form the server refuses shows its reasons in the UI\'s language only', withScreenshot('lang-form', () => page, async () => {
  const p = await thePage()
  {
    await go(p, '/login')
    await useLanguage(p, 'zh-CN')
    await login(p, ...ADMIN, server.url)
    for (const [lang, role] of [['en', 'Platform admin'], ['zh-CN', '平台管理员']]) {
      await useLanguage(p, lang)
      await go(p, '/workspace/users')
      await p.locator('[data-test=et-create]').click()
      const dlg = p.locator('.el-dialog:visible')
      await dlg.locator('[data-field=username] input').fill('lang_user_' + lang.slice(0, 2))
      await dlg.locator('[data-field=display_name] input').fill('Lang Test')
      await pickOption(p, dlg.locator('[data-field=role]'), role)
      // passes the form's own checks; the server knows it as a common password
      await dlg.locator('[data-field=password] input').fill('password123')
      const answer = p.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST')
      await dlg.locator('[data-test=form-save]').click()
      const r = await answer
      assert.equal(r.status(), 422)
      assert.equal(r.headers()['content-language'], lang)
      const top = dlg.locator('[data-test=form-error]')
      await top.waitFor()
      check[lang](await top.innerText(), `form message (${lang})`)
      const field = dlg.locator('[data-field=password] .el-form-item__error')
      await field.waitFor()
      check[lang](await field.innerText(), `field message (${lang})`)
      await p.keyboard.press('Escape')
    }
    await logout(p)
  }
}))

test('import errors name the header and cell as written, in the UI\'s language; switching re-reads them', withScreenshot('lang-import', () => page, async () => {
  const p = await thePage()
  {
    await go(p, '/login')
    await useLanguage(p, 'en')
    await login(p, ...SEC, server.url)
    await go(p, '/workspace/import')
    const ip = p.locator('[data-test=page-import]')
    await ip.locator('[data-test=import-kind] [data-kind=organizations]').click()
    // the user's own headers: an alias (信用代码) beside a label
    const csv = '单位名称,单位类型,信用代码\n语言测试甲公司（测试）,企业,12345\n语言测试乙公司（测试）,本课,\n'
    await ip.locator('[data-test=import-file]').setInputFiles({ name: '单位.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await ip.locator('[data-test=import-dry-run]').click()
    const errs = ip.locator('[data-test=import-errors]')
    const rowsOf = async () => {
      await errs.locator('.el-table__body tr').first().waitFor()
      return errs.locator('.el-table__body tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())))
    }
    let rows = await rowsOf()
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[2]]), [['2', '信用代码', '12345'], ['3', '单位类型', '本课']])
    const fields = await errs.locator('[data-test=import-error-column]').evaluateAll((els) => els.map((e) => e.dataset.field))
    assert.deepEqual(fields, ['credit_code', 'type'])
    for (const r of rows) {
      isEnglish(r[4], 'import message (en)')
      assert.ok(r[4].includes('“' + r[1] + '”'), `the message names the column: ${r[4]}`)
      assert.ok(!/credit_code/.test(r[4]), r[4])
    }

    // the header's switch: the messages shown are asked for again, in Chinese
    const again = p.waitForResponse((r) => r.url().includes('/api/v1/import/organizations?') && r.request().headers()['accept-language'] === 'zh-CN')
    await p.locator('.cj-lang').click()
    assert.equal((await again).status(), 422)
    await errs.locator('.el-table__body tr', { hasText: '列：' }).first().waitFor()
    rows = await rowsOf()
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[2]]), [['2', '信用代码', '12345'], ['3', '单位类型', '本课']])
    for (const r of rows) {
      isChinese(r[4], 'import message (zh)')
      assert.ok(r[4].startsWith('“' + r[1] + '”列：'), r[4])
    }
    // nothing was written by either check
    const found = await apiFetch(p, '/organizations?q=' + encodeURIComponent('语言测试'))
    assert.equal(found.body.total, 0)
  }
}))
