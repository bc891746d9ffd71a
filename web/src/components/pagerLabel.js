// el-pagination gives its page-size select no label of its own (Element Plus
// 2.14 passes none to the inner el-select): label the select's input inside
// the pager's root element so a screen reader names it.
export function labelPageSize(root, text) {
  const el = root && (root.$el || root)
  const input = el && el.querySelector && el.querySelector('.el-pagination__sizes input')
  if (input) input.setAttribute('aria-label', text)
}
