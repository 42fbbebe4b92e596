const fi = {
  'experts.title': 'Kokemusasiantuntijat',
}

type Keys = Record<keyof typeof fi, string>

const sv: Keys = {
  'experts.title': 'Erfarenhetsexperter',
}

const en: Keys = {
  'experts.title': 'Experts by experience',
}

export const expertsCatalog = { fi, sv, en }
