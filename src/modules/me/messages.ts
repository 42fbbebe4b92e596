const fi = {
  'me.title': 'Oma sivu',
}

type Keys = Record<keyof typeof fi, string>

const sv: Keys = {
  'me.title': 'Min sida',
}

const en: Keys = {
  'me.title': 'My page',
}

export const meCatalog = { fi, sv, en }
