// After `tap`, whose own gate already asks for every line, statement, function and branch of the source
// files the tests load: prints the totals in one line, and fails the run too if any is short of 100 %.
import { readFileSync } from 'node:fs'

const minimum: Record<string, number> = { lines: 100, statements: 100, functions: 100, branches: 100 }
const summary = JSON.parse(readFileSync('.tap/report/coverage-summary.json', 'utf8')) as { total: Record<string, { pct: number }> }
const short = Object.entries(minimum).filter(([kind, pct]) => summary.total[kind]!.pct < pct)
process.stdout.write(`coverage: ${Object.keys(minimum).map((kind) => `${kind} ${summary.total[kind]!.pct} % (gate ${minimum[kind]} %)`).join(', ')}\n`)
if (short.length > 0) {
  process.stderr.write(`coverage gate: too little ${short.map(([kind]) => kind).join(', ')}\n`)
  process.exit(1)
}
