const fi = {
  'trainings.title': 'Koulutukset',
  'trainings.qualifications': 'Koulutukset ja pätevyys',
  'trainings.trained': 'Peruskoulutus suoritettu',
  'trainings.trainedUntil': 'Peruskoulutus suoritettu, voimassa {date} asti',
  'trainings.notTrained': 'Peruskoulutusta ei ole suoritettu tai se ei ole voimassa',
  'trainings.hours': '{hours} t',
  'trainings.enrolled': 'Ilmoittautunut {date}',
  'trainings.completed': 'Suoritettu {date}',
  'trainings.completedValid': 'Suoritettu {date}, voimassa {until} asti',
  'trainings.basic': 'Peruskoulutus',
  'trainings.none': 'Ei koulutuksia.',
}

type Keys = Record<keyof typeof fi, string>

const sv: Keys = {
  'trainings.title': 'Utbildningar',
  'trainings.qualifications': 'Utbildningar och behörighet',
  'trainings.trained': 'Grundutbildningen avlagd',
  'trainings.trainedUntil': 'Grundutbildningen avlagd, giltig till {date}',
  'trainings.notTrained': 'Grundutbildningen är inte avlagd eller inte giltig',
  'trainings.hours': '{hours} h',
  'trainings.enrolled': 'Anmäld {date}',
  'trainings.completed': 'Avlagd {date}',
  'trainings.completedValid': 'Avlagd {date}, giltig till {until}',
  'trainings.basic': 'Grundutbildning',
  'trainings.none': 'Inga utbildningar.',
}

const en: Keys = {
  'trainings.title': 'Trainings',
  'trainings.qualifications': 'Trainings and qualification',
  'trainings.trained': 'Basic training completed',
  'trainings.trainedUntil': 'Basic training completed, valid until {date}',
  'trainings.notTrained': 'Basic training not completed or no longer valid',
  'trainings.hours': '{hours} h',
  'trainings.enrolled': 'Enrolled {date}',
  'trainings.completed': 'Completed {date}',
  'trainings.completedValid': 'Completed {date}, valid until {until}',
  'trainings.basic': 'Basic training',
  'trainings.none': 'No trainings.',
}

export const trainingsCatalog = { fi, sv, en }
