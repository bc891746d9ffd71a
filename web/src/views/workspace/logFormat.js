// How the logs read: times in China Standard Time with the zone, and a browser
// named from its User-Agent. The server keeps UTC and the whole User-Agent
// string; this is only how the pages show them (exports are written in CST by
// the server, docs/operations.md "日志 (Logs)").

const pad = n => String(n).padStart(2, '0')

/** "2026-12-02T07:20:03Z" → "2026-12-02 15:20:03 (UTC+8)". China keeps no
 *  daylight saving time, so CST is UTC+8 all year, whatever the viewer's zone. */
export function cstTime(iso) {
  const d = iso ? new Date(iso) : null
  if (!d || Number.isNaN(d.getTime())) return iso || ''
  const c = new Date(d.getTime() + 8 * 3600 * 1000)
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())} ` +
    `${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}:${pad(c.getUTCSeconds())} (UTC+8)`
}

// Browsers in the order to try them: the ones built on Chromium name Chrome too.
const BROWSERS = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/MicroMessenger\/(\d+)/, '微信 WeChat'],
  [/QQBrowser\/(\d+)/, 'QQ 浏览器'],
  [/UCBrowser\/(\d+)/, 'UC 浏览器'],
  [/(?:HuaweiBrowser|HarmonyOS)\/(\d+)/, '华为浏览器'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS|Chromium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/curl\/(\d+)/, 'curl'],
  [/python-requests\/(\d+)|Python-urllib\/(\d+)/, 'Python'],
]
const SYSTEMS = [
  [/HarmonyOS/, 'HarmonyOS'],
  [/Windows NT/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

/** A User-Agent as people name it, roughly: "Chrome 120 / Windows". */
export function browserOf(ua) {
  if (!ua) return ''
  let name = ''
  for (const [re, n] of BROWSERS) {
    const m = ua.match(re)
    if (m) { name = `${n} ${m[1] || m[2] || ''}`.trim(); break }
  }
  const sys = (SYSTEMS.find(([re]) => re.test(ua)) || [])[1]
  if (!name && !sys) return ua.slice(0, 40)
  return [name || ua.split(/[ /]/)[0], sys].filter(Boolean).join(' / ')
}
