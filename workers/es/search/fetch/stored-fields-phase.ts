/**
 * StoredFieldsPhase: the document fields a search's `stored_fields` asks for, read from what each hit's document
 * stored (fields mapped with `store: true`, StoredDocument.storedFields). Each name or pattern is resolved against the
 * search's fields (SearchExecutionContext.getMatchingFieldNames: a name of no field is none, a pattern matches mapped
 * fields), and kept when its field is stored; `_id` and `_source` name nothing here (they are read anyway), and the
 * metadata fields `_routing` and `_ignored` are printed apart (hit-sections.ts). A field alias shows its target's
 * values under its own name. `stored_fields: _none_` asks for nothing.
 */
import { simpleMatch } from '../../common/simple-match.ts'
import { parseJson } from '../../xcontent/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { concreteFieldName } from '../search-fields.ts'
import type { DocumentField } from './field-fetcher.ts'
import type { StoredFieldsContext } from './field-and-format.ts'

interface StoredField {
  /** The name the hit shows. */
  readonly name: string
  /** The field whose stored values it shows (an alias's target). */
  readonly concrete: string
}

export class StoredFieldsPhase {
  private constructor(private readonly fields: readonly StoredField[]) {}

  /** The phase of a search's `stored_fields`, or null when it asks for no stored field. */
  static create(
    searched: ReadonlyMap<string, FieldMapping>,
    context: StoredFieldsContext | null,
  ): StoredFieldsPhase | null {
    if (context === null || !context.fetchFields) return null
    const fields = new Map<string, StoredField>()
    for (const requested of context.fieldNames) {
      if (requested === '_id' || requested === '_source') continue
      const names = requested.includes('*')
        ? [...searched.keys()].filter((name) => simpleMatch(requested, name))
        : searched.has(requested)
          ? [requested]
          : []
      for (const name of names)
        if (searched.get(name)!.store === true)
          fields.set(name, { name, concrete: concreteFieldName(searched, name) })
    }
    return fields.size === 0 ? null : new StoredFieldsPhase([...fields.values()])
  }

  /** The requested fields the document stored, each with its values. */
  fetch(storedFields: string | undefined): DocumentField[] {
    if (storedFields === undefined) return []
    const stored = parseJson(storedFields)
    if (!(stored instanceof Map)) return []
    return this.fields.flatMap(({ name, concrete }) => {
      const values = stored.get(concrete)
      return Array.isArray(values) ? [{ name, values, ignoredValues: [] }] : []
    })
  }
}
