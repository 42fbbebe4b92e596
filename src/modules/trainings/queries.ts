import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { trainingEnrolments, trainings } from '../../../db/schema.js'
import { trainedOn, validThrough, type TrainedStatus } from './rules.js'

export function enrolmentsOf (db: Db, expertId: number) {
  return db.select({
    trainingId: trainings.id, name: trainings.name, hours: trainings.hours, isBasic: trainings.isBasic,
    validityMonths: trainings.validityMonths, startsOn: trainings.startsOn, endsOn: trainings.endsOn,
    enrolledOn: trainingEnrolments.enrolledOn, completedOn: trainingEnrolments.completedOn,
  }).from(trainingEnrolments).innerJoin(trainings, eq(trainings.id, trainingEnrolments.trainingId))
    .where(eq(trainingEnrolments.expertId, expertId)).orderBy(asc(trainings.startsOn)).all()
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
