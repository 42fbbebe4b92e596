// Cancellation (design §5): cancelling is free up to the region's free-cancellation hours before the
// start (24 h by default); a later cancellation keeps the fee due. The audience not turning up does not
// cancel the fee, so completion never changes feeDue.
import Database from 'better-sqlite3'

export function feeDueAfterCancellation (startsAt: string, cancelledAt: string, freeCancellationHours: number): boolean {
  return Date.parse(startsAt) - Date.parse(cancelledAt) < freeCancellationHours * 3_600_000
}

// Two coordinators can never fill one place twice, nor book one expert twice at the same time (design
// §5): the database refuses such an assignment (migration 0005 and the partial unique indexes). This
// reads its refusal as the expected answer; any other error is a bug and is thrown on.
export function refusalOf (error: unknown): 'already_filled' | 'double_booked' {
  if (error instanceof Database.SqliteError) {
    if (error.message === 'expert_double_booked') return 'double_booked'
    if (error.message === 'order_full' || error.code === 'SQLITE_CONSTRAINT_UNIQUE') return 'already_filled'
  }
  throw error
}

// The fee estimate shown with an offer: the work's duration at the hourly fee, to the cent.
export function feeEstimateCents (durationMinutes: number, hourlyFeeCents: number): number {
  return Math.round(durationMinutes * hourlyFeeCents / 60)
}
