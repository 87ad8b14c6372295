/**
 * CompletionSuggester on one shard. The field must be a `completion` field (else `Field [f] is not a completion
 * suggest field`); the typed text is analyzed with the suggestion's `analyzer`, else the field's search_analyzer,
 * else its analyzer, into the form the inputs are matched against (completion-automaton.ts).
 *
 * Lucene walks the field's weighted FST per segment; the playground walks the field's documents instead: every live
 * document with the field (an `exists` search of the searcher), whose inputs and weights are read back from its
 * stored `_source` (completion-field.ts), each input cut to max_input_length and analyzed with the field's analyzer.
 * A document is collected once, with its best matching input (TopDocumentsCollector: highest score, then the input
 * text); documents are ordered by score, then text, then doc id (TopSuggestDocsCollector), `skip_duplicates` keeps the
 * first of each text, and the first shard_size are the shard's options (ES fetches their hits for the options at
 * once, as the coordinating node needs them). An option's score is its weight, times the fuzzy boost when that is
 * not 0 (CompletionScorer.score).
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { IndexService } from '../../index/index-service.ts'
import { completionInputs } from '../../index/mapper/completion-field.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import { parseJson, type XContentValue } from '../../xcontent/index.ts'
import { fuzzyDistance } from '../query-string/query-parser-base.ts'
import { concreteFieldName, searchFields } from '../search-fields.ts'
import { analyzedForm, completionMatch, type FuzzyMatch } from './completion-automaton.ts'
import {
  compareCompletionOptions,
  type CompletionOption,
  type CompletionSuggestion,
} from './completion-suggestion.ts'
import type { CompletionSuggestionBuilder } from './completion-suggestion-builder.ts'

function analyzerOf(index: IndexService, name: string) {
  const analyzer = index.analysis.analyzers.analyzer(name)
  if (analyzer === null)
    throw illegalArgumentException(`analyzer [${name}] has not been configured in mappings`)
  return analyzer
}

function formOf(index: IndexService, analyzer: string, mapping: FieldMapping, text: string): string {
  return analyzedForm(analyzerOf(index, analyzer).tokenStream(text), {
    preserveSeparators: mapping.preserve_separators !== false,
    preservePositionIncrements: mapping.preserve_position_increments !== false,
  })
}

/** The values at a dotted path of a parsed `_source` (objects walked through, arrays of objects flattened). */
function sourceValues(source: XContentValue, path: readonly string[]): XContentValue[] {
  if (path.length === 0) return [source]
  if (Array.isArray(source)) return source.flatMap((item) => sourceValues(item, path))
  if (!(source instanceof Map)) return []
  const out: XContentValue[] = []
  for (let i = 1; i <= path.length; i++) {
    const value = source.get(path.slice(0, i).join('.'))
    if (value !== undefined) out.push(...sourceValues(value, path.slice(i)))
  }
  return out
}

/** Java's String.substring(0, n) of an input, a surrogate pair never split (CompletionFieldMapper.parse). */
function truncated(input: string, maxLength: number): string {
  if (input.length <= maxLength) return input
  const code = input.charCodeAt(maxLength - 1)
  return input.slice(0, code >= 0xd800 && code <= 0xdbff ? maxLength + 1 : maxLength)
}

function fuzzyMatch(builder: CompletionSuggestionBuilder): FuzzyMatch | null {
  const fuzzy = builder.fuzzy
  if (fuzzy === null) return null
  // Fuzziness.asDistance() without a term: AUTO counts as a five-character term
  const maxEdits = fuzzyDistance(fuzzy.fuzziness, '12345')
  return {
    maxEdits,
    transpositions: fuzzy.transpositions,
    prefixLength: fuzzy.prefixLength,
    minLength: fuzzy.minLength,
  }
}

function executeOne(
  builder: CompletionSuggestionBuilder,
  text: string,
  mapping: FieldMapping,
  index: IndexService,
  shard: ShardSearcher,
  shardIndex: number,
): CompletionSuggestion {
  const query = formOf(
    index,
    builder.analyzer ?? mapping.search_analyzer ?? mapping.analyzer ?? 'simple',
    mapping,
    text,
  )
  const fuzzy = fuzzyMatch(builder)
  const indexAnalyzer = mapping.analyzer ?? 'simple'
  const maxInputLength = mapping.max_input_length ?? 50
  const path = builder.field.split('.')
  const searcher = shard.searcherIndex
  const maxDoc = searcher.segments().reduce((sum, segment) => sum + segment.maxDoc, 0)
  const candidates = searcher.search({ type: 'exists', field: builder.field, boost: 1 }, maxDoc).scoreDocs
  const collected: CompletionOption[] = []
  for (const { docId } of candidates) {
    const doc = shard.searchedDocument(docId)
    if (doc === undefined) continue
    let best: CompletionOption | null = null
    for (const value of sourceValues(parseJson(doc.source), path)) {
      for (const [input, weight] of completionInputs(builder.field, value)) {
        if (input.trim() === '') continue
        const kept = truncated(input, maxInputLength)
        const boost = completionMatch(formOf(index, indexAnalyzer, mapping, kept), query, fuzzy)
        if (boost === null) continue
        const score = Math.fround(boost === 0 ? weight : weight === 0 ? boost : weight * boost)
        const option = {
          text: kept,
          score,
          index: index.metadata.name,
          id: doc.id,
          source: doc.source,
          shardIndex,
          docId,
        }
        if (best === null || compareCompletionOptions(option, best) < 0) best = option
      }
    }
    if (best !== null) collected.push(best)
  }
  collected.sort(compareCompletionOptions)
  const seen = new Set<string>()
  const options = collected.filter((option) => {
    if (!builder.skipDuplicates) return true
    if (seen.has(option.text)) return false
    seen.add(option.text)
    return true
  })
  return {
    kind: 'completion',
    name: builder.name,
    size: builder.size,
    skipDuplicates: builder.skipDuplicates,
    text,
    options: options.slice(0, Math.min(builder.shardSize, builder.size)),
  }
}

/** The completion suggestions on one shard; every suggestion is checked before any runs (SuggestBuilder.build). */
export function executeCompletionSuggestions(
  builders: readonly CompletionSuggestionBuilder[],
  index: IndexService,
  shard: ShardSearcher,
  shardIndex: number,
): CompletionSuggestion[] {
  const fields = searchFields(index.metadata.mapping)
  const checked = builders.map((builder) => {
    const mapping = fields.get(builder.field)
    if (mapping?.type !== 'completion')
      throw illegalArgumentException(`Field [${builder.field}] is not a completion suggest field`)
    if (builder.text === null) throw illegalArgumentException('The required text option is missing')
    return { builder, text: builder.text, mapping }
  })
  // A field alias suggests from its target's inputs.
  return checked.map(({ builder, text, mapping }) =>
    executeOne(
      { ...builder, field: concreteFieldName(fields, builder.field) },
      text,
      mapping,
      index,
      shard,
      shardIndex,
    ),
  )
}
