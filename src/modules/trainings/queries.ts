// The region's trainings, their enrolments and completions. Every lookup takes the region, so another
// region's training or expert is never found.
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { preparedOnce, type Db } from '../../db.js'
import { experts, hostOrganisations, trainingEnrolments, trainings } from '../../../db/schema.js'
import { trainedOn, validThrough, type TrainedStatus } from './rules.js'

export function enrolmentsOf (db: Db, expertId: number) {
  return preparedOnce(db, 'trainings.ofExpert', () => db.select({
    trainingId: trainings.id, name: trainings.name, hours: trainings.hours, isBasic: trainings.isBasic,
    validityMonths: trainings.validityMonths, startsOn: trainings.startsOn, endsOn: trainings.endsOn,
    enrolledOn: trainingEnrolments.enrolledOn, completedOn: trainingEnrolments.completedOn,
  }).from(trainingEnrolments).innerJoin(trainings, eq(trainings.id, trainingEnrolments.trainingId))
    .where(eq(trainingEnrolments.expertId, sql.placeholder('expertId'))).orderBy(asc(trainings.startsOn), asc(trainingEnrolments.id)).prepare()).all({ expertId })
}

export type EnrolmentRow = ReturnType<typeof enrolmentsOf>[number] & { validThrough: string | null }

// Qualifications for the profile and /me: every enrolment, the validity of each completion, and
// whether the expert is trained on the day.
export function trainingSummary (db: Db, expertId: number, day: string): { trained: TrainedStatus, rows: EnrolmentRow[] } {
  const rows = enrolmentsOf(db, expertId).map((row) => ({
    ...row,
    validThrough: row.completedOn === null ? null : validThrough({ ...row, completedOn: row.completedOn }),
  }))
  return { trained: trainedOn(rows, day), rows }
}

// The region's trainings, newest first, with how many enrolled and completed (a join and a group,
// not correlated subqueries: see stack notes on drizzle #5734).
export function listTrainings (db: Db, regionId: number) {
  return db.select({
    id: trainings.id, name: trainings.name, provider: hostOrganisations.name, hours: trainings.hours,
    startsOn: trainings.startsOn, endsOn: trainings.endsOn, isBasic: trainings.isBasic, validityMonths: trainings.validityMonths,
    enrolled: count(trainingEnrolments.id), completed: count(trainingEnrolments.completedOn),
  }).from(trainings)
    .leftJoin(hostOrganisations, eq(hostOrganisations.id, trainings.hostOrganisationId))
    .leftJoin(trainingEnrolments, eq(trainingEnrolments.trainingId, trainings.id))
    .where(eq(trainings.regionId, regionId))
    .groupBy(trainings.id)
    .orderBy(desc(trainings.startsOn), desc(trainings.id)).all()
}

export function findTraining (db: Db, regionId: number, id: number) {
  return db.select({
    id: trainings.id, name: trainings.name, provider: hostOrganisations.name, hours: trainings.hours,
    startsOn: trainings.startsOn, endsOn: trainings.endsOn, isBasic: trainings.isBasic, validityMonths: trainings.validityMonths,
  }).from(trainings).leftJoin(hostOrganisations, eq(hostOrganisations.id, trainings.hostOrganisationId))
    .where(and(eq(trainings.id, id), eq(trainings.regionId, regionId))).get()
}

export type TrainingDetail = NonNullable<ReturnType<typeof findTraining>>

// The training's enrolments with the names coordinators and pair workers may see.
export function enrolmentsOfTraining (db: Db, trainingId: number) {
  return db.select({
    expertId: experts.id, displayName: experts.displayName, realName: experts.realName,
    enrolledOn: trainingEnrolments.enrolledOn, completedOn: trainingEnrolments.completedOn,
  }).from(trainingEnrolments).innerJoin(experts, eq(experts.id, trainingEnrolments.expertId))
    .where(eq(trainingEnrolments.trainingId, trainingId))
    .orderBy(asc(experts.displayName), asc(experts.id)).all()
}

const enrollableStatuses = ['candidate', 'active', 'paused'] as const

// The region's candidates, active and paused experts not yet enrolled in the training, by display name.
export function enrollableExperts (db: Db, regionId: number, trainingId: number) {
  return db.select({ id: experts.id, displayName: experts.displayName, realName: experts.realName })
    .from(experts)
    .leftJoin(trainingEnrolments, and(eq(trainingEnrolments.expertId, experts.id), eq(trainingEnrolments.trainingId, trainingId)))
    .where(and(eq(experts.regionId, regionId), inArray(experts.status, enrollableStatuses), isNull(trainingEnrolments.id)))
    .orderBy(asc(experts.displayName), asc(experts.id)).all()
}

export function isEnrollable (db: Db, regionId: number, expertId: number): boolean {
  return db.select({ id: experts.id }).from(experts)
    .where(and(eq(experts.id, expertId), eq(experts.regionId, regionId), inArray(experts.status, enrollableStatuses))).get() !== undefined
}

export function activeHosts (db: Db, regionId: number) {
  return db.select({ id: hostOrganisations.id, name: hostOrganisations.name }).from(hostOrganisations)
    .where(and(eq(hostOrganisations.regionId, regionId), eq(hostOrganisations.active, true)))
    .orderBy(asc(hostOrganisations.name)).all()
}

export function isActiveHost (db: Db, regionId: number, hostId: number): boolean {
  return db.select({ id: hostOrganisations.id }).from(hostOrganisations)
    .where(and(eq(hostOrganisations.id, hostId), eq(hostOrganisations.regionId, regionId), eq(hostOrganisations.active, true))).get() !== undefined
}

export type NewTraining = Omit<typeof trainings.$inferInsert, 'id' | 'createdAt'>

export function insertTraining (db: Db, training: NewTraining): number {
  return db.insert(trainings).values(training).returning({ id: trainings.id }).get().id
}

// The unique (training, expert) index refuses a second enrolment even when two people click at once:
// false when the expert was already enrolled.
export function insertEnrolment (db: Db, trainingId: number, expertId: number, enrolledOn: string): boolean {
  return db.insert(trainingEnrolments).values({ trainingId, expertId, enrolledOn }).onConflictDoNothing().run().changes === 1
}

// Sets the completion day of an enrolment; false when the expert is not enrolled in the training.
export function setCompletion (db: Db, trainingId: number, expertId: number, completedOn: string): boolean {
  return db.update(trainingEnrolments).set({ completedOn })
    .where(and(eq(trainingEnrolments.trainingId, trainingId), eq(trainingEnrolments.expertId, expertId))).run().changes === 1
}
