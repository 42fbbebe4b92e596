// The Finnish personal identity code (henkilötunnus), DDMMYYCZZZQ: the century sign C ('+' 1800s;
// '-', Y, X, W, V, U 1900s; A–F 2000s), an individual number ZZZ (002–899) and a check character Q,
// the remainder of DDMMYYZZZ divided by 31 picked from 0123456789ABCDEFHJKLMNPRSTUVWXY.
const checkCharacters = '0123456789ABCDEFHJKLMNPRSTUVWXY'
const centuries: Record<string, number> = { '+': 1800, '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900, A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000 }

export function normaliseIdentityCode (value: string): string {
  return value.trim().toUpperCase()
}

// The birth day 'YYYY-MM-DD' the code stands for, or undefined when the code is not valid.
export function identityCodeBirthDate (value: string): string | undefined {
  const code = normaliseIdentityCode(value)
  const match = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/.exec(code)
  if (!match) return undefined
  const [, dd, mm, yy, sign, individual, check] = match as unknown as [string, string, string, string, string, string, string]
  const year = centuries[sign]! + Number(yy)
  const day = `${year}-${mm}-${dd}`
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return undefined
  if (Number(individual) < 2) return undefined
  if (checkCharacters[Number(`${dd}${mm}${yy}${individual}`) % 31] !== check) return undefined
  return day
}

export function isValidIdentityCode (value: string): boolean {
  return identityCodeBirthDate(value) !== undefined
}

// Shown masked: the birth date part only, e.g. 010106A****.
export function maskIdentityCode (value: string): string {
  return `${normaliseIdentityCode(value).slice(0, 7)}****`
}
