/**
 * A hit's `fields` and `ignored_field_values` sections: the stored_fields (StoredFieldsPhase, which runs first and
 * puts its own HashMap into the hit's with putAll), the docvalue_fields (FetchDocValuesPhase, which puts each field
 * into the hit's HashMap, appending to a stored field's values), the script_fields (ScriptFieldsPhase: a name not there yet) and the `fields` option (FetchFieldsPhase, whose fetcher's map is put
 * in with putAll), printed as SearchHit.toXContent does: in the hit's HashMap order, `fields` with the fields that
 * have values, `ignored_field_values` with those whose mapper ignored some, each section left out when empty. A
 * field listed twice in docvalue_fields carries its doc values twice (the phase appends to the hit's entry); a
 * field asked of both phases shows the `fields` option's entry (putAll replaces it).
 * Rendered on the data node to JSON text, so it crosses nodes as plain data.
 */
import { JavaHashMapModel } from '../../../net/java-hash.ts'
import { parseJson, toJson, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import type { DocumentField } from './field-fetcher.ts'

/** The two sections as JSON text, each null when it is left out. */
export interface DocumentFieldsJson {
  readonly fields: string | null
  readonly ignoredFieldValues: string | null
}

export function documentFieldsJson(
  storedFields: readonly DocumentField[],
  docValueFields: readonly DocumentField[],
  scriptFields: readonly DocumentField[],
  fetchedFields: readonly DocumentField[],
): DocumentFieldsJson {
  const hitFields = new JavaHashMapModel()
  const entries = new Map<string, DocumentField>()
  // hit.addDocumentFields: the phase's own HashMap, filled in request order, is what putAll iterates
  const stored = new JavaHashMapModel()
  for (const field of storedFields) {
    stored.put(field.name)
    entries.set(field.name, field)
  }
  hitFields.putAll(stored.order())
  for (const field of docValueFields) {
    hitFields.put(field.name)
    const earlier = entries.get(field.name)
    entries.set(field.name, earlier ? { ...field, values: [...earlier.values, ...field.values] } : field)
  }
  for (const field of scriptFields) {
    if (entries.has(field.name)) continue
    hitFields.put(field.name)
    entries.set(field.name, field)
  }
  // The fetcher's own HashMap, filled in request order, is what putAll iterates.
  const fetcher = new JavaHashMapModel()
  for (const field of fetchedFields) fetcher.put(field.name)
  hitFields.putAll(fetcher.order())
  for (const field of fetchedFields) entries.set(field.name, field)
  const order = hitFields.order().map((name) => entries.get(name)!)
  return {
    fields: section(order, (field) => field.values),
    ignoredFieldValues: section(order, (field) => field.ignoredValues),
  }
}

function section(
  fields: readonly DocumentField[],
  values: (field: DocumentField) => readonly JsonOut[],
): string | null {
  const out = new Map<string, JsonOut>()
  for (const field of fields) if (values(field).length > 0) out.set(field.name, values(field))
  return out.size === 0 ? null : toJson(out)
}

/** No `fields` and no `ignored_field_values`. */
const NO_SECTIONS: DocumentFieldsJson = { fields: null, ignoredFieldValues: null }

/**
 * `hit` (absent: a hit without sections) with `added` put into its `fields` HashMap after what the fetch phases put
 * there (SearchHit.setDocumentField, each replacing an entry of its name), printed in the HashMap's order.
 */
export function withDocumentFields(
  hit: DocumentFieldsJson | undefined,
  added: ReadonlyArray<readonly [string, JsonOut[]]>,
): DocumentFieldsJson {
  const sections = hit ?? NO_SECTIONS
  if (added.length === 0) return sections
  const fetched = sections.fields === null ? null : parseJson(sections.fields)
  const entries = fetched instanceof Map ? fetched : new Map<string, XContentValue>()
  const order = new JavaHashMapModel()
  for (const name of entries.keys()) order.put(name)
  for (const [name] of added) order.put(name)
  const values = new Map<string, JsonOut>(entries)
  for (const [name, value] of added) values.set(name, value)
  const out = new Map<string, JsonOut>()
  for (const name of order.order()) out.set(name, values.get(name)!)
  return { ...sections, fields: toJson(out) }
}
