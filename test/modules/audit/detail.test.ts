import t from 'tap'
import { describeDetail } from '../../../src/modules/audit/detail.js'
import { translator } from '../../../src/web/i18n/index.js'

t.test('an audit detail is shown in words of the reader’s language', async (t) => {
  const fi = translator('fi')
  const en = translator('en')
  t.equal(describeDetail(fi, 'home_work'), 'etusivun työlistat')
  t.equal(describeDetail(en, 'assignment:179'), 'assignment #179')
  t.equal(describeDetail(fi, 'offer:3,assignment:7,withdrawn:2'), 'tarjous #3; tehtävä #7; peruttuja tarjouksia 2')
  t.equal(describeDetail(en, 'assignment:1,by:coordinator,feeDue:true'), 'assignment #1; cancelled by: coordinator; fee due: yes')
  t.equal(describeDetail(en, 'assignment:5,actualMinutes:150>180,kilometres:42>null'), 'assignment #5; actual minutes: 150 → 180; kilometres: 42 → empty')
  t.equal(describeDetail(translator('sv'), 'window_added:4'), 'tillagd veckotid #4')
  t.equal(describeDetail(fi, 'realName,phone'), `${fi('experts.field.realName')}; ${fi('experts.field.phone')}`, 'field names from the forms that edit them')
  t.equal(describeDetail(en, 'heavyMonthlyCap'), en('settings.field.heavyMonthlyCap'))
  t.equal(describeDetail(en, 'something_new'), 'something_new', 'a word without a text of its own is shown as it is')
  t.equal(describeDetail(en, 'mystery:abc'), 'mystery: abc')
  t.equal(describeDetail(en, null), '')
})

t.test('the audit page shows the words, not the code', async (t) => {
  const { build, signedIn } = await import('../../helper.js')
  const { recordAudit } = await import('../../../src/modules/audit/service.js')
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'admin')
  recordAudit(db, { regionId: user.regionId, actorUserId: user.id, action: 'list', subjectType: 'expert', detail: 'home_work' })
  recordAudit(db, { regionId: user.regionId, actorUserId: user.id, action: 'read', subjectType: 'expert', subjectId: 1, detail: 'assignment:179' })
  const page = await browser.get('/admin/audit')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<td>etusivun työlistat</td>')
  t.match(page.body, '<td>tehtävä #179</td>')
  t.notMatch(page.body, 'home_work')
  t.notMatch(page.body, 'assignment:179')
})
