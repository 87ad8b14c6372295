/**
 * EnrichPolicyRunner (ES 8.17), run to completion for `POST _enrich/policy/<name>/_execute`:
 * 1. the policy must exist ("policy [x] does not exist"); every source index must have a mapping ("Enrich
 *    policy execution for [p] failed. No mapping available on source [i] included in [[...]]") in which the
 *    match field is found (metadata-enrich-service.ts validateMappings); a range policy's match field must
 *    be a range type ("Field 'f' has type [t] which doesn't appear to be a range type");
 * 2. a new index `.enrich-<name>-<now millis>` is created with one shard, no replica and the mapping
 *    `{"dynamic":false,"properties":{<match field>:{"type":"keyword"}}}` (geo_shape for geo_match);
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
  matchFieldType,
  sourceIndices,
  validateMappings,
} from '../../cluster/metadata/metadata-enrich-service.ts'
import { resourceNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import { indicesMetadata } from '../../cluster/metadata/metadata-tasks.ts'
import { buildIndexMetadata } from '../../cluster/metadata/metadata-create-index-service.ts'
import { aliasesLookup } from '../../cluster/metadata/index-abstraction.ts'
import { javaList } from '../../cluster/metadata/metadata-index-template-service.ts'
import type { AliasAction } from '../../cluster/metadata/metadata-index-alias-service.ts'
import { queryHits } from '../../rest/actions/by-query-actions.ts'
import { resolveSearchTargets } from '../../rest/actions/search-actions.ts'

const RANGE_TYPES = new Set([
  'integer_range',
  'float_range',
  'long_range',
  'double_range',
  'ip_range',
  'date_range',
])

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
  const matchType = sources.length > 0 ? matchFieldType(sources[0]!.mapping, policy.matchField) : 'keyword'
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
        ['properties', nestedField(policy.matchField, matchMapping(policy, matchType))],
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

/** EnrichPolicyRunner.mappingForMatchField. */
function matchMapping(policy: EnrichPolicyMetadata, sourceType: string): XContentObject {
  if (policy.type === 'match') return new Map([['type', 'keyword']])
  if (policy.type === 'geo_match') return new Map([['type', 'geo_shape']])
  if (!RANGE_TYPES.has(sourceType)) {
    throw policyFailure(
      `Field '${policy.matchField}' has type [${sourceType}] which doesn't appear to be a range type`,
    )
  }
  return new Map([['type', sourceType]])
}

/** `a.b` → `{"a":{"properties":{"b":<mapping>}}}`. */
function nestedField(path: string, mapping: XContentObject): XContentObject {
  const [head, ...rest] = path.split('.')
  const inner = rest.length === 0 ? mapping : new Map([['properties', nestedField(rest.join('.'), mapping)]])
  return new Map([[head!, inner]])
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
