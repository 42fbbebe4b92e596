// Cancellation (design §5): cancelling is free up to the region's free-cancellation hours before the
// start (24 h by default); a later cancellation keeps the fee due. The audience not turning up does not
// cancel the fee, so completion never changes feeDue.
export function feeDueAfterCancellation (startsAt: string, cancelledAt: string, freeCancellationHours: number): boolean {
  return Date.parse(startsAt) - Date.parse(cancelledAt) < freeCancellationHours * 3_600_000
}
