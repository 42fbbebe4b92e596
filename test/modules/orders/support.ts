// A region ready to order in: a unit, a channel of each load, an area, two groups and an experience
// area; and the good answers of the order form.
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../../src/db.js'
import { users } from '../../../db/schema.js'
import { aChannel, aGroup, anArea, anExperienceArea, aUnit, aUser, Browser } from '../../helper.js'
import { addDays, today } from '../../../src/lib/dates.js'

export function orderingRegion (db: Db, regionId: number) {
  return {
    unit: aUnit(db, regionId, 'Lastensuojelun avohuolto'),
    workshop: aChannel(db, regionId, { name: 'Työpaja', defaultLoad: 'light' }),
    training: aChannel(db, regionId, { name: 'Ammattilaisten koulutus', defaultLoad: 'heavy' }),
    area: anArea(db, regionId, 'Hämeenlinna'),
    youth: aGroup(db, regionId, 'Nuori 13–17 v'),
    parent: aGroup(db, regionId, 'Vanhempi'),
    fosterCare: anExperienceArea(db, regionId, 'Sijaishuolto'),
  }
}

export type OrderingRegion = ReturnType<typeof orderingRegion>

export function goodOrder (r: OrderingRegion): Record<string, string | string[]> {
  return {
    channelId: String(r.workshop.id),
    topic: 'Nuorten osallisuuden työpaja',
    description: 'Kehitämme sijaishuollon palaveria.',
    day: addDays(today(), 10),
    startTime: '14.30',
    durationHours: '1,5',
    areaId: String(r.area.id),
    address: 'Raatihuoneenkatu 1',
    audienceKind: 'sosiaalityöntekijät',
    audienceSize: '25',
    expertsWanted: '2',
    groupIds: [String(r.youth.id)],
    experienceAreaIds: [String(r.fosterCare.id)],
    language: 'fi',
    preparationWanted: 'on',
  }
}

// A signed-in orderer whose account is linked to no ordering unit.
export async function unitlessOrderer (app: FastifyInstance, db: Db, regionId: number): Promise<Browser> {
  const user = await aUser(db, { role: 'orderer', regionId })
  db.update(users).set({ orderingUnitId: null }).where(eq(users.id, user.id)).run()
  const browser = new Browser(app)
  await browser.login(user.email)
  return browser
}
