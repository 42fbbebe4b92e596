// Who an expert is by age: a minor is under 18 on the day (guardian consent, heavier protection).
import { ageOn } from '../../lib/dates.js'

export function isMinorOn (birthDate: string, day: string): boolean {
  return ageOn(birthDate, day) < 18
}

// Coarse age bands for statistics and anonymised records: never the birth date itself.
export function ageBand (birthDate: string, day: string): '13-17' | '18-29' | '30-' | 'under-13' {
  const age = ageOn(birthDate, day)
  if (age < 13) return 'under-13'
  if (age < 18) return '13-17'
  if (age < 30) return '18-29'
  return '30-'
}
