import { createApp } from 'vue'
import { components, ElLoading } from './element-plus.js'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router.js'
import i18n from './i18n/index.js'
import './style.css'

const app = createApp(App)
app.use(i18n)
// Only the Element Plus components the app uses (element-plus.js), each
// registered under its tag by name (app.use would skip the parts whose
// install is a no-op — ElRadioButton, ElRadioGroup, ElOption … are installed
// only by their parent's installer); v-loading is ElLoading's directive.
for (const c of components) app.component(c.name, c)
app.use(ElLoading)
app.use(router)
app.mount('#app')
