const fi = {
}

type Keys = Record<keyof typeof fi, string>

const sv: Keys = {
}

const en: Keys = {
}

export const settingsCatalog = { fi, sv, en }
