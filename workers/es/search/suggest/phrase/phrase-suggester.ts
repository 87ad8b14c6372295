/**
 * PhraseSuggester on one shard. Every suggestion is first built (PhraseSuggestionBuilder.build): its text is
 * required, its analyzer resolved (suggest-analysis.ts), each generator's options turned into the spell checker's
 * (an unknown suggest_mode: `Illegal suggest mode x`; sort: SortBy.resolve; string_distance: only `internal` is
 * built; pre_filter and post_filter analyzers must exist), and without a gram_size the analyzer's first shingle
 * filter gives it (its max_shingle_size). Without generators, a default one runs on the suggestion's field, unless
 * that field's shingles leave no unigrams. Then, for each suggestion: the generators whose field has terms on the
 * shard, the suggest field's language model (word-scorer.ts) and the noisy channel's corrections, each written as a
 * phrase (and highlighted), checked by `collate` when given (phrase-collate.ts), and kept above the cutoff.
 * With no generator field or no suggest field on the shard, the entry has no options.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import type { Analyzer } from '../../../analysis/analyzer.ts'
import { ShingleFilter } from '../../../analysis/filters/shingle-filter.ts'
import type { IndexService } from '../../../index/index-service.ts'
import type { ShardSearcher } from '../../../index/shard/shard-searcher.ts'
import { concreteFieldName, searchFields } from '../../search-fields.ts'
import { DEFAULT_SPELL_CHECKER_SETTINGS } from '../direct-spell-checker.ts'
import { generatorTerms, ngramTerms } from '../shard-terms.ts'
import { analyzeSuggestText, suggestionAnalyzer } from '../suggest-analysis.ts'
import type { SuggestMode } from '../suggest-builder.ts'
import { joinCorrection } from './correction.ts'
import {
  DirectCandidateGenerator,
  MultiCandidateGenerator,
  type DirectGeneratorSettings,
} from './direct-candidate-generator.ts'
import { getCorrections, NO_CORRECTIONS } from './noisy-channel-spell-checker.ts'
import type { DirectCandidateGeneratorBuilder, PhraseSuggestionBuilder } from './phrase-suggestion-builder.ts'
import type { PhraseOption, PhraseSuggestion } from './phrase-suggestion.ts'
import { DEFAULT_SMOOTHING, WordScorer } from './word-scorer.ts'
import { collateMatches, type CollateContext } from './phrase-collate.ts'

interface PhraseContext {
  builder: PhraseSuggestionBuilder
  text: string
  field: string
  analyzer: Analyzer | null
  gramSize: number
  generators: DirectGeneratorSettings[]
}

function namedAnalyzer(index: IndexService, name: string | null): Analyzer | null {
  if (name === null) return null
  const analyzer = index.analysis.analyzers.analyzer(name)
  if (analyzer === null) throw illegalArgumentException(`Analyzer [${name}] doesn't exists`)
  return analyzer
}

function suggestMode(mode: string): SuggestMode {
  const lower = mode.toLowerCase()
  if (lower === 'missing' || lower === 'popular' || lower === 'always') return lower
  throw illegalArgumentException(`Illegal suggest mode ${lower}`)
}

/** DirectCandidateGeneratorBuilder.build. */
function buildGenerator(
  index: IndexService,
  generator: DirectCandidateGeneratorBuilder,
): DirectGeneratorSettings {
  const sort = generator.sort?.toUpperCase() ?? 'SCORE'
  if (sort !== 'SCORE' && sort !== 'FREQUENCY')
    throw illegalArgumentException(`No enum constant org.elasticsearch.search.suggest.SortBy.${sort}`)
  const distance = generator.stringDistance?.toLowerCase() ?? 'internal'
  if (distance !== 'internal')
    throw illegalArgumentException(`string_distance [${distance}] is not available in the playground`)
  return {
    field: generator.field,
    size: generator.size ?? 5,
    preFilter: namedAnalyzer(index, generator.preFilter),
    postFilter: namedAnalyzer(index, generator.postFilter),
    suggestMode: generator.suggestMode === null ? 'missing' : suggestMode(generator.suggestMode),
    accuracy: generator.accuracy ?? DEFAULT_SPELL_CHECKER_SETTINGS.accuracy,
    sort: sort === 'SCORE' ? 'score' : 'frequency',
    maxEdits: generator.maxEdits ?? DEFAULT_SPELL_CHECKER_SETTINGS.maxEdits,
    maxInspections: generator.maxInspections ?? DEFAULT_SPELL_CHECKER_SETTINGS.maxInspections,
    maxTermFreq: generator.maxTermFreq ?? DEFAULT_SPELL_CHECKER_SETTINGS.maxTermFreq,
    prefixLength: generator.prefixLength ?? DEFAULT_SPELL_CHECKER_SETTINGS.prefixLength,
    minWordLength: generator.minWordLength ?? DEFAULT_SPELL_CHECKER_SETTINGS.minWordLength,
    minDocFreq: generator.minDocFreq ?? DEFAULT_SPELL_CHECKER_SETTINGS.minDocFreq,
  }
}

/** getShingleFilterFactory: the analyzer's first shingle filter. */
function shingleFilter(analyzer: Analyzer | null): ShingleFilter | null {
  const found = analyzer?.filters.find((filter) => filter instanceof ShingleFilter)
  return found instanceof ShingleFilter ? found : null
}

function build(index: IndexService, builder: PhraseSuggestionBuilder): PhraseContext {
  if (builder.text === null) throw illegalArgumentException('The required text option is missing')
  const analyzer = suggestionAnalyzer(index, builder.field, builder.analyzer)
  const field = concreteFieldName(searchFields(index.metadata.mapping), builder.field)
  const generators = builder.generators.map((generator) => buildGenerator(index, generator))
  const shingles = shingleFilter(analyzer)?.options ?? null
  const gramSize = builder.gramSize ?? shingles?.maxShingleSize ?? 1
  if (generators.length === 0) {
    if (shingles !== null && shingles.minShingleSize > 1 && !shingles.outputUnigrams && builder.forceUnigrams)
      throw illegalArgumentException(
        `The default candidate generator for phrase suggest can't operate on field: [${field}] since it doesn't ` +
          'emit unigrams. If this is intentional try to set the candidate generator field explicitly',
      )
    generators.push({ ...DEFAULT_SPELL_CHECKER_SETTINGS, field, size: 5, preFilter: null, postFilter: null })
  }
  return { builder, text: builder.text, field, analyzer, gramSize, generators }
}

function execute(context: PhraseContext, shard: ShardSearcher, collate: CollateContext): PhraseSuggestion {
  const { builder, text, field } = context
  const rwe = builder.realWordErrorLikelihood
  const generators = context.generators.flatMap((settings) => {
    const terms = generatorTerms(shard, settings.field)
    return terms === null ? [] : [new DirectCandidateGenerator(terms, settings, rwe)]
  })
  const model = ngramTerms(shard, field)
  const [first, ...rest] = generators
  const result =
    first === undefined || model === null
      ? NO_CORRECTIONS
      : getCorrections(
          analyzeSuggestText(context.analyzer, text),
          new MultiCandidateGenerator(builder.shardSize, [first, ...rest]),
          new WordScorer(model, builder.model ?? DEFAULT_SMOOTHING, rwe, builder.separator),
          {
            realWordLikelihood: rwe,
            requireUnigram: builder.forceUnigrams,
            tokenLimit: builder.tokenLimit,
            maxErrors: builder.maxErrors,
            numCorrections: builder.shardSize,
            confidence: builder.confidence,
            gramSize: context.gramSize,
          },
        )
  const options: PhraseOption[] = []
  const prune = builder.collate !== null && builder.collate.prune
  for (const correction of result.corrections) {
    const phrase = joinCorrection(correction, null)
    const match = builder.collate === null ? true : collateMatches(builder.collate, phrase, collate)
    if (!match && !prune) continue
    const score = Math.fround(correction.score)
    if (score <= result.cutoffScore) continue
    options.push({
      text: phrase,
      highlighted: builder.highlight === null ? null : joinCorrection(correction, builder.highlight),
      score,
      collateMatch: prune ? match : null,
    })
  }
  return {
    kind: 'phrase',
    name: builder.name,
    size: builder.size,
    entries: [{ text, offset: 0, length: text.length, cutoffScore: result.cutoffScore, options }],
  }
}

export function executePhraseSuggestions(
  builders: readonly PhraseSuggestionBuilder[],
  index: IndexService,
  shard: ShardSearcher,
  collate: CollateContext,
): PhraseSuggestion[] {
  // SuggestBuilder.build: every suggestion is built (and checked) before any runs.
  const contexts = builders.map((builder) => build(index, builder))
  return contexts.map((context) => execute(context, shard, collate))
}
