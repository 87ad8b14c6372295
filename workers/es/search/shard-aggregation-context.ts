/**
 * The ShardContext the aggregations collect over: one shard's searcher view (doc values derived from
 * `_source`, every live document for `global`, a Query DSL filter run on the shard's inverted index for
 * `filter`/`filters`), and top_hits rendered as the search's hits are, ordered by the request query's
 * score (then doc id, as Lucene's TopScoreDocCollector breaks ties) or by the top_hits' own sort.
 */
import { mapperSettings } from '../index/index-metadata.ts'
import type { DfsStatistics, IndexQuery, TopDocs } from '../../../engine-wasm/src/index/index.ts'
import { JavaFloat } from '../xcontent/index.ts'
import { fetchedSource } from '../action/get-result.ts'
import { storedSource } from '../action/stored-source.ts'
import type { IndexService } from '../index/index-service.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import type { ShardContext, ShardTopHits, SizedBucket, TopHitsRequest } from './aggregations/index.ts'
import { docValuesIndex, shardDocValues } from './doc-values-source.ts'
import { shardFieldValues } from './shard-field-values.ts'
import { parseInnerQuery } from './query-builder.ts'
import { nestedContext, nonNestedFiltered } from './queries/nested-scope.ts'
import { NestedBlocks } from './nested-blocks.ts'
import { fetchesMetadata } from './fetch/fetch-options.ts'
import { fetchDocumentFields } from './fetch/fetch-fields-phase.ts'
import {
  addDocumentFieldSections,
  addIdentityFields,
  addMetadataFields,
  type HitJson,
} from './fetch/hit-sections.ts'
import { fetchIgnored } from './fetch/ignored-fields.ts'
import { searchFields } from './search-fields.ts'
import { textFieldSource } from './text-field-source.ts'
import { javaStringHashCode } from '../../net/java-hash.ts'
import { joinerOfFields } from '../index/mapper/joiner.ts'
import {
  buildSortField,
  formatSortValues,
  sortKeyOrder,
  topFieldDocs,
  type FieldDoc,
  type SortField,
  type SortKeyOrder,
} from './sort/index.ts'

const MATCH_ALL: IndexQuery = { type: 'matchAll', boost: 1 }

/** A k no shard reaches: the collector keeps min(k, matches), so this asks for every match in one pass. */
const ALL_MATCHES = 0x7fffffff

/**
 * Every match of the query on the shard's searcher, best first (score, then doc id); scored with `dfs` when
 * given (dfs_query_then_fetch).
 */
export function allMatches(
  shard: ShardSearcher,
  query: IndexQuery,
  dfs: DfsStatistics | null = null,
): TopDocs {
  return shard.searcherIndex.search(query, ALL_MATCHES, dfs)
}

/** Every match by ascending doc id, with its score. */
export function docScores(top: TopDocs): Map<number, number> {
  const sorted = [...top.scoreDocs].sort((a, b) => a.docId - b.docId)
  return new Map(sorted.map(({ docId, score }) => [docId, score]))
}

/** Every document of the shard's searcher that matches, by ascending doc id, with its score. */
export function matchingDocs(shard: ShardSearcher, query: IndexQuery): Map<number, number> {
  return docScores(allMatches(shard, query))
}

export function shardAggregationContext(
  index: IndexService,
  /** The mapping the search reads (runtime-mappings.ts). */
  mapping: Mapping,
  shard: ShardSearcher,
  scores: ReadonlyMap<number, number>,
  now: number,
  nestedScope: string | null = null,
  sizedBucket: SizedBucket | null = null,
): ShardContext {
  const fields = searchFields(mapping)
  const name = index.metadata.name
  const nested = nestedContext(mapping)
  const blocks = new NestedBlocks(shard)
  return {
    index: name,
    now,
    source: shardDocValues(shard, mapping, docValuesIndex(index)),
    get allDocs() {
      return [...matchingDocs(shard, nonNestedFiltered(MATCH_ALL, nested)).keys()]
    },
    joiner: joinerOfFields(fields),
    nestedPaths: nested?.paths ?? new Map(),
    nestedScope,
    withNestedScope(scope) {
      return shardAggregationContext(index, mapping, shard, scores, now, scope, sizedBucket)
    },
    sizedBucket,
    withSizedBucket(bucket) {
      return shardAggregationContext(index, mapping, shard, scores, now, nestedScope, bucket)
    },
    nestedDocs(path, docs) {
      return blocks.children(path, nestedScope, docs)
    },
    reverseNestedDocs(path, docs) {
      return blocks.parents(path, docs)
    },
    randomSeed: shardRandomSeed(index.metadata.name, index.metadata.uuid, shard.shardId),
    get segments() {
      return shard.searcherIndex.segments()
    },
    textField(field) {
      return textFieldSource(index.analysis, mapping, shard, field, (query) => this.filter(query))
    },
    filter(query) {
      const built = parseInnerQuery(query, {
        fields,
        analyze: index.analysis.analyze,
        normalize: index.analysis.normalize,
        shard: shardFieldValues(shard, mapping, docValuesIndex(index)),
      })
      return new Set(matchingDocs(shard, built).keys())
    },
    bucketedSort(docs, sort, size) {
      const { uuid } = index.metadata
      const field = buildSortField(sort, { name, uuid, fields: searchFields(mapping) })
      const matches = docs.map((docId) => ({ docId, score: scores.get(docId) ?? 1 }))
      return {
        field,
        top: topFieldDocs(
          matches,
          [field],
          shardDocValues(shard, mapping, docValuesIndex(index)),
          null,
          size,
          null,
        ),
      }
    },
    topHits(docs, request): ShardTopHits {
      const { sortFields, order, ranked } = rankTopHits(index, mapping, shard, docs, scores, request)
      const { fetch } = request
      const metadata = fetchesMetadata(fetch)
      const found = ranked.flatMap((doc) => {
        const stored = shard.searchedDocument(doc.docId)
        return stored === undefined
          ? []
          : [{ ...doc, stored, source: stored.source, storedFields: stored.storedFields }]
      })
      const fields = fetchDocumentFields(index, mapping, shard, fetch, found)
      const ignored = fetchIgnored(
        mapping,
        fetch,
        found.map((hit) => hit.stored),
        mapperSettings(index.metadata),
      )
      const hits = found.map(({ score, sortValues, stored }, i) => {
        const hit: HitJson = { _index: name }
        addIdentityFields(hit, stored, fetch)
        // A sorted top_hits leaves its hits unscored (Float.NaN, written null) unless it tracks scores.
        hit._score = sortFields === null || request.trackScores ? new JavaFloat(score) : null
        if (metadata) addMetadataFields(hit, stored.routing, ignored?.[i] ?? [])
        const source = fetchedSource(storedSource(mapping, stored.source), null, request.fetchSource)
        if (source !== undefined) hit._source = source
        addDocumentFieldSections(hit, fields?.[i] ?? null)
        if (sortFields !== null) hit.sort = formatSortValues(sortFields, sortValues)
        return { sortKey: sortValues, hit }
      })
      const maxScore =
        sortFields === null
          ? (ranked[0]?.score ?? null)
          : request.trackScores && docs.length > 0
            ? docs.reduce((max, doc) => Math.max(max, scores.get(doc) ?? 1), -Infinity)
            : null
      return { totalHits: docs.length, maxScore, order, hits }
    },
  }
}

/** ShardId.hashCode: Index.hashCode (31 · name.hashCode + uuid.hashCode) times 31 plus the shard number, as ints. */
function shardRandomSeed(name: string, uuid: string, shardId: number): number {
  const index = (Math.imul(31, javaStringHashCode(name)) + javaStringHashCode(uuid)) | 0
  return (Math.imul(31, index) + shardId) | 0
}

const BY_SCORE: readonly SortKeyOrder[] = [{ type: 'score', descending: true, missingFirst: false }]

/**
 * TopHitsAggregator's collector over a bucket's documents: TopScoreDocCollector (score, then doc id) without a
 * sort, else TopFieldCollector with the sort built against this index (sort/), keeping the best from+size.
 */
function rankTopHits(
  index: IndexService,
  mapping: Mapping,
  shard: ShardSearcher,
  docs: readonly number[],
  scores: ReadonlyMap<number, number>,
  request: TopHitsRequest,
): { sortFields: SortField[] | null; order: readonly SortKeyOrder[]; ranked: FieldDoc[] } {
  const matches = docs.map((docId) => ({ docId, score: scores.get(docId) ?? 1 }))
  const k = request.from + request.size
  if (request.sort === null) {
    const ranked = matches
      .sort((a, b) => b.score - a.score || a.docId - b.docId)
      .slice(request.from, k)
      .map(({ docId, score }) => ({ docId, score, sortValues: [Math.fround(score)] }))
    return { sortFields: null, order: BY_SCORE, ranked }
  }
  const { name, uuid } = index.metadata
  const sortIndex = { name, uuid, fields: searchFields(mapping) }
  const sortFields = request.sort.map((builder) => buildSortField(builder, sortIndex))
  const ranked = topFieldDocs(
    matches,
    sortFields,
    shardDocValues(shard, mapping, docValuesIndex(index)),
    null,
    k,
    null,
  ).slice(request.from)
  return { sortFields, order: sortFields.map(sortKeyOrder), ranked }
}
