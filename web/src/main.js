import { createApp } from 'vue'
import { portalComponents, ElLoading } from './element-plus-portal.js'
import App from './App.vue'
import router from './router.js'
import i18n from './i18n/index.js'
import './style.css'

const app = createApp(App)
app.use(i18n)
// The Element Plus components the public pages use (element-plus-portal.js),
// each registered under its tag by name (app.use would skip the parts whose
// install is a no-op — ElRadioButton, ElRadioGroup, ElOption … are installed
// only by their parent's installer); v-loading is ElLoading's directive.
for (const c of portalComponents) app.component(c.name, c)
app.use(ElLoading)

// The rest of Element Plus (element-plus.js) arrives before the first page
// that is not public (sign-in, workspace, reports, not-found) is entered.
let fullUi = null
function loadFullUi() {
  if (!fullUi) {
    fullUi = import('./element-plus.js').then((m) => {
      for (const c of m.components) if (!app.component(c.name)) app.component(c.name, c)
    }).catch((e) => { fullUi = null; throw e })
  }
  return fullUi
}
router.beforeResolve(async (to) => {
  if (!to.matched.every((r) => r.meta && r.meta.portal)) await loadFullUi()
})

app.use(router)
app.mount('#app')
