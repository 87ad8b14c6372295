/**
 * `significant_text` as ES 8's SignificantTextAggregationBuilder and SignificantTextAggregatorFactory parse and collect
 * it; its result is significant_terms' InternalSignificantTerms (significant-terms.ts: SignificantStringTerms, the same
 * reduce, JLH scoring and output).
 *
 * Shard: the field must be analyzed (`Field [f] has no analyzer, but SignificantText requires an analyzed field`, and a
 * boolean's missing index analyzer `No analyzer configured for field f`); an unmapped field answers
 * UnmappedSignificantTerms. Each foreground document's `_source` values at `source_fields` (default: the field's own
 * name) are re-analyzed with the field's index analyzer, in document order; with `filter_duplicate_text` the tokens go
 * through DeDuplicatingTokenFilter first (duplicate-sequence-spotter.ts: one spotter per bucket, a new sequence per
 * document). A term counts once per document, if it passes `include` / `exclude` (strings only, as DocValueFormat.RAW
 * reads them). Its background frequency is the number of the background's documents whose inverted index holds it
 * (SignificanceLookup's term query); the background and sizes are as significant_terms' (the shard's live documents
 * or those matching `background_filter`). Default shard_size 2 · (size · 1.5 + 10), min_doc_count 3.
 * It takes no sub-aggregations (AggregationInitializationException, a 500).
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import type { XContentValue } from '../../../xcontent/index.ts'
import type { FieldValue, TextFieldSource } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { parseIncludeExclude, type TermFilter } from './include-exclude.ts'
import { DocGroups } from './internal-bucket.ts'
import { DuplicateByteSequenceSpotter, deDuplicate } from './duplicate-sequence-spotter.ts'
import {
  InternalSignificantTerms,
  backgroundDocs,
  significanceThresholds,
  significantShardBuckets,
  type SignificantTermsSettings,
} from './significant-terms.ts'

const SIGNIFICANT_TEXT_KEYS = [
  'field',
  'source_fields',
  'filter_duplicate_text',
  'size',
  'shard_size',
  'min_doc_count',
  'shard_min_doc_count',
  'include',
  'exclude',
  'background_filter',
  'jlh',
]

export const significantTextParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('significant_text', body, SIGNIFICANT_TEXT_KEYS)
  const field = params.string('field')
  const sourceFields = stringArray(params, 'source_fields')
  const filterDuplicateText = params.boolean('filter_duplicate_text') ?? false
  const { size, shardSize, minDocCount, shardMinDocCount } = significanceThresholds(params, name)
  const accept = parseIncludeExclude(params)('string')
  const backgroundFilter = params.object('background_filter')
  params.object('jlh')
  // AggregatorFactories hands the sub-aggregations over once the type's body is parsed
  rejectSubAggregations(name, 'significant_text', subs)
  const settings: SignificantTermsSettings = { size, minDocCount, valueType: 'string', format: null }
  return {
    name,
    type: 'significant_text',
    meta,
    subs,
    checkQueries: (parse) => {
      if (backgroundFilter !== null) parse(backgroundFilter)
    },
    collect(shard, docs) {
      // FieldTypeLookup finds nothing for a missing `field`: unmapped
      const text = field === null ? null : shard.textField(field)
      if (text === null) return new InternalSignificantTerms(name, meta, settings, 0, 0, [], false)
      checkAnalyzed(text)
      const foreground = collectTerms(text, sourceFields ?? [text.name], docs, accept, filterDuplicateText)
      const { matching, background } = backgroundDocs(shard, backgroundFilter)
      const supersetDf = (key: FieldValue): number => {
        const holding = text.termDocs(String(key))
        return matching === null ? holding.size : [...holding].filter((doc) => matching.has(doc)).length
      }
      const buckets = significantShardBuckets(shard, [], foreground, {
        subsetSize: docs.length,
        supersetSize: background.length,
        supersetDf,
        shardMinDocCount,
        shardSize,
      })
      return new InternalSignificantTerms(name, meta, settings, docs.length, background.length, buckets, true)
    },
  }
}

/** SignificantTextAggregatorFactory's check (supportsAgg), then createCollectorSource's analyzer lookup. */
function checkAnalyzed(text: TextFieldSource): void {
  if (text.analysis === 'none') {
    throw illegalArgumentException(
      `Field [${text.name}] has no analyzer, but SignificantText requires an analyzed field`,
    )
  }
  if (text.analysis === 'unregistered')
    throw illegalArgumentException(`No analyzer configured for field ${text.name}`)
  if (text.analysis === 'unavailable') {
    throw illegalArgumentException(
      `[significant_text] on the field [${text.name}] is not available in the playground`,
    )
  }
}

/** SignificantTextCollectorSource: each document's distinct accepted terms, grouped by term (documents ascending). */
function collectTerms(
  text: TextFieldSource,
  paths: readonly string[],
  docs: readonly number[],
  accept: TermFilter,
  filterDuplicateText: boolean,
): ReadonlyMap<FieldValue, readonly number[]> {
  const spotter = filterDuplicateText ? new DuplicateByteSequenceSpotter() : null
  const groups = new DocGroups<FieldValue>()
  for (const doc of [...docs].sort((a, b) => a - b)) {
    const inDoc = new Set<string>()
    for (const path of paths) {
      for (const value of text.sourceValues(path, doc)) {
        const tokens = text.analyze(value)
        for (const term of spotter === null ? tokens : deDuplicate(tokens, spotter)) {
          if (!accept(term) || inDoc.has(term)) continue
          inDoc.add(term)
          groups.add(term, doc)
        }
      }
    }
    spotter?.startNewSequence()
  }
  return groups.groups
}

/** ObjectParser's declareStringArray: an array of values, or one value, each read as text. */
function stringArray(params: AggregationParams, key: string): string[] | null {
  const value: XContentValue | undefined = params.raw(key)
  if (value === undefined || value === null) return null
  const items = Array.isArray(value) ? value : [value]
  return items.map((item) => {
    if (item === null || item instanceof Map || Array.isArray(item)) throw params.wrongType(key, value)
    return String(item)
  })
}
