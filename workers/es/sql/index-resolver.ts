/**
 * IndexResolver: the indices a FROM names (names, aliases, `*` patterns, comma lists, resolved leniently as
 * field_caps does: an expression that matches nothing is no index) and their fields merged into one table,
 * in name order (the resolver's TreeMap). A field is a leaf of the mappings with its SQL type; a text field
 * remembers its keyword sub-field, which exact queries, sorting and grouping use (the field's exact
 * attribute); a sub-field (`author.keyword`) is a column of its own but not one `*` expands to.
 */
import { LENIENT_EXPAND_OPEN } from '../cluster/metadata/indices-options.ts'
import { leafFields } from '../index/mapper/mapping.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import { sqlTypeOfField } from './sql-data-types.ts'

export interface EsField {
  readonly name: string
  /** The mapping type (`text`, `long`, `date`…). */
  readonly esType: string
  /** The SQL type (`text`, `long`, `datetime`…). */
  readonly sqlType: string
  /** The field exact queries, sorts and groups use: itself, a text field's keyword sub-field, or null. */
  readonly exact: string | null
  /** Whether `*` lists it (multi-field sub-fields are left out). */
  readonly inStar: boolean
}

export interface EsIndex {
  /** The concrete index names, in order. */
  readonly names: readonly string[]
  readonly fields: ReadonlyMap<string, EsField>
}

/** The table `expression` names, or null when no index matches it. */
export function resolveIndex(indices: IndicesService, expression: string): EsIndex | null {
  const services = indices.resolve(expression, LENIENT_EXPAND_OPEN)
  if (services.length === 0) return null
  const fields = new Map<string, EsField>()
  for (const service of services) {
    const mapping = service.metadata.mapping
    const leaves = leafFields(mapping)
    const subFields = new Set<string>()
    for (const [path, field] of leaves) {
      for (const sub of Object.keys(field.fields ?? {})) subFields.add(`${path}.${sub}`)
    }
    for (const [path, leaf] of leaves) {
      if (fields.has(path)) continue
      // A field alias is a column of its target's type, as field caps report it.
      const field = leaf.type === 'alias' ? leaves.get(leaf.path!)! : leaf
      const sqlType = sqlTypeOfField(field.type)
      fields.set(path, {
        name: path,
        esType: field.type,
        sqlType,
        exact: exactField(path, field.type, field.fields ?? {}),
        inStar: !subFields.has(path),
      })
    }
  }
  const sorted = new Map([...fields.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return { names: services.map((service) => service.metadata.name), fields: sorted }
}

function exactField(
  path: string,
  type: string,
  subFields: Readonly<Record<string, { type: string }>>,
): string | null {
  if (type !== 'text' && type !== 'match_only_text') return path
  const keyword = Object.entries(subFields).find(([, sub]) => sub.type === 'keyword')
  return keyword ? `${path}.${keyword[0]}` : null
}
