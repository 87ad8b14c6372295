/**
 * The shard side of `_termvectors` (TermVectorsService.getTermVectors in ES 8) for one document of one copy.
 * No field here stores term vectors, so every selected field's vectors are generated as ES generates them for
 * fields without stored ones (addGeneratedTermVectors): the document is read as a realtime GET reads it, the
 * values of each selected field are taken from its `_source` and analysed again into a one-document index
 * (Lucene's MemoryIndex) with the field's index analyzer (`keyword` fields: the value as one term).
 * - Only `text` and `keyword` fields are valid (StringFieldType, indexed); other and unknown fields are
 *   left out. Without `fields` no vector is generated and the answer has none (a found document with an
 *   empty `term_vectors`). A field pattern expands to the mapped leaf fields it matches; a name that is no
 *   pattern stays as given. A field alias has none: ES 8 reads the values at the name requested
 *   (MappingLookup.sourcePaths takes concrete fields only) and `_source` holds none there.
 * - Values of an array: positions go on after the analyzer's position increment gap (text: 100, keyword:
 *   0), offsets after the previous value's end of input plus the offset gap (1), as MemoryIndex.storeTerms
 *   accumulates them.
 * - Fields come in name order (MemoryIndex's TreeMap), terms in BytesRef (UTF-8) order.
 * - Statistics are the copy's searcher's (TermVectorsWriter over the shard's reader): a term's docFreq and
 *   totalTermFreq (0 when the shard has no such term), a field's sumDocFreq, docCount and sumTotalTermFreq
 *   (zeros when the shard has no such field).
 * Plain data: the coordinating node writes the response (rest/actions/term-vectors-action.ts).
 */
import type { Clock } from '../../net/clock.ts'
import type { IndexService } from '../index/index-service.ts'
import type { IndexShard } from '../index/shard/index-shard.ts'
import { parseDocument, type LeafValue } from '../index/mapper/document-parser.ts'
import { isAnalyzedText, leafFields, type FieldMapping } from '../index/mapper/mapping.ts'
import { compareUtf8 } from '../index/mapper/doc-values.ts'
import { DEFAULT_ANALYZER } from '../analysis/index.ts'
import { simpleMatch } from '../common/simple-match.ts'
import { parseRequestBody } from '../rest/request-body.ts'
import { termStatisticsQuery } from '../search/shard-field-values.ts'

/** TextFieldMapper's default position_increment_gap; a keyword field's analyzer has none. */
const TEXT_POSITION_INCREMENT_GAP = 100
/** Analyzer.getOffsetGap's default. */
const OFFSET_GAP = 1

export interface TermVectorToken {
  position: number
  startOffset: number
  endOffset: number
}

export interface TermVector {
  term: string
  /** The shard's statistics of the term (0 when it has none). */
  docFreq: number
  totalTermFreq: number
  tokens: TermVectorToken[]
}

export interface FieldTermVectors {
  field: string
  sumDocFreq: number
  docCount: number
  sumTotalTermFreq: number
  terms: TermVector[]
}

export interface TermVectorsResult {
  found: boolean
  /** The copy's time to compute them (TermVectorsResponse's tookInMillis). */
  took: number
  version: number
  /** null: no field was selected, so none was generated. */
  fields: FieldTermVectors[] | null
}

/** The term vectors of the document `id` in this copy, for the fields `selected` names (null: none). */
export function shardTermVectors(
  index: IndexService,
  shard: IndexShard,
  id: string,
  selected: readonly string[] | null,
  clock: Clock,
): TermVectorsResult {
  const started = clock.now()
  const { found, version, fields } = documentVectors(index, shard, id, selected)
  return { found, version, fields, took: clock.now() - started }
}

function documentVectors(
  index: IndexService,
  shard: IndexShard,
  id: string,
  selected: readonly string[] | null,
): Omit<TermVectorsResult, 'took'> {
  const doc = shard.get(id)
  if (!doc) return { found: false, version: 0, fields: null }
  if (selected === null) return { found: true, version: doc.version, fields: null }
  const mappings = leafFields(index.metadata.mapping)
  const parsed = parseDocument(parseRequestBody(doc.source), index.metadata.mapping)
  const values = new Map(parsed.fields.map((field) => [field.path, field.values]))
  const fields: FieldTermVectors[] = []
  for (const name of expandFields(selected, [...mappings.keys()]).sort()) {
    const mapping = mappings.get(name)
    if (!mapping || (!isAnalyzedText(mapping) && mapping.type !== 'keyword')) continue
    const fieldValues = values.get(name) ?? []
    if (fieldValues.length === 0) continue
    fields.push(fieldVectors(index, shard, name, mapping, fieldValues))
  }
  return { found: true, version: doc.version, fields }
}

/** TermVectorsService.handleFieldWildcards: patterns become the mapped fields they match. */
function expandFields(selected: readonly string[], mapped: readonly string[]): string[] {
  const names = new Set<string>()
  for (const pattern of selected) {
    const matching = mapped.filter((field) => simpleMatch(pattern, field))
    if (matching.length > 0) for (const field of matching) names.add(field)
    else if (!pattern.includes('*')) names.add(pattern)
  }
  return [...names]
}

function fieldVectors(
  index: IndexService,
  shard: IndexShard,
  field: string,
  mapping: FieldMapping,
  values: readonly LeafValue[],
): FieldTermVectors {
  const byTerm = new Map<string, TermVectorToken[]>()
  const add = (term: string, token: TermVectorToken): void => {
    const tokens = byTerm.get(term)
    if (tokens) tokens.push(token)
    else byTerm.set(term, [token])
  }
  const analyzer = isAnalyzedText(mapping)
    ? index.analysis.analyzers.analyzer(mapping.analyzer ?? DEFAULT_ANALYZER)
    : null
  // MemoryIndex.storeTerms: a value goes on from the last one that had tokens.
  let tokenCount = 0
  let lastPosition = -1
  let lastOffset = 0
  const gap = analyzer === null ? 0 : TEXT_POSITION_INCREMENT_GAP
  for (const value of values) {
    const text = String(value)
    const base = tokenCount > 0 ? lastPosition + gap : -1
    const offset = tokenCount > 0 ? lastOffset + OFFSET_GAP : 0
    if (analyzer === null) {
      add(text, { position: base + 1, startOffset: offset, endOffset: offset + text.length })
      tokenCount++
      lastPosition = base + 1
    } else {
      const stream = analyzer.tokenStream(text)
      stream.terms.forEach((term, i) => {
        lastPosition = base + 1 + stream.positions[i]!
        const token = {
          position: lastPosition,
          startOffset: offset + stream.startOffsets[i]!,
          endOffset: offset + stream.endOffsets[i]!,
        }
        add(term, token)
      })
      tokenCount += stream.terms.length
      if (stream.terms.length === 0) continue
    }
    // The offset at the end of the value's input (OffsetAttribute after end()): its length.
    lastOffset = offset + text.length
  }
  const terms = [...byTerm.keys()].sort(compareUtf8)
  const searcher = shard.searcherIndex
  const stats = new Map(
    searcher
      .dfs(termStatisticsQuery(terms.map((term) => ({ field, term }))))
      .terms.map((t) => [t.term, t] as const),
  )
  const fieldStats = searcher.fieldStatistics(field)
  return {
    field,
    sumDocFreq: fieldStats?.sumDocFreq ?? 0,
    docCount: fieldStats?.docCount ?? 0,
    sumTotalTermFreq: fieldStats?.sumTotalTermFreq ?? 0,
    terms: terms.map((term) => ({
      term,
      docFreq: stats.get(term)?.docFreq ?? 0,
      totalTermFreq: stats.get(term)?.totalTermFreq ?? 0,
      tokens: byTerm.get(term)!,
    })),
  }
}
