// element-plus.js — the part of Element Plus the app uses, and the only way
// in: vite.config.js points every `from 'element-plus'` here, so a view's
// `import { ElMessage } from 'element-plus'` takes this file, and each line
// reaches one component's own module.  Importing the library's index instead
// would pull in every component (its installer reads them all): 948 kB of
// JavaScript before, against the few the public pages need now.
//
// `components` are what the public pages and the app's frame use, loaded with
// the app; `lazyComponents` (the workspace's forms, menus, pickers) are
// fetched the first time a page renders one (main.js registers both under
// their tags).  A new <el-…> tag needs its line in one of the two lists.
import { defineAsyncComponent } from 'vue'
import { ElAlert } from 'element-plus/es/components/alert/index.mjs'
import { ElButton } from 'element-plus/es/components/button/index.mjs'
import { ElCard } from 'element-plus/es/components/card/index.mjs'
import { ElConfigProvider } from 'element-plus/es/components/config-provider/index.mjs'
import { ElDescriptions, ElDescriptionsItem } from 'element-plus/es/components/descriptions/index.mjs'
import { ElEmpty } from 'element-plus/es/components/empty/index.mjs'
import { ElInput } from 'element-plus/es/components/input/index.mjs'
import { ElResult } from 'element-plus/es/components/result/index.mjs'
import { ElTabPane, ElTabs } from 'element-plus/es/components/tabs/index.mjs'
import { ElTable, ElTableColumn } from 'element-plus/es/components/table/index.mjs'
import { ElTag } from 'element-plus/es/components/tag/index.mjs'
import { ElLoading } from 'element-plus/es/components/loading/index.mjs'
import { ElMessage } from 'element-plus/es/components/message/index.mjs'
import { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs'

export { ElLoading, ElMessage, ElMessageBox }

export const components = [
  ElAlert,
  ElButton,
  ElCard,
  ElConfigProvider,
  ElDescriptions,
  ElDescriptionsItem,
  ElEmpty,
  ElInput,
  ElResult,
  ElTabPane,
  ElTabs,
  ElTable,
  ElTableColumn,
  ElTag,
]

// [name, loader]: one chunk per component module, shared code split by the build.
const lazy = [
  ['ElBreadcrumb', () => import('element-plus/es/components/breadcrumb/index.mjs')],
  ['ElBreadcrumbItem', () => import('element-plus/es/components/breadcrumb/index.mjs')],
  ['ElCol', () => import('element-plus/es/components/col/index.mjs')],
  ['ElCollapse', () => import('element-plus/es/components/collapse/index.mjs')],
  ['ElCollapseItem', () => import('element-plus/es/components/collapse/index.mjs')],
  ['ElDatePicker', () => import('element-plus/es/components/date-picker/index.mjs')],
  ['ElDialog', () => import('element-plus/es/components/dialog/index.mjs')],
  ['ElForm', () => import('element-plus/es/components/form/index.mjs')],
  ['ElFormItem', () => import('element-plus/es/components/form/index.mjs')],
  ['ElIcon', () => import('element-plus/es/components/icon/index.mjs')],
  ['ElInputNumber', () => import('element-plus/es/components/input-number/index.mjs')],
  ['ElInputTag', () => import('element-plus/es/components/input-tag/index.mjs')],
  ['ElMenu', () => import('element-plus/es/components/menu/index.mjs')],
  ['ElMenuItem', () => import('element-plus/es/components/menu/index.mjs')],
  ['ElOption', () => import('element-plus/es/components/select/index.mjs')],
  ['ElPagination', () => import('element-plus/es/components/pagination/index.mjs')],
  ['ElProgress', () => import('element-plus/es/components/progress/index.mjs')],
  ['ElRadioButton', () => import('element-plus/es/components/radio/index.mjs')],
  ['ElRadioGroup', () => import('element-plus/es/components/radio/index.mjs')],
  ['ElRow', () => import('element-plus/es/components/row/index.mjs')],
  ['ElSelect', () => import('element-plus/es/components/select/index.mjs')],
  ['ElSlider', () => import('element-plus/es/components/slider/index.mjs')],
  ['ElStatistic', () => import('element-plus/es/components/statistic/index.mjs')],
  ['ElSwitch', () => import('element-plus/es/components/switch/index.mjs')],
]

export const lazyComponents = lazy.map(([name, load]) => [
  name,
  defineAsyncComponent(() => load().then((m) => m[name])),
])
