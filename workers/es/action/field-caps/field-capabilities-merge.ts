/**
 * TransportFieldCapabilitiesAction.merge of ES 8.17: the per-index capabilities (field-capabilities-fetcher.ts)
 * merged into the response `{"indices":[...],"fields":{name:{type:{...}}}}`.
 * - `indices`: the indices that answered, sorted.
 * - Per field and type (FieldCapabilities.Builder): `metadata_field` if any index says so, `searchable` /
 *   `aggregatable` if every index of that type says so; `indices` (sorted) only when the field has several types;
 *   `non_searchable_indices` / `non_aggregatable_indices` only when some but not all of them are; `meta` as each key's
 *   sorted values, keys sorted. With `include_unmapped`, a field missing from some indices gets a type `unmapped`
 *   (neither searchable nor aggregatable) for them.
 * - Key order: ES builds these maps as java.util.HashMaps and prints them as they iterate: the per-index responses
 *   keyed by index name, each index's fields map, the builder map, then the fields map and each field's types map.
 *   They are modelled as such (JavaHashMapModel: bucket order, insertion order within a bucket), so the order is
 *   ES's except where two names share a bucket and the insertion order ES's own lookups give differs from this one
 *   (docs/DEVIATIONS.md).
 */
import type { JsonOut } from '../../xcontent/index.ts'
import { compareJavaStrings, JavaHashMapModel, javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import type { IndexFieldCapabilities } from './field-capabilities-fetcher.ts'

const UNMAPPED = 'unmapped'

interface TypeBuilder {
  metadataField: boolean
  /** The indices of this type, in the order they were added (sorted). */
  indices: string[]
  nonSearchable: string[]
  nonAggregatable: string[]
  meta: Map<string, Set<string>>
}

function newBuilder(): TypeBuilder {
  return { metadataField: false, indices: [], nonSearchable: [], nonAggregatable: [], meta: new Map() }
}

function addIndex(builder: TypeBuilder, index: string, caps: IndexFieldCapabilities | null): void {
  builder.indices.push(index)
  builder.metadataField ||= caps?.metadataField ?? false
  if (caps?.searchable !== true) builder.nonSearchable.push(index)
  if (caps?.aggregatable !== true) builder.nonAggregatable.push(index)
  for (const [key, value] of Object.entries(caps?.meta ?? {})) {
    const values = builder.meta.get(key) ?? new Set<string>()
    values.add(value)
    builder.meta.set(key, values)
  }
}

function build(type: string, builder: TypeBuilder, withIndices: boolean): JsonOut {
  const total = builder.indices.length
  const searchable = builder.nonSearchable.length === 0
  const aggregatable = builder.nonAggregatable.length === 0
  const out = new Map<string, JsonOut>([
    ['type', type],
    ['metadata_field', builder.metadataField],
    ['searchable', searchable],
    ['aggregatable', aggregatable],
  ])
  if (withIndices) out.set('indices', builder.indices)
  if (!searchable && builder.nonSearchable.length < total)
    out.set('non_searchable_indices', builder.nonSearchable)
  if (!aggregatable && builder.nonAggregatable.length < total) {
    out.set('non_aggregatable_indices', builder.nonAggregatable)
  }
  if (builder.meta.size > 0) {
    const keys = [...builder.meta.keys()].sort(compareJavaStrings)
    out.set('meta', new Map(keys.map((key) => [key, [...builder.meta.get(key)!].sort(compareJavaStrings)])))
  }
  return out
}

/** The merged response; `responses` holds each answering index's capabilities, by index name. */
export function mergeFieldCaps(
  responses: ReadonlyMap<string, ReadonlyMap<string, IndexFieldCapabilities>>,
  includeUnmapped: boolean,
): JsonOut {
  const indices = [...responses.keys()].sort(compareJavaStrings)
  // innerMerge takes the indices in sorted order (FieldCapabilities.Builder asserts it), each index's fields as its
  // HashMap iterates them
  const builderKeys = new JavaHashMapModel()
  const builders = new Map<string, Map<string, TypeBuilder>>()
  for (const index of indices) {
    const fields = responses.get(index)!
    const order = new JavaHashMapModel()
    for (const name of fields.keys()) order.put(name)
    for (const name of order.order()) {
      const caps = fields.get(name)!
      builderKeys.put(name)
      const types = builders.get(name) ?? new Map<string, TypeBuilder>()
      builders.set(name, types)
      const builder = types.get(caps.type) ?? newBuilder()
      types.set(caps.type, builder)
      addIndex(builder, index, caps)
    }
  }
  const fieldKeys = new JavaHashMapModel()
  for (const name of builderKeys.order()) fieldKeys.put(name)
  const fields = new Map<string, JsonOut>()
  for (const name of fieldKeys.order()) {
    const types = builders.get(name)!
    const typeNames = [...types.keys()]
    if (includeUnmapped) {
      const mapped = new Set(typeNames.flatMap((type) => types.get(type)!.indices))
      const missing = indices.filter((index) => !mapped.has(index))
      if (missing.length > 0) {
        const unmapped = newBuilder()
        for (const index of missing) addIndex(unmapped, index, null)
        types.set(UNMAPPED, unmapped)
        typeNames.push(UNMAPPED)
      }
    }
    const multiTypes = typeNames.length > 1
    const order = javaHashMapKeyOrder(typeNames)
    fields.set(name, new Map(order.map((type) => [type, build(type, types.get(type)!, multiTypes)])))
  }
  return new Map<string, JsonOut>([
    ['indices', indices],
    ['fields', fields],
  ])
}
