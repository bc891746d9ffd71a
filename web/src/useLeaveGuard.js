// useLeaveGuard — a page or form with unsaved changes warns before the user
// leaves it (issue 16: a ranked list or a form could be lost by one click on
// the menu).  While dirty() is true: a route change asks "有未保存的修改 …
// 确定离开？" (vue-router's leave guard), and closing or reloading the tab
// gets the browser's own warning (beforeunload).  askDiscard() is the same
// question for a Cancel button or a dialog's close.
import { onBeforeUnmount } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { ElMessageBox } from 'element-plus'
import i18n from './i18n/index.js'

export async function askDiscard() {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(t('form.unsavedLeave'), t('form.unsavedTitle'), {
      type: 'warning', confirmButtonText: t('form.discard'), cancelButtonText: t('form.keepEditing'),
      customClass: 'cj-unsaved-confirm',
    })
    return true
  } catch { return false }
}

/** dirty: () => boolean.  Call from a component's setup. */
export function useLeaveGuard(dirty) {
  onBeforeRouteLeave(async () => (dirty() ? askDiscard() : true))
  const onBeforeUnload = (ev) => {
    if (!dirty()) return
    ev.preventDefault()
    ev.returnValue = ''
  }
  window.addEventListener('beforeunload', onBeforeUnload)
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload))
  return { askDiscard }
}
