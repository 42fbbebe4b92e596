import { registerCatalog } from '../../web/i18n/index.js'
const fi = {
  'settings.title': 'Palkkiot ja asetukset',
  'settings.intro': 'Nämä alueen {region} asetukset ohjaavat, kenelle tehtäviä voi tarjota, kuinka kauan tarjous on voimassa, milloin peruutus on maksuton ja milloin jälkipuinti on pidettävä.',
  'settings.field.heavyMonthlyCap': 'Raskaita tehtäviä kuukaudessa enintään',
  'settings.hint.heavyMonthlyCap': 'Kuinka monta raskasta tehtävää yhdellä kokemusasiantuntijalla voi olla saman kalenterikuukauden aikana ({min}–{max}).',
  'settings.field.coolOffDays': 'Palautumispäivät raskaan tehtävän jälkeen',
  'settings.hint.coolOffDays': 'Päiviä raskaan tehtävän jälkeen, ennen kuin kokemusasiantuntijalle voi tarjota uutta tehtävää ({min}–{max}).',
  'settings.field.travelMarginMinutes': 'Matka-aika tehtävän ympärillä (minuuttia)',
  'settings.hint.travelMarginMinutes': 'Aika, joka jätetään vapaaksi ennen jokaista tehtävää ja sen jälkeen matkoja varten ({min}–{max}).',
  'settings.field.offerExpiryHours': 'Tarjouksen voimassaolo (tuntia)',
  'settings.hint.offerExpiryHours': 'Kuinka kauan kokemusasiantuntija voi vastata tarjoukseen, kuitenkin enintään tehtävän alkuun asti ({min}–{max}).',
  'settings.field.freeCancellationHours': 'Maksuton peruutus (tuntia ennen alkua)',
  'settings.hint.freeCancellationHours': 'Myöhemmin peruttaessa vahvistetun kokemusasiantuntijan palkkio maksetaan ({min}–{max}).',
  'settings.field.debriefDueDays': 'Jälkipuinnin määräaika (päivää)',
  'settings.hint.debriefDueDays': 'Kuinka monen päivän kuluessa raskaasta tehtävästä jälkipuinti on pidettävä ({min}–{max}).',
  'settings.field.hourlyFee': 'Tuntipalkkio palkkioarviota varten (euroa)',
  'settings.hint.hourlyFee': 'Tarjouksen yhteydessä näytettävä palkkioarvio lasketaan tällä, esimerkiksi 25,00 (0–1 000 €).',
  'settings.error.money': 'Anna summa euroina väliltä 0–1 000, esimerkiksi 25,00.',
  'settings.saved': 'Asetukset on tallennettu.',
}

type Keys = Record<keyof typeof fi, string>

const sv: Keys = {
  'settings.title': 'Arvoden och inställningar',
  'settings.intro': 'De här inställningarna för {region} styr vem uppdrag kan erbjudas, hur länge ett erbjudande gäller, när ett inställande är avgiftsfritt och när avlastningssamtalet ska hållas.',
  'settings.field.heavyMonthlyCap': 'Högst antal tunga uppdrag per månad',
  'settings.hint.heavyMonthlyCap': 'Hur många tunga uppdrag en erfarenhetsexpert kan ha under samma kalendermånad ({min}–{max}).',
  'settings.field.coolOffDays': 'Återhämtningsdagar efter ett tungt uppdrag',
  'settings.hint.coolOffDays': 'Dagar efter ett tungt uppdrag innan erfarenhetsexperten kan erbjudas ett nytt uppdrag ({min}–{max}).',
  'settings.field.travelMarginMinutes': 'Restid kring uppdraget (minuter)',
  'settings.hint.travelMarginMinutes': 'Tid som hålls fri före och efter varje uppdrag för resor ({min}–{max}).',
  'settings.field.offerExpiryHours': 'Erbjudandets giltighet (timmar)',
  'settings.hint.offerExpiryHours': 'Hur länge erfarenhetsexperten kan svara på ett erbjudande, dock högst till uppdragets början ({min}–{max}).',
  'settings.field.freeCancellationHours': 'Avgiftsfritt inställande (timmar före starten)',
  'settings.hint.freeCancellationHours': 'Vid ett senare inställande betalas den bekräftade erfarenhetsexpertens arvode ({min}–{max}).',
  'settings.field.debriefDueDays': 'Tidsfrist för avlastningssamtal (dagar)',
  'settings.hint.debriefDueDays': 'Inom hur många dagar efter ett tungt uppdrag avlastningssamtalet ska hållas ({min}–{max}).',
  'settings.field.hourlyFee': 'Timarvode för arvodesuppskattningen (euro)',
  'settings.hint.hourlyFee': 'Arvodesuppskattningen som visas med ett erbjudande räknas med detta, till exempel 25,00 (0–1 000 €).',
  'settings.error.money': 'Ange ett belopp i euro mellan 0 och 1 000, till exempel 25,00.',
  'settings.saved': 'Inställningarna har sparats.',
}

const en: Keys = {
  'settings.title': 'Fees and settings',
  'settings.intro': 'These settings of {region} decide whom work can be offered to, how long an offer stays open, when cancelling is free and when the debrief is due.',
  'settings.field.heavyMonthlyCap': 'Heavy assignments per month at most',
  'settings.hint.heavyMonthlyCap': 'How many heavy assignments one expert may have in a calendar month ({min}–{max}).',
  'settings.field.coolOffDays': 'Cool-off days after heavy work',
  'settings.hint.coolOffDays': 'Days after a heavy assignment before the expert may be offered new work ({min}–{max}).',
  'settings.field.travelMarginMinutes': 'Travel time around the work (minutes)',
  'settings.hint.travelMarginMinutes': 'Time kept free before and after every assignment for travel ({min}–{max}).',
  'settings.field.offerExpiryHours': 'Offer open for (hours)',
  'settings.hint.offerExpiryHours': 'How long the expert may answer an offer, never past the start of the work ({min}–{max}).',
  'settings.field.freeCancellationHours': 'Free cancellation (hours before the start)',
  'settings.hint.freeCancellationHours': 'When cancelled later, the confirmed expert’s fee is still paid ({min}–{max}).',
  'settings.field.debriefDueDays': 'Debrief due within (days)',
  'settings.hint.debriefDueDays': 'Within how many days of heavy work the debrief must be held ({min}–{max}).',
  'settings.field.hourlyFee': 'Hourly fee for the estimate (euros)',
  'settings.hint.hourlyFee': 'The fee estimate shown with an offer is computed with this, for example 25.00 (0–1,000 €).',
  'settings.error.money': 'Give an amount in euros between 0 and 1,000, for example 25.00.',
  'settings.saved': 'The settings have been saved.',
}

export const settingsCatalog = registerCatalog('settings', { fi, sv, en })
