// Money is integer cents everywhere; it becomes text only here: 1 234,50 €.
export function formatMoney (cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(cents))
  const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')
  const rest = (abs % 100).toString().padStart(2, '0')
  return `${sign}${euros},${rest}\u00a0€`
}

// '1 234,50' or '1234.5' → 123450; undefined when it is not an amount.
export function parseMoney (text: string): number | undefined {
  const clean = text.replace(/[\s\u00a0€]/g, '').replace(',', '.')
  if (!/^-?\d+(\.\d{1,2})?$/.test(clean)) return undefined
  const [whole, fraction = ''] = clean.replace('-', '').split('.')
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return clean.startsWith('-') ? -cents : cents
}
