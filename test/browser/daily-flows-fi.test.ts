// The daily flows of the orderer, the coordinator and the 16-year-old expert in Finnish, every page at
// 360 px and 1280 px with axe and the layout check (see daily-flows.ts).
import t from 'tap'
import { dailyFlows } from './daily-flows.js'

await dailyFlows(t, 'fi')
