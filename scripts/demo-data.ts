// The demo region of design §6: its structure and the demo accounts (password kokemus-demo).
// Used by `npm start` on an empty database outside production, and by `npm run seed -- --yes`.
import { count } from 'drizzle-orm'
import type { Db } from '../src/db.js'
import type { Role } from '../db/schema.js'
import { areas, channels, experienceAreas, expertGroups, hostOrganisations, orderingUnits, regions, users } from '../db/schema.js'
import { hashPassword } from '../src/modules/auth/passwords.js'

export const demoPassword = 'kokemus-demo'
export const demoRegionName = 'Demohyvinvointialue'

export const demoAccounts: { email: string, name: string, role: Role }[] = [
  { email: 'admin@demo.kokemus.fi', name: 'Anna Ylläpitäjä', role: 'admin' },
  { email: 'koordinaattori@demo.kokemus.fi', name: 'Kaisa Koordinaattori', role: 'coordinator' },
  { email: 'tyopari@demo.kokemus.fi', name: 'Tuomas Työpari', role: 'pair_worker' },
  { email: 'tilaaja@demo.kokemus.fi', name: 'Olli Tilaaja', role: 'orderer' },
  { email: 'esihenkilo@demo.kokemus.fi', name: 'Eeva Esihenkilö', role: 'manager' },
  { email: 'nuori@demo.kokemus.fi', name: 'Noora Nieminen', role: 'expert' },
  { email: 'aikuinen@demo.kokemus.fi', name: 'Aleksi Aaltonen', role: 'expert' },
  { email: 'vanhempi@demo.kokemus.fi', name: 'Veera Virtanen', role: 'expert' },
]

const areaNames = ['Hämeenlinna', 'Riihimäki', 'Forssa', 'Janakkala']
const hostNames = ['Demohyvinvointialue, osallisuuspalvelut', 'Pesäpuu ry']
const unitNames: [string, number][] = [
  ['Lastensuojelun avohuolto, Hämeenlinna', 0],
  ['Sijaishuollon yksikkö Riihimäki', 1],
  ['Nuorisopsykiatrian osasto', 0],
  ['Perhekeskus Forssa', 2],
  ['Jälkihuollon palvelut', 1],
  ['Henkilöstön koulutus ja kehittäminen', 3],
]
const channelRows: { name: string, defaultLoad: 'light' | 'heavy', requiresBasicTraining: boolean }[] = [
  { name: 'Kehittäjätiimi', defaultLoad: 'light', requiresBasicTraining: true },
  { name: 'Työpaja', defaultLoad: 'light', requiresBasicTraining: false },
  { name: 'Ammattilaisten koulutus', defaultLoad: 'heavy', requiresBasicTraining: true },
  { name: 'Rekrytointiraati', defaultLoad: 'light', requiresBasicTraining: true },
  { name: 'Ohjausryhmä', defaultLoad: 'light', requiresBasicTraining: true },
  { name: 'Vertaistukiryhmä', defaultLoad: 'heavy', requiresBasicTraining: true },
  { name: 'Media ja kirjoittaminen', defaultLoad: 'heavy', requiresBasicTraining: true },
  { name: 'Muu', defaultLoad: 'light', requiresBasicTraining: false },
]
const groupNames = ['Nuori 13–17 v', 'Nuori aikuinen 18–29 v', 'Vanhempi', 'Sijaisvanhempi', 'Sisarus']
const experienceAreaNames = ['Avohuolto', 'Sijaisperhe', 'Laitoshuolto', 'Jälkihuolto', 'Psykiatrinen hoito', 'Kiireellinen sijoitus']

export function isEmpty (db: Db): boolean {
  return (db.select({ n: count() }).from(regions).get()?.n ?? 0) === 0
}

export async function seedDemo (db: Db): Promise<true> {
  const passwordHash = await hashPassword(demoPassword)
  db.transaction((tx) => {
    const region = tx.insert(regions).values({ name: demoRegionName }).returning().get()
    const regionId = region.id
    const areaIds = areaNames.map((name) => tx.insert(areas).values({ regionId, name }).returning().get().id)
    for (const name of hostNames) tx.insert(hostOrganisations).values({ regionId, name }).run()
    const unitIds = unitNames.map(([name, area]) => tx.insert(orderingUnits).values({ regionId, name, areaId: areaIds[area]! }).returning().get().id)
    for (const channel of channelRows) tx.insert(channels).values({ regionId, ...channel }).run()
    for (const name of groupNames) tx.insert(expertGroups).values({ regionId, name }).run()
    for (const name of experienceAreaNames) tx.insert(experienceAreas).values({ regionId, name }).run()
    for (const account of demoAccounts) {
      tx.insert(users).values({
        regionId,
        ...account,
        passwordHash,
        orderingUnitId: account.role === 'orderer' ? unitIds[0]! : null,
      }).run()
    }
  })
  return true
}
