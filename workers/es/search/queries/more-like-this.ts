/**
 * The `more_like_this` query (MoreLikeThisQueryBuilder.doToQuery and handleItems, ES 8) built for an index:
 * - Fields: the query's `fields`, each text or keyword field by its own name (an alias by its target's), an unmapped
 *   one as given; any other type fails `more_like_this only supports text/keyword fields: [f]` (skipped with
 *   fail_on_unsupported_field false; none left: the query matches nothing, where ES drops the clause). Without
 *   `fields` the field is `*` (index.query.default_field's default), which like or unlike texts refuse: `cannot infer
 *   the field to analyze the free text`.
 * - Texts: analysed with the `analyzer` named (when the index has it) or the first field's index analyzer (`No
 *   analyzer configured for field f` when unmapped), the first 5000 tokens of each text counted
 *   (XMoreLikeThis.DEFAULT_MAX_NUM_TOKENS_PARSED); unlike texts' tokens are skipped terms of the first field.
 * - Items: their term vectors (what the request's coordinator fetched, action/more-like-this-items.ts, as a multi
 *   term vectors request of each item: its `_index` or the searched index, its `fields` or the query's), the
 *   frequencies summed per field over the items found; unlike items' terms (fetched only along with like items)
 *   are skipped terms of their field. The
 *   query is then a bool of the like query (SHOULD) and, unless `include`, a MUST_NOT `_id` terms query of the items.
 * - Words shorter than min_word_length, longer than max_word_length (when above 0) or among stop_words are noise.
 * What it selects depends on each shard's statistics: built on a shard, it is rewritten there at once
 * (x-more-like-this.ts); built without one (only checked there) it stays a `moreLikeThis` leaf, and the shard that
 * runs it builds it again (buildQueryOnShard, index-query-context.ts). The coordinating node's parse-only check builds nothing.
 */
import type { IndexQuery, MoreLikeThisTerms } from '../../../../engine-wasm/src/index/index.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { DEFAULT_ANALYZER, IllegalArgumentException } from '../../analysis/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { idTermsQuery } from './metadata-fields.ts'
import { parseMoreLikeThis, type MoreLikeThisItem, type MoreLikeThisSpec } from './more-like-this-parser.ts'
import type { QueryContext } from './query-parsing.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { rewriteMoreLikeThis } from './x-more-like-this.ts'

const MAX_NUM_TOKENS_PARSED = 5000

/** An item's term vectors request (TermVectorsRequest with the item's defaults applied). */
export interface TermVectorsItemRequest {
  index: string
  id: string
  routing: string | null
  /** Selected fields (patterns allowed); null: none given (artificial documents only). */
  fields: string[] | null
  version: number | null
}

/** A found item's term vectors: per field (in name order), its terms (UTF-8 order) with their frequency. */
export interface ItemTermVectors {
  fields: Array<{ field: string; terms: Array<[string, number]> }>
}

/**
 * The items' term vectors a query is built with, by request key (itemRequestKey); null for an item not found or
 * whose request failed. With `missing`, an item not fetched yet is recorded there (as not found for this build)
 * instead of refused: the coordinator's pass that learns what to fetch.
 */
export interface MoreLikeThisItemVectors {
  fetched: ReadonlyMap<string, ItemTermVectors | null>
  missing?: Map<string, TermVectorsItemRequest>
  /** Set by the coordinating node's parse-only check when it meets a query with like items. */
  itemsMet?: boolean
}

export function itemRequestKey(request: TermVectorsItemRequest): string {
  return JSON.stringify([request.index, request.id, request.routing, request.fields, request.version])
}

export function moreLikeThisQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const spec = parseMoreLikeThis(body)
  if (context.index === undefined && context.shard === undefined) {
    if (spec.likeItems.length > 0 && context.moreLikeThisItems) context.moreLikeThisItems.itemsMet = true
    return { type: 'matchNone' }
  }
  const fields = moreLikeFields(spec, context)
  if (fields.length === 0) return { type: 'matchNone' }
  const hasTexts = spec.likeTexts.length > 0 || spec.unlikeTexts.length > 0
  const analyzer = hasTexts ? textAnalyzer(spec, fields[0]!, context) : ''
  const noise = noiseWords(spec)
  const skip = new Set<string>()
  for (const text of spec.unlikeTexts)
    for (const token of context.analyze(analyzer, text)) skip.add(termKey(fields[0]!, token.term))
  const hasItems = spec.likeItems.length > 0
  const likeVectors = hasItems ? itemVectors(spec, spec.likeItems, fields, context) : []
  // Unlike items are fetched along with like items only (handleItems).
  for (const vectors of hasItems ? itemVectors(spec, spec.unlikeItems, fields, context) : [])
    for (const { field, terms } of vectors.fields) for (const [term] of terms) skip.add(termKey(field, term))
  const like: MoreLikeThisTerms = {
    fields,
    likeText: spec.likeTexts.length > 0 ? spec.likeTexts : null,
    textWords:
      spec.likeTexts.length > 0
        ? textWords(spec.likeTexts, fields[0]!, analyzer, noise, skip, context)
        : null,
    itemWords: hasItems ? fieldWords(likeVectors, noise, skip) : null,
    maxQueryTerms: spec.maxQueryTerms,
    minTermFreq: spec.minTermFreq,
    minDocFreq: spec.minDocFreq,
    maxDocFreq: spec.maxDocFreq,
    boostTerms: spec.boostTerms,
    minimumShouldMatch: spec.minimumShouldMatch,
  }
  // AbstractQueryBuilder.toQuery boosts what doToQuery returns: the items' bool, or the MoreLikeThisQuery itself.
  const leafBoost = hasItems ? 1 : spec.boost
  const mlt: IndexQuery =
    context.shard === undefined
      ? { type: 'moreLikeThis', like, boost: leafBoost }
      : rewriteMoreLikeThis(like, leafBoost, context.shard)
  if (!hasItems) return mlt
  const ids = spec.include ? [] : spec.likeItems.flatMap((item) => (item.doc === null ? [item.id!] : []))
  return {
    type: 'bool',
    must: [],
    should: [mlt],
    mustNot: ids.length > 0 ? [idTermsQuery(ids, 1)] : [],
    filter: [],
    minimumShouldMatch: 0,
    boost: spec.boost,
  }
}

/** The query's fields on this index (SUPPORTED_FIELD_TYPES: TextFieldType and KeywordFieldType). */
function moreLikeFields(spec: MoreLikeThisSpec, context: QueryContext): string[] {
  if (spec.fields === null) {
    if (spec.likeTexts.length > 0 || spec.unlikeTexts.length > 0) {
      throw failedToCreateQuery(
        context.index,
        'illegal_argument_exception',
        '[more_like_this] query cannot infer the field to analyze the free text, you should update the ' +
          '[index.query.default_field] index setting to a field that exists in the mapping or set the [fields] ' +
          'option in the query.',
      )
    }
    return ['*']
  }
  const fields: string[] = []
  for (const field of spec.fields) {
    const mapping = context.fields.get(field)
    const target = mapping?.path !== undefined ? context.fields.get(mapping.path) : mapping
    const name = mapping?.path ?? field
    if (
      target !== undefined &&
      (target.runtime !== undefined || (target.type !== 'text' && target.type !== 'keyword'))
    ) {
      if (!spec.failOnUnsupportedField) continue
      throw failedToCreateQuery(
        context.index,
        'illegal_argument_exception',
        `more_like_this only supports text/keyword fields: [${field}]`,
      )
    }
    fields.push(name)
  }
  return fields
}

/** The `analyzer` when the index has it, else the first field's index analyzer. */
function textAnalyzer(spec: MoreLikeThisSpec, field: string, context: QueryContext): string {
  if (spec.analyzer !== null && hasAnalyzer(spec.analyzer, context)) return spec.analyzer
  const mapping = context.fields.get(field)
  if (mapping?.type === 'text') return mapping.analyzer ?? DEFAULT_ANALYZER
  if (mapping?.type === 'keyword') return 'keyword'
  throw new EsException({
    type: 'unsupported_operation_exception',
    reason: `No analyzer configured for field ${field}`,
    status: 500,
  })
}

function hasAnalyzer(name: string, context: QueryContext): boolean {
  try {
    context.analyze(name, '')
    return true
  } catch (error) {
    // IndexAnalyzers.get answers null for a name the index does not have
    if (error instanceof EsException || error instanceof IllegalArgumentException) return false
    throw error
  }
}

function noiseWords(spec: MoreLikeThisSpec): (word: string) => boolean {
  const stop = spec.stopWords === null ? null : new Set(spec.stopWords)
  return (word) =>
    (spec.minWordLength > 0 && word.length < spec.minWordLength) ||
    (spec.maxWordLength > 0 && word.length > spec.maxWordLength) ||
    stop?.has(word) === true
}

function termKey(field: string, term: string): string {
  return `${field}\u0000${term}`
}

/** XMoreLikeThis.like(field, readers): the texts' words and counts, in HashMap order. */
function textWords(
  texts: readonly string[],
  field: string,
  analyzer: string,
  noise: (word: string) => boolean,
  skip: ReadonlySet<string>,
  context: QueryContext,
): Array<[string, number]> {
  const counts = new Map<string, number>()
  for (const text of texts) {
    const tokens = context.analyze(analyzer, text).slice(0, MAX_NUM_TOKENS_PARSED)
    for (const { term } of tokens) {
      if (noise(term) || skip.has(termKey(field, term))) continue
      counts.set(term, (counts.get(term) ?? 0) + 1)
    }
  }
  return javaStringKeyOrder([...counts.keys()]).map((word) => [word, counts.get(word)!])
}

/** XMoreLikeThis.like(Fields...): per field (HashSet order), the items' words and summed counts in HashMap order. */
function fieldWords(
  items: readonly ItemTermVectors[],
  noise: (word: string) => boolean,
  skip: ReadonlySet<string>,
): NonNullable<MoreLikeThisTerms['itemWords']> {
  const names = [...new Set(items.flatMap((item) => item.fields.map(({ field }) => field)))]
  return javaStringKeyOrder(names).map((field) => {
    const counts = new Map<string, number>()
    for (const item of items) {
      for (const [term, freq] of item.fields.find((f) => f.field === field)?.terms ?? []) {
        if (noise(term) || skip.has(termKey(field, term))) continue
        counts.set(term, (counts.get(term) ?? 0) + freq)
      }
    }
    const words = javaStringKeyOrder([...counts.keys()]).map((word) => [word, counts.get(word)!] as const)
    return { field, words }
  })
}

/** The found items' term vectors (MultiTermVectorsResponse less the failed and missing), from the context. */
function itemVectors(
  spec: MoreLikeThisSpec,
  items: readonly MoreLikeThisItem[],
  fields: readonly string[],
  context: QueryContext,
): ItemTermVectors[] {
  const found: ItemTermVectors[] = []
  for (const item of items) {
    if (item.doc !== null || item.perFieldAnalyzer) {
      throw illegalArgumentException(
        '[more_like_this] items with [doc] or [per_field_analyzer] are not available in the playground',
      )
    }
    const request = itemRequest(spec, item, fields, context.index!.name)
    const key = itemRequestKey(request)
    const known = context.moreLikeThisItems
    const vectors = known?.fetched.get(key)
    if (vectors === undefined && known?.missing === undefined) {
      throw illegalArgumentException(
        '[more_like_this] query items are not available in the playground here: only the queries of a search, ' +
          '_count, _explain, _validate/query and the by-query APIs fetch them',
      )
    }
    if (vectors === undefined) known!.missing!.set(key, request)
    else if (vectors !== null) found.push(vectors)
  }
  return found
}

/** Item.toTermVectorsRequest after setDefaultIndexTypeFields. */
function itemRequest(
  spec: MoreLikeThisSpec,
  item: MoreLikeThisItem,
  fields: readonly string[],
  index: string,
): TermVectorsItemRequest {
  const own = item.fields !== null && item.fields.length > 0 ? item.fields : null
  return {
    index: item.index ?? index,
    id: item.id!,
    routing: item.routing,
    fields: own ?? (spec.fields === null ? ['*'] : [...fields]),
    version: item.version,
  }
}
