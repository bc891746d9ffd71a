// Helpers for labels from /api/v1/meta/entities.
import { pickLabel } from './i18n/index.js'

export function fieldOf(entityMeta, name) {
  return entityMeta ? entityMeta.fields.find((f) => f.name === name) || null : null
}
export function fieldLabel(entityMeta, name) {
  const f = fieldOf(entityMeta, name)
  return f ? pickLabel(f) : name
}
export function enumLabel(entityMeta, name, value) {
  if (value === null || value === undefined || value === '') return ''
  const f = fieldOf(entityMeta, name)
  const o = f && f.options ? f.options.find((x) => x.value === value) : null
  return o ? pickLabel(o) : String(value)
}
