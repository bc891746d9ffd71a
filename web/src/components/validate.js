// Client-side validation mirroring the server (src/schema/entity.c).
const CC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

// GB 32100-2015: returns null if valid, or { expected } / { format: true }.
export function creditCodeCheck(code) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return { format: true }
  let sum = 0
  let w = 1
  for (let i = 0; i < 17; i++) {
    const v = CC_ALPHABET.indexOf(code[i])
    if (v < 0) return { format: true }
    sum += v * w
    w = (w * 3) % 31
  }
  const check = (31 - (sum % 31)) % 31
  const expected = CC_ALPHABET[check]
  return code[17] === expected ? null : { expected }
}

function isEmpty(v) { return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) }

// t: i18n translate; label: field label. Returns an error message or ''.
export function validateField(f, value, t, label) {
  if (isEmpty(value)) return f.required ? t('form.required', { label }) : ''
  switch (f.type) {
    case 'text': {
      const s = String(value)
      const n = [...s].length
      if (f.min != null && n < f.min) return t('form.minLength', { label, n: f.min })
      if (f.max != null && n > f.max) return t('form.maxLength', { label, n: f.max })
      if (f.name === 'credit_code') {
        const r = creditCodeCheck(s)
        if (r && r.format) return t('form.creditCode')
        if (r) return t('form.creditCheck', { c: r.expected })
      }
      if (f.name === 'region_code' && !/^\d{6}$/.test(s)) return t('form.regionCode')
      return ''
    }
    case 'integer': {
      const x = Number(value)
      if (!Number.isInteger(x)) return t('form.integer', { label })
      if (f.min != null && x < f.min) return t('form.min', { label, n: f.min })
      if (f.max != null && x > f.max) return t('form.max', { label, n: f.max })
      return ''
    }
    case 'number': {
      const x = Number(value)
      if (!Number.isFinite(x)) return t('form.number', { label })
      if (f.min != null && x < f.min) return t('form.min', { label, n: f.min })
      if (f.max != null && x > f.max) return t('form.max', { label, n: f.max })
      return ''
    }
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return t('form.date', { label })
      const d = new Date(String(value) + 'T00:00:00Z')
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== String(value)) return t('form.date', { label })
      return ''
    }
    case 'enum':
      // An extensible enum's consortium options are the server's to check.
      if (f.options && !f.extensible && !f.options.some((o) => o.value === value)) return t('form.enum', { label })
      return ''
    case 'idlist':
      if (f.min != null && value.length < f.min) return t('form.minItems', { label, n: f.min })
      if (f.max != null && value.length > f.max) return t('form.maxItems', { label, n: f.max })
      return ''
    default:
      return ''
  }
}
