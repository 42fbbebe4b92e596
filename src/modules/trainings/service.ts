// Trainings, enrolments and completions (design §4.3).
// Rules:
// - a training is provided by one of the region's own active host organisations;
// - only the region's candidates, active and paused experts are enrolled, each at most once per
//   training (also a unique index, so two clicks at once cannot enrol twice);
// - a completion is of an enrolled expert, on a day not in the future nor before the training began;
//   "trained" is never typed: it is derived from completions (rules.ts);
// - enrolments and completions are written to the expert's audit log, and the training page that
//   names its experts is one 'list' row (ids only).
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import { recordAudit } from '../audit/service.js'
import { formatDate } from '../../lib/dates.js'
import type { ParsedCompletion, ParsedEnrolment, ParsedTraining } from './forms.js'
import {
  enrollableExperts, enrolmentsOfTraining, insertEnrolment, insertTraining, isActiveHost, isEnrollable, setCompletion,
  type TrainingDetail,
} from './queries.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

export interface Actor { id: number, regionId: number }

function failed (errors: Errors): Outcome<never> | undefined {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : undefined
}

export function createTraining (db: Db, actor: Actor, form: ParsedTraining): Outcome<{ id: number }> {
  const errors = { ...form.errors }
  const v = form.values
  if (!errors.hostOrganisationId && !isActiveHost(db, actor.regionId, Number(v.hostOrganisationId))) errors.hostOrganisationId = { key: 'form.invalidChoice' }
  const refused = failed(errors)
  if (refused) return refused
  const id = db.transaction(() => {
    const id = insertTraining(db, {
      regionId: actor.regionId, name: v.name, hostOrganisationId: Number(v.hostOrganisationId), hours: Number(v.hours),
      startsOn: v.startsOn, endsOn: v.endsOn, isBasic: v.isBasic, validityMonths: v.validityMonths === '' ? null : Number(v.validityMonths),
    })
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'create', subjectType: 'training', subjectId: id })
    return id
  })
  return { ok: true, value: { id } }
}

// What the training page shows of its experts; reading it is one 'list' row in the audit log.
export function viewTraining (db: Db, actor: Actor, training: TrainingDetail) {
  recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'list', subjectType: 'expert', detail: `training:${training.id}` })
  return { enrolments: enrolmentsOfTraining(db, training.id), enrollable: enrollableExperts(db, actor.regionId, training.id) }
}

export function enrolExpert (db: Db, actor: Actor, training: TrainingDetail, form: ParsedEnrolment, day: string): Outcome<undefined> {
  const errors = { ...form.errors }
  const expertId = form.expertId!
  if (!errors.expertId && !isEnrollable(db, actor.regionId, expertId)) errors.expertId = { key: 'form.invalidChoice' }
  const refused = failed(errors)
  if (refused) return refused
  const enrolled = db.transaction(() => {
    if (!insertEnrolment(db, training.id, expertId, day)) return false
    expertAudit(db, actor, 'training_enrolled', expertId, training.id)
    return true
  })
  return enrolled ? { ok: true, value: undefined } : { ok: false, errors: { expertId: { key: 'trainings.alreadyEnrolled' } } }
}

export function completeTraining (db: Db, actor: Actor, training: TrainingDetail, form: ParsedCompletion): Outcome<undefined> {
  const errors = { ...form.errors }
  const { completedOn } = form.values
  if (!errors.completedOn && completedOn < training.startsOn) errors.completedOn = { key: 'trainings.completedBeforeStart', params: { date: formatDate(training.startsOn) } }
  const refused = failed(errors)
  if (refused) return refused
  const expertId = form.expertId!
  const completed = db.transaction(() => {
    if (!setCompletion(db, training.id, expertId, completedOn)) return false
    expertAudit(db, actor, 'training_completed', expertId, training.id)
    return true
  })
  return completed ? { ok: true, value: undefined } : { ok: false, errors: { expertId: { key: 'trainings.notEnrolled' } } }
}

function expertAudit (db: Db, actor: Actor, action: string, expertId: number, trainingId: number): void {
  recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action, subjectType: 'expert', subjectId: expertId, detail: `training:${trainingId}` })
}
