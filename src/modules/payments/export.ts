// The payroll export (design §5 "Fees"): CSV for the region's payroll system, semicolon-separated,
// UTF-8 with a BOM, CRLF line ends, decimal comma; one row per claim line with the batch, the payee's
// real name, the identity code (decrypted only here), the birth date and the age on the payment day
// (employer contributions start at 16, 17 and 18), the income type code and text, the amount, the work's
// day and the payment day. Everything in it comes from the rows written at the first export and the
// batch's own payment day, so a second download is byte-identical.
import { stringify } from 'csv-stringify/sync'
import { ageOn, formatDate } from '../../lib/dates.js'
import { decryptField } from '../../lib/crypto.js'

export const csvHeader = ['erä', 'nimi', 'henkilötunnus', 'syntymäaika', 'ikä maksupäivänä', 'tulolaji', 'selite', 'summa', 'työpäivä', 'maksupäivä']

export interface ExportLine { payeeName: string, identityCodeEncrypted: string | null, birthDate: string, incomeTypeCode: string, incomeTypeText: string, amountCents: number, workDay: string }

// Cents as euros with a decimal comma, in integers: 123456 → '1234,56'.
export function decimalComma (cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`
}

export function payrollCsv (batch: { id: number, paymentOn: string }, lines: ExportLine[], dataKey: Buffer): string {
  const rows = lines.map((line) => [
    String(batch.id), line.payeeName, line.identityCodeEncrypted === null ? '' : decryptField(dataKey, line.identityCodeEncrypted),
    formatDate(line.birthDate), String(ageOn(line.birthDate, batch.paymentOn)), line.incomeTypeCode, line.incomeTypeText,
    decimalComma(line.amountCents), formatDate(line.workDay), formatDate(batch.paymentOn),
  ])
  return stringify([csvHeader, ...rows], { delimiter: ';', record_delimiter: '\r\n', bom: true })
}
