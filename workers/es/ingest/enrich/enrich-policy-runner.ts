/**
 * EnrichPolicyRunner (ES 8.17), run to completion for `POST _enrich/policy/<name>/_execute`:
 * 1. the policy must exist ("policy [x] does not exist"); every source index must have a mapping ("Enrich
 *    policy execution for [p] failed. No mapping available on source [i] included in [[...]]") in which the
 *    match field is found (metadata-enrich-service.ts validateMappings); the sources must agree on the match
 *    field's type and format ("Multiple distinct mapping types for field 'f' - indices(a,b)  types(x,y)",
 *    "Multiple distinct formats specified for field ..."); a range policy's match field must be a range type
 *    ("Field 'f' has type [t] which doesn't appear to be a range type");
 * 2. a new index `.enrich-<name>-<now millis>` is created with one shard, no replica and createEnrichMapping's
 *    mapping: `dynamic: false`, the match field `{"type":"keyword","doc_values":false}` (a range policy's keeps
 *    its range type and format; doc values stay on when the match field is also an enrich field), and every
 *    enrich field with the type and format its source indices agree on (a field they map differently, or not at
 *    all, is left unmapped), with `"index": false` where that type takes the parameter (isIndexableField tries
 *    it). ES|QL's ENRICH reads the enrich fields' types and values through this mapping;
 * 3. the documents the policy's query matches in its indices (all of them without a query) are copied into
 *    it with their ids, their sources cut to the match field and the enrich fields, and it is refreshed;
 * 4. the alias `.enrich-<name>` moves to the new index in one alias update that also removes the policy's
 *    previous enrich indices (ES's EnrichPolicyMaintenanceService removes them later).
 */
import { EsException } from '../../errors/index.ts'
import { parseJson, toJson, XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { RestContext } from '../../rest/rest-context.ts'
import { executeBulk, type BulkItem } from '../../action/transport-bulk-action.ts'
import { filterSource } from '../../action/fetch-source.ts'
import { enrichIndexBaseName, type EnrichPolicyMetadata } from '../../cluster/metadata/enrich-policy.ts'
import {
  enrichPolicies,
  sourceIndices,
  validateMappings,
} from '../../cluster/metadata/metadata-enrich-service.ts'
import type { FieldMapping, Mapping } from '../../index/mapper/mapping.ts'
import { parseFieldMapping } from '../../index/mapper/mapping-parser.ts'
import { resourceNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import { indicesMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import { buildIndexMetadata } from '../../cluster/metadata/metadata-create-index-service.ts'
import { aliasesLookup } from '../../cluster/metadata/index-abstraction.ts'
import { javaList } from '../../cluster/metadata/metadata-index-template-service.ts'
import type { AliasAction } from '../../cluster/metadata/metadata-index-alias-service.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { queryHits } from '../../rest/actions/by-query-actions.ts'
import { resolveSearchTargets } from '../../rest/actions/search-actions.ts'
import { isRangeType } from '../../index/mapper/range-type.ts'

/** Runs the policy; the new enrich index's name. */
export async function runEnrichPolicy(context: RestContext, name: string): Promise<string> {
  const state = context.client.cluster.state()
  const policy = enrichPolicies(state)[name]
  if (!policy) throw resourceNotFoundException(`policy [${name}] does not exist`)
  const indices = indicesMetadata(state)
  const sources = sourceIndices(indices, policy)
  for (const source of sources) {
    if (Object.keys(source.mapping.properties).length === 0) {
      throw policyFailure(
        `Enrich policy execution for [${name}] failed. No mapping available on source [${source.name}] ` +
          `included in [${javaList(policy.indices)}]`,
      )
    }
    validateMappings(name, policy, source)
  }
  const enrichIndex = `${enrichIndexBaseName(name)}-${context.clock.now()}`
  const metadata = buildIndexMetadata(
    state,
    enrichIndex,
    {
      settings: new Map([
        ['number_of_shards', new XNumber('1')],
        ['number_of_replicas', new XNumber('0')],
      ]),
      mappings: new Map<string, XContentValue>([
        ['dynamic', false],
        [
          'properties',
          enrichMapping(
            policy,
            sources.map((source) => source.mapping),
          ),
        ],
      ]),
    },
    context.newUuid(),
    context.clock.now(),
  )
  await context.client.cluster.execute({ type: 'create_index', metadata, ifMissing: false })
  await copyDocuments(context, policy, enrichIndex)
  await moveAlias(context, name, enrichIndex)
  return enrichIndex
}

/** A plain ElasticsearchException: type `exception`, 500. */
function policyFailure(reason: string): EsException {
  return new EsException({ type: 'exception', reason, status: 500 })
}

/** EnrichPolicyRunner.createEnrichMapping's properties: the match field's and the enrich fields' mappings. */
function enrichMapping(policy: EnrichPolicyMetadata, sources: readonly Mapping[]): XContentObject {
  const properties: XContentObject = new Map()
  let matchField = matchMapping(policy, sources)
  for (const field of policy.enrichFields) {
    if (field === policy.matchField) {
      matchField = new Map([...matchField].filter(([key]) => key !== 'doc_values'))
      continue
    }
    const found = agreedTypeAndFormat(field, sources)
    if (found === null) continue
    const mapping: XContentObject = new Map([['type', found.type]])
    if (found.format !== undefined) mapping.set('format', found.format)
    if (isIndexableField(field, mapping)) mapping.set('index', false)
    putField(properties, field, mapping)
  }
  putField(properties, policy.matchField, matchField)
  return properties
}

/** EnrichPolicyRunner.mappingForMatchField. */
function matchMapping(policy: EnrichPolicyMetadata, sources: readonly Mapping[]): XContentObject {
  const found = requiredTypeAndFormat(policy, sources)
  if (found === null) {
    throw policyFailure(
      `Match field '${policy.matchField}' doesn't have a correct mapping type for policy type '${policy.type}'`,
    )
  }
  if (policy.type === 'match')
    return new Map<string, XContentValue>([
      ['type', 'keyword'],
      ['doc_values', false],
    ])
  if (policy.type === 'geo_match') return new Map([['type', 'geo_shape']])
  if (!isRangeType(found.type)) {
    throw policyFailure(
      `Field '${policy.matchField}' has type [${found.type}] which doesn't appear to be a range type`,
    )
  }
  const mapping = new Map<string, XContentValue>([
    ['type', found.type],
    ['doc_values', false],
  ])
  if (found.format !== undefined) mapping.set('format', found.format)
  return mapping
}

/**
 * validateAndGetMappingTypeAndFormat for the match field (strictly required): the sources must agree on its type
 * and on its format (the sets listed in Java HashSet order); null when no source maps it.
 */
function requiredTypeAndFormat(
  policy: EnrichPolicyMetadata,
  sources: readonly Mapping[],
): TypeAndFormat | null {
  const found = sources.flatMap((mapping) => fieldTypeAndFormat(mapping, policy.matchField) ?? [])
  const types = javaStringKeyOrder([...new Set(found.map((f) => f.type))])
  const indices = policy.indices.join(',')
  if (types.length > 1) {
    throw policyFailure(
      `Multiple distinct mapping types for field '${policy.matchField}' - indices(${indices})  types(${types.join(',')})`,
    )
  }
  if (types.length === 0) return null
  const formats = javaStringKeyOrder([...new Set(found.flatMap((f) => f.format ?? []))])
  if (formats.length > 1) {
    throw policyFailure(
      `Multiple distinct formats specified for field '${policy.matchField}' - indices(${indices})  ` +
        `format entries(${formats.join(',')})`,
    )
  }
  return { type: types[0]!, format: formats[0] }
}

interface TypeAndFormat {
  readonly type: string
  readonly format: string | undefined
}

/** validateAndGetMappingTypeAndFormat for a field that is not required: null unless the sources agree on it. */
function agreedTypeAndFormat(field: string, sources: readonly Mapping[]): TypeAndFormat | null {
  const found = sources.flatMap((mapping) => fieldTypeAndFormat(mapping, field) ?? [])
  const types = new Set(found.map((f) => f.type))
  const formats = new Set(found.flatMap((f) => f.format ?? []))
  if (types.size !== 1 || formats.size > 1) return null
  return { type: [...types][0]!, format: [...formats][0] }
}

/** A field's mapping type (`object` when it has none) and format, or null when the mapping lacks it. */
function fieldTypeAndFormat(mapping: Mapping, path: string): TypeAndFormat | null {
  let current: FieldMapping | Mapping = mapping
  for (const part of path.split('.')) {
    const properties: Record<string, FieldMapping> | undefined = current.properties
    if (properties === undefined || !Object.hasOwn(properties, part)) return null
    current = properties[part]!
  }
  const field = current as FieldMapping
  return { type: field.type ?? 'object', format: field.format }
}

/** isIndexableField: whether the type's parser takes `"index": false`. */
function isIndexableField(name: string, mapping: XContentObject): boolean {
  try {
    parseFieldMapping(name, new Map([...mapping, ['index', false]]))
    return true
  } catch (error) {
    if (error instanceof EsException) return false
    throw error
  }
}

/** Puts `a.b`'s mapping at `{"a":{"properties":{"b":<mapping>}}}`, next to what is there already. */
function putField(properties: XContentObject, path: string, mapping: XContentObject): void {
  const [head, ...rest] = path.split('.')
  if (rest.length === 0) {
    properties.set(head!, mapping)
    return
  }
  let parent = properties.get(head!)
  if (!(parent instanceof Map)) {
    parent = new Map<string, XContentValue>([['properties', new Map()]])
    properties.set(head!, parent)
  }
  putField(parent.get('properties') as XContentObject, rest.join('.'), mapping)
}

async function copyDocuments(
  context: RestContext,
  policy: EnrichPolicyMetadata,
  index: string,
): Promise<void> {
  const query: XContentValue | undefined = policy.query === undefined ? undefined : parseJson(policy.query)
  const targets = resolveSearchTargets(context, policy.indices.join(','), null)
  const hits = await queryHits(context, null, targets, query, context.clock.now())
  const includes = [policy.matchField, ...policy.enrichFields]
  const items: BulkItem[] = hits.map(({ doc }) => {
    const source = parseJson(doc.source)
    const kept =
      source instanceof Map ? filterSource(source, { fetchSource: true, includes, excludes: [] }) : source
    return {
      index,
      item: {
        op: 'index',
        id: doc.id,
        routing: null,
        ifSeqNo: null,
        ifPrimaryTerm: null,
        create: false,
        text: toJson(kept),
      },
      pipeline: null,
    }
  })
  const results = await executeBulk(context, items, 'immediate')
  const failed = results.find((result) => !result.ok)
  if (failed && !failed.ok) throw failed.error
}

/** The alias to the new index, the policy's older enrich indices removed, in one alias update. */
async function moveAlias(context: RestContext, name: string, index: string): Promise<void> {
  const alias = enrichIndexBaseName(name)
  const previous = aliasesLookup(indicesMetadata(context.client.cluster.state())).get(alias)?.members ?? []
  const actions: AliasAction[] = [
    ...previous.map(({ index: old }): AliasAction => ({ type: 'remove_index', index: old })),
    { type: 'add', index, alias, metadata: {} },
  ]
  await context.client.cluster.execute({ type: 'update_aliases', actions })
}
