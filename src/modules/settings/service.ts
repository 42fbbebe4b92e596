// The region's settings (design §5): the admin keeps them; every change is in the audit log with the
// names of the settings changed.
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import { recordAudit } from '../audit/service.js'
import { regionSettingsOf, saveRegionSettings } from './queries.js'
import type { ParsedSettings, SettingFields } from './forms.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

export interface Actor { id: number, regionId: number }

export function changeSettings (db: Db, actor: Actor, form: ParsedSettings, now: string): Outcome<{ changed: string[] }> {
  if (!form.ok) return { ok: false, errors: form.errors }
  const current = regionSettingsOf(db, actor.regionId)
  const changed = (Object.keys(form.fields) as (keyof SettingFields)[]).filter((name) => form.fields[name] !== current[name])
  if (changed.length > 0) {
    db.transaction(() => {
      saveRegionSettings(db, { ...form.fields, regionId: actor.regionId }, now)
      recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'settings_changed', subjectType: 'region', subjectId: actor.regionId, detail: changed.join(',') })
    })
  }
  return { ok: true, value: { changed } }
}
