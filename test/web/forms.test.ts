import t from 'tap'
import { result, text } from '../../src/web/forms.js'

t.test('every C0 control character and DEL is refused, in any field, nested or listed', async (t) => {
  for (let code = 0; code < 32; code++) {
    if (code === 9 || code === 10 || code === 13) continue
    const char = String.fromCharCode(code)
    t.same(result({ name: `a${char}b` }, {}).errors, { name: { key: 'form.oneLine' } }, `U+${code.toString(16)} in one line`)
    t.same(result({ notes: `a${char}b` }, {}, ['notes']).errors, { notes: { key: 'form.controlCharacters' } }, `U+${code.toString(16)} in many lines`)
  }
  t.same(result({ name: 'a\u007fb' }, {}).errors, { name: { key: 'form.oneLine' } }, 'DEL')
  t.same(result({ restricted: { internalNotes: 'x\u0000' } }, {}, ['internalNotes']).errors, { internalNotes: { key: 'form.controlCharacters' } }, 'a nested field')
  t.same(result({ languages: ['fi', 'sv\u0000'] }, {}).errors, { languages: { key: 'form.oneLine' } }, 'a listed value')
})

t.test('line breaks and tabs only where many lines are allowed', async (t) => {
  for (const value of ['a\nb', 'a\r\nb', 'a\tb']) {
    t.same(result({ topic: value }, {}).errors, { topic: { key: 'form.oneLine' } }, JSON.stringify(value))
    const many = result({ description: value }, {}, ['description'])
    t.ok(many.ok, `${JSON.stringify(value)} in many lines`)
  }
})

t.test('plain text, unicode and other values pass; an earlier error at the field is kept', async (t) => {
  const fine = result({ name: 'Åsa Öberg – “kokemus” 👍', count: 3, on: true, none: null, ids: [1, 2] }, {})
  t.ok(fine.ok)
  t.same(result({ name: '\u0000' }, { name: { key: 'form.required' } }).errors, { name: { key: 'form.required' } })
})

t.test('text fields are trimmed, and anything but a string is empty', async (t) => {
  t.equal(text({ a: '  x y \n' }, 'a'), 'x y')
  t.equal(text({ a: ['x'] }, 'a'), '')
  t.equal(text(undefined, 'a'), '')
})
