import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router.js'
import i18n from './i18n/index.js'
import './style.css'

const app = createApp(App)
app.use(i18n)
app.use(ElementPlus)
app.use(router)
app.mount('#app')
