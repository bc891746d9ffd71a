// element-plus-portal.js — the Element Plus parts the public pages need at
// start-up (App.vue's header, the portal list, the consortium page and its
// talent and outcomes sections), each with its own styles: main.js registers
// these.  Every other page (sign-in, workspace, reports) first loads
// element-plus.js, the rest, through the router (main.js).  A public page
// that gains a new <el-…> tag needs its line here, or the tag stays unknown.
import { ElAlert } from 'element-plus/es/components/alert/index.mjs'
import { ElButton } from 'element-plus/es/components/button/index.mjs'
import { ElConfigProvider } from 'element-plus/es/components/config-provider/index.mjs'
import { ElEmpty } from 'element-plus/es/components/empty/index.mjs'
import { ElInput } from 'element-plus/es/components/input/index.mjs'
import { ElLoading } from 'element-plus/es/components/loading/index.mjs'
import { ElResult } from 'element-plus/es/components/result/index.mjs'
import { ElTag } from 'element-plus/es/components/tag/index.mjs'
import 'element-plus/es/components/alert/style/css.mjs'
import 'element-plus/es/components/button/style/css.mjs'
import 'element-plus/es/components/config-provider/style/css.mjs'
import 'element-plus/es/components/empty/style/css.mjs'
import 'element-plus/es/components/input/style/css.mjs'
import 'element-plus/es/components/loading/style/css.mjs'
import 'element-plus/es/components/result/style/css.mjs'
import 'element-plus/es/components/tag/style/css.mjs'

export { ElLoading }
export const portalComponents = [ElAlert, ElButton, ElConfigProvider, ElEmpty, ElInput, ElResult, ElTag]
