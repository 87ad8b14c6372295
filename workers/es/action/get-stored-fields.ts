/**
 * The `fields` of a GET, `_mget` item or explain `get` (ShardGetService.innerGetFetch): of the names its
 * `stored_fields` lists, exact names and no patterns, those the document stored (fields mapped with `store: true`,
 * StoredDocument.storedFields), each with its values as its field type displays them; printed in the order of the
 * result's HashMap of names. A name of an object or nested field fails the read with "field [x] isn't a leaf field";
 * a name of no field (or of a field that is not stored) is skipped. `_routing` is a metadata field, printed apart
 * (get-result.ts); `_source` only decides whether the source is fetched (fetch-source.ts).
 */
import { illegalArgumentException } from '../errors/index.ts'
import { JavaHashMapModel } from '../../net/java-hash.ts'
import { parseJson, type JsonOut } from '../xcontent/index.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import { hasProperties, type FieldMapping, type Mapping } from '../index/mapper/mapping.ts'

/** The document's `fields` section, or null when it has none to print. */
export function getDocumentFields(
  doc: StoredDocument,
  storedFields: readonly string[] | null,
  mapping: Mapping,
): Map<string, JsonOut> | null {
  if (storedFields === null || storedFields.length === 0) return null
  const objects = objectPaths(mapping.properties, '')
  for (const name of storedFields)
    if (objects.has(name)) throw illegalArgumentException(`field [${name}] isn't a leaf field`)
  if (doc.storedFields === undefined) return null
  const stored = parseJson(doc.storedFields)
  if (!(stored instanceof Map)) return null
  const order = new JavaHashMapModel()
  for (const name of stored.keys()) if (storedFields.includes(name)) order.put(name)
  const names = order.order()
  if (names.length === 0) return null
  return new Map(names.map((name) => [name, stored.get(name)! as JsonOut]))
}

/** The full paths of the mapping's object and nested fields (MappingLookup.objectMappers). */
function objectPaths(properties: Record<string, FieldMapping>, prefix: string): Set<string> {
  const out = new Set<string>()
  for (const [name, field] of Object.entries(properties)) {
    if (!hasProperties(field)) continue
    const path = prefix + name
    out.add(path)
    for (const inner of objectPaths(field.properties ?? {}, `${path}.`)) out.add(inner)
  }
  return out
}
