const fi = {
  'availability.title': 'Saatavuus',
  'availability.windows': 'Viikoittaiset ajat',
  'availability.periods': 'Poissaolot',
  'availability.cap': 'Enintään {cap} tehtävää kuukaudessa',
  'availability.noCap': 'Ei omaa kuukausirajaa',
  'availability.pausedUntil': 'Tauolla {date} asti',
  'availability.noWindows': 'Ei viikoittaisia aikoja.',
  'availability.noPeriods': 'Ei poissaoloja.',
  'availability.window': '{weekday} {from}–{to}',
  'availability.period': '{from}–{to}',
  'weekday.1': 'maanantai',
  'weekday.2': 'tiistai',
  'weekday.3': 'keskiviikko',
  'weekday.4': 'torstai',
  'weekday.5': 'perjantai',
  'weekday.6': 'lauantai',
  'weekday.7': 'sunnuntai',
}

type Keys = Record<keyof typeof fi, string>

const sv: Keys = {
  'availability.title': 'Tillgänglighet',
  'availability.windows': 'Tider varje vecka',
  'availability.periods': 'Frånvaro',
  'availability.cap': 'Högst {cap} uppdrag i månaden',
  'availability.noCap': 'Ingen egen månadsgräns',
  'availability.pausedUntil': 'Paus till {date}',
  'availability.noWindows': 'Inga tider varje vecka.',
  'availability.noPeriods': 'Ingen frånvaro.',
  'availability.window': '{weekday} {from}–{to}',
  'availability.period': '{from}–{to}',
  'weekday.1': 'måndag',
  'weekday.2': 'tisdag',
  'weekday.3': 'onsdag',
  'weekday.4': 'torsdag',
  'weekday.5': 'fredag',
  'weekday.6': 'lördag',
  'weekday.7': 'söndag',
}

const en: Keys = {
  'availability.title': 'Availability',
  'availability.windows': 'Weekly times',
  'availability.periods': 'Unavailable periods',
  'availability.cap': 'At most {cap} assignments a month',
  'availability.noCap': 'No monthly limit of their own',
  'availability.pausedUntil': 'Paused until {date}',
  'availability.noWindows': 'No weekly times.',
  'availability.noPeriods': 'No unavailable periods.',
  'availability.window': '{weekday} {from}–{to}',
  'availability.period': '{from}–{to}',
  'weekday.1': 'Monday',
  'weekday.2': 'Tuesday',
  'weekday.3': 'Wednesday',
  'weekday.4': 'Thursday',
  'weekday.5': 'Friday',
  'weekday.6': 'Saturday',
  'weekday.7': 'Sunday',
}

export const availabilityCatalog = { fi, sv, en }
