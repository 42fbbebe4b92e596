// One parser per form: the user form (the same for new and edit) and the list's filters.
// Rules that need the database (unique e-mail, the region's own unit) are in service.ts.
import { roles, type Role } from '../../../db/schema.js'
import { choice, email, id, required, result, text, type Body, type Errors } from '../../web/forms.js'
import type { UserFilter } from './queries.js'

export interface UserValues { name: string, email: string, role: Role | undefined, orderingUnitId: number | undefined }

export function parseUser (body: Body | undefined) {
  const errors: Errors = {}
  const values: UserValues = {
    name: text(body, 'name'),
    email: email(errors, 'email', text(body, 'email')),
    role: choice(errors, 'role', text(body, 'role'), roles),
    orderingUnitId: id(text(body, 'orderingUnitId')),
  }
  required(errors, 'name', values.name)
  return result(values, errors)
}

export type ParsedUser = ReturnType<typeof parseUser>

// Filters come from links and a GET form: an unknown value is no filter rather than an error.
export function parseUserFilter (query: Body) {
  const role = text(query, 'role')
  const active = text(query, 'active')
  const values: { role: Role | '', active: string } = {
    role: (roles as readonly string[]).includes(role) ? role as Role : '',
    active: active === 'yes' || active === 'no' ? active : '',
  }
  const filter: UserFilter = {
    role: values.role || undefined,
    active: values.active ? values.active === 'yes' : undefined,
  }
  return { values, filter, page: id(query.page) ?? 1 }
}
