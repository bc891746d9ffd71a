// Labels of a round's enums (status, positions, optimal) from the entity
// metadata — described once on the server — with the workspace strings as the
// fallback while the metadata does not carry them.
import { ref } from 'vue'
import { useT } from '../useWs.js'
import { roundEnum } from './matchapi.js'

const options = ref({})
let loading = null

export function useRoundLabels() {
  const { t, lbl } = useT()
  if (!loading) {
    loading = Promise.all(['status', 'positions', 'optimal'].map((f) => roundEnum(f).then((o) => [f, o])))
      .then((pairs) => { options.value = Object.fromEntries(pairs) })
      .catch(() => { loading = null })
  }
  const label = (field, value) => {
    if (value === null || value === undefined || value === '') return ''
    const o = (options.value[field] || []).find((x) => x.value === value)
    if (o) return lbl(o)
    const key = `ws.match.enum.${field}.${value}`
    const s = t(key)
    return s === key ? String(value) : s
  }
  return { statusLabel: (s) => label('status', s), label }
}
