import t from 'tap'
import { catalogs, translator, isLang } from '../../src/web/i18n/index.js'
import { build, signedIn } from '../helper.js'
import '../../src/app.js'

t.test('every catalog has the same keys in Finnish, Swedish and English, none empty', async (t) => {
  t.ok(Object.keys(catalogs).length >= 18, 'the app registers every module’s catalog (common and 17 domains)')
  for (const [name, catalog] of Object.entries(catalogs)) {
    const fi = Object.keys(catalog.fi).sort()
    t.same(Object.keys(catalog.sv).sort(), fi, `${name}: sv keys = fi keys`)
    t.same(Object.keys(catalog.en).sort(), fi, `${name}: en keys = fi keys`)
    for (const lang of ['fi', 'sv', 'en'] as const) {
      for (const [key, text] of Object.entries(catalog[lang])) t.ok(text.trim().length > 0, `${name} ${lang} ${key} is not empty`)
    }
  }
  const all = Object.values(catalogs).flatMap((catalog) => Object.keys(catalog.fi))
  t.equal(new Set(all).size, all.length, 'no key is defined in two catalogs')
})

t.test('the translation function fills parameters and falls back to the key', async (t) => {
  const fi = translator('fi')
  t.equal(fi('home.greeting', { name: 'Noora' }), 'Hei, Noora!')
  t.equal(fi('home.greeting', {}), 'Hei, {name}!')
  t.equal(translator('sv')('home.greeting', { name: 'Noora' }), 'Hej, Noora!')
  t.equal(fi('no.such.key'), 'no.such.key')
  t.ok(isLang('sv'))
  t.notOk(isLang('de'))
})

t.test('?lang= switches the language and the choice is remembered', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'manager', { name: 'Eeva' })
  const sv = await browser.get('/?lang=sv')
  t.match(sv.body, '<html lang="sv">')
  t.match(sv.body, 'Hej, Eeva!')
  t.match((await browser.get('/')).body, '<html lang="sv">', 'remembered by a cookie')
  const en = await browser.get('/?lang=en')
  t.match(en.body, 'Hello, Eeva!')
  t.match((await browser.get('/?lang=xx')).body, '<html lang="en">', 'an unknown language keeps the choice')
  t.match((await app.inject({ url: '/login' })).body, '<html lang="fi">', 'Finnish by default')
})
