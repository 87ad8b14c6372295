/**
 * Loads the documents of every current enrich index (the one shard of each, from an active copy's last
 * refreshed view, in `_doc` order) and returns the EnrichLookup over them and the cluster state the node
 * knows. No enrich index, no shard request.
 */
import type { XContentObject } from '../../xcontent/index.ts'
import { parseJson } from '../../xcontent/index.ts'
import type { RestContext } from '../../rest/rest-context.ts'
import { enrichPolicies } from '../../cluster/metadata/metadata-enrich-service.ts'
import { enrichLookup, type EnrichLookup } from './enrich-lookup.ts'

export async function loadEnrichLookup(context: RestContext): Promise<EnrichLookup> {
  const state = context.client.cluster.state()
  const metadataOnly = enrichLookup(state, new Map())
  const indices = Object.keys(enrichPolicies(state)).flatMap((name) => {
    const found = metadataOnly.enrichIndex(name)
    return found ? [found.index] : []
  })
  if (indices.length === 0) return metadataOnly
  const documents = new Map<string, XContentObject[]>()
  await Promise.all(
    indices.map(async (index) => {
      const response = await context.client.toActiveCopy(index, 0, (target) => ({
        type: 'scan',
        ...target,
        source: { query: null },
      }))
      const sources = response?.type === 'scan' ? response.docs.map((doc) => parseJson(doc.source)) : []
      documents.set(
        index,
        sources.filter((source): source is XContentObject => source instanceof Map),
      )
    }),
  )
  return enrichLookup(state, documents)
}
