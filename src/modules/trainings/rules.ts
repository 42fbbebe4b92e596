// "Trained" is derived, never typed: an expert is trained on a day when a completed basic training
// is valid on it — completed on or before the day, and within its validity period (months after
// completion) when the training has one.
import { addDays, addMonths } from '../../lib/dates.js'

export interface CompletionFacts { completedOn: string | null, isBasic: boolean, validityMonths: number | null }

// The last day a completion is valid, or null when it does not expire.
export function validThrough (completion: CompletionFacts & { completedOn: string }): string | null {
  return completion.validityMonths === null ? null : addDays(addMonths(completion.completedOn, completion.validityMonths), -1)
}

export interface TrainedStatus { trained: boolean, validThrough: string | null }

export function trainedOn (completions: CompletionFacts[], day: string): TrainedStatus {
  let best: TrainedStatus = { trained: false, validThrough: null }
  for (const c of completions) {
    if (!c.isBasic || c.completedOn === null || c.completedOn > day) continue
    const through = validThrough({ ...c, completedOn: c.completedOn })
    if (through !== null && through < day) continue
    if (through === null) return { trained: true, validThrough: null }
    if (!best.trained || (best.validThrough !== null && through > best.validThrough)) best = { trained: true, validThrough: through }
  }
  return best
}
