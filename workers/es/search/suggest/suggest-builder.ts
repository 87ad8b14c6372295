/**
 * The `suggest` section of a search body, as SuggestBuilder.fromXContent, SuggestionBuilder.fromXContent and
 * TermSuggestionBuilder.fromXContent read it: an optional global `text`, then suggestions by name, each with an
 * optional `text` (its own, else the global one) and one suggester object. The `term` suggester's options are
 * DirectSpellChecker's: field (required), analyzer, size (5), shard_size (max(size, 5)), suggest_mode
 * (missing | popular | always), accuracy (0.5), sort (score | frequency), string_distance (only `internal` is built),
 * max_edits (2, 1 or 2), max_inspections (5), max_term_freq (0.01), prefix_length (1), min_word_length (4),
 * min_doc_freq (0). The setters' checks are ES's IllegalArgumentExceptions; the parsers' are its ParsingExceptions.
 * A `completion` suggester is read by completion-suggestion-builder.ts, its text the suggestion's `prefix` (else its
 * `text`, else the global one); a `phrase` one by phrase/phrase-suggestion-builder.ts.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { completionSuggestion, type CompletionSuggestionBuilder } from './completion-suggestion-builder.ts'
import { phraseSuggestion, type PhraseSuggestionBuilder } from './phrase/phrase-suggestion-builder.ts'
import type { SuggestionBuilderBase } from './suggestion-builder-base.ts'
import { DEFAULT_SPELL_CHECKER_SETTINGS, type SpellCheckerSettings } from './direct-spell-checker.ts'
import { isValue, locatedParsingException, numberOf, text, type ValueToken } from './suggest-values.ts'

export type SuggestMode = 'missing' | 'popular' | 'always'

/** A term suggestion; without any text the shard refuses it. */
export interface TermSuggestionBuilder extends SuggestionBuilderBase, SpellCheckerSettings {
  kind: 'term'
}

/** One suggestion of the `suggest` section, by its suggester. */
export type SuggestionBuilder = TermSuggestionBuilder | CompletionSuggestionBuilder | PhraseSuggestionBuilder

const SUGGEST_MODES: readonly SuggestMode[] = ['missing', 'popular', 'always']
const STRING_DISTANCES = ['internal', 'damerau_levenshtein', 'levenshtein', 'ngram', 'jaro_winkler']

export function parseSuggest(section: XContentObject, body: string): SuggestionBuilder[] {
  let globalText: string | null = null
  const suggestions: Array<{ name: string } & ParsedSuggestion> = []
  for (const [key, value] of section) {
    if (value instanceof Map) suggestions.push({ name: key, ...parseSuggestion(value, body) })
    else if (Array.isArray(value))
      throw locatedParsingException(body, key, `unexpected token [START_ARRAY] after [${key}]`)
    else if (key === 'text') globalText = text(value)
    else throw illegalArgumentException(`[suggest] does not support [${key}]`)
  }
  return suggestions.map(({ name, own, prefix, suggester, options }) =>
    suggester === 'completion'
      ? completionSuggestion(name, prefix ?? own ?? globalText, options, body)
      : suggester === 'phrase'
        ? phraseSuggestion(name, own ?? globalText, options, body)
        : termSuggestion(name, own ?? globalText, options, body),
  )
}

interface ParsedSuggestion {
  own: string | null
  prefix: string | null
  suggester: 'term' | 'completion' | 'phrase'
  options: XContentObject
}

/** SuggestionBuilder.fromXContent: the suggestion's text, prefix, and its suggester's name and options. */
function parseSuggestion(section: XContentObject, body: string): ParsedSuggestion {
  let own: string | null = null
  let prefix: string | null = null
  let suggester: 'term' | 'completion' | 'phrase' = 'term'
  let options: XContentObject | null = null
  for (const [key, value] of section) {
    if (isValue(value)) {
      if (key === 'text') own = text(value)
      else if (key === 'prefix') prefix = text(value)
      else if (key === 'regex')
        throw illegalArgumentException(
          "the completion suggester's [regex] is not available in the playground",
        )
      else throw locatedParsingException(body, key, `suggestion does not support [${key}]`)
    } else if (value instanceof Map) {
      if (key !== 'term' && key !== 'completion' && key !== 'phrase') {
        const { line, col } = bodyLocation(body, key, 'key')
        throw new EsException({
          type: 'named_object_not_found_exception',
          reason: `[${line}:${col}] unknown field [${key}]`,
          status: 400,
        })
      }
      suggester = key
      options = value
    }
  }
  if (options === null)
    throw new EsException({ type: 'parse_exception', reason: 'missing suggestion object', status: 400 })
  return { own, prefix, suggester, options }
}

function termSuggestion(
  name: string,
  suggestText: string | null,
  section: XContentObject,
  body: string,
): TermSuggestionBuilder {
  const out: TermSuggestionBuilder = {
    kind: 'term',
    name,
    text: suggestText,
    field: '',
    analyzer: null,
    size: 5,
    shardSize: -1,
    ...DEFAULT_SPELL_CHECKER_SETTINGS,
  }
  let field: string | null = null
  for (const [key, value] of section) {
    if (!isValue(value))
      throw locatedParsingException(body, key, `suggester[term] parsing failed on [${key}]`)
    readOption(out, key, value, body)
    if (key === 'field') field = text(value)
  }
  if (field === null)
    throw new EsException({
      type: 'parse_exception',
      reason: 'the required field option [field] is missing',
      status: 400,
    })
  // SuggestionBuilder.populateCommonFields: without a shard_size, the size (at least 5)
  return { ...out, field, shardSize: out.shardSize < 0 ? Math.max(out.size, 5) : out.shardSize }
}

function positiveInt(value: ValueToken, min: number, message: string): number {
  const n = Math.trunc(numberOf(value))
  if (n < min) throw illegalArgumentException(message)
  return n
}

/** A fraction or a whole count (max_term_freq, min_doc_freq), as a Java float. */
function threshold(value: ValueToken, name: string): number {
  const n = Math.fround(numberOf(value))
  if (n < 0) throw illegalArgumentException(`${name} must be positive`)
  if (n > 1 && n !== Math.floor(n))
    throw illegalArgumentException(`if ${name} is greater than 1, it must not be a fraction`)
  return n
}

function readOption(out: TermSuggestionBuilder, key: string, value: ValueToken, body: string): void {
  switch (key) {
    case 'field':
      return
    case 'analyzer':
      out.analyzer = text(value)
      return
    case 'size':
      out.size = positiveInt(value, 1, 'size must be positive')
      return
    case 'shard_size':
      out.shardSize = positiveInt(value, 1, 'shardSize must be positive')
      return
    case 'suggest_mode': {
      const mode = text(value).toLowerCase()
      if (!(SUGGEST_MODES as readonly string[]).includes(mode))
        throw illegalArgumentException(
          `No enum constant org.elasticsearch.search.suggest.term.TermSuggestionBuilder.SuggestMode.${text(value).toUpperCase()}`,
        )
      out.suggestMode = mode as SuggestMode
      return
    }
    case 'accuracy': {
      const accuracy = Math.fround(numberOf(value))
      if (accuracy < 0 || accuracy > 1) throw illegalArgumentException('accuracy must be between 0 and 1')
      out.accuracy = accuracy
      return
    }
    case 'sort': {
      const sort = text(value).toLowerCase()
      if (sort !== 'score' && sort !== 'frequency')
        throw illegalArgumentException(
          `No enum constant org.elasticsearch.search.suggest.SortBy.${text(value).toUpperCase()}`,
        )
      out.sort = sort
      return
    }
    case 'string_distance': {
      const distance = text(value).toLowerCase()
      if (!STRING_DISTANCES.includes(distance))
        throw illegalArgumentException(`Illegal distance option ${text(value)}`)
      if (distance !== 'internal')
        throw illegalArgumentException(`string_distance [${distance}] is not available in the playground`)
      return
    }
    case 'max_edits':
      out.maxEdits = Math.trunc(numberOf(value))
      if (out.maxEdits < 1 || out.maxEdits > 2)
        throw illegalArgumentException('maxEdits must be between 1 and 2')
      return
    case 'max_inspections':
      out.maxInspections = positiveInt(value, 0, 'maxInspections must be positive')
      return
    case 'max_term_freq':
      out.maxTermFreq = threshold(value, 'maxTermFreq')
      return
    case 'prefix_length':
    case 'prefix_len':
      out.prefixLength = positiveInt(value, 0, 'prefixLength must be positive')
      return
    case 'min_word_length':
    case 'min_word_len':
      out.minWordLength = positiveInt(value, 1, 'minWordLength must be greater or equal to 1')
      return
    case 'min_doc_freq':
      out.minDocFreq = threshold(value, 'minDocFreq')
      return
    default:
      throw locatedParsingException(body, key, `suggester[term] doesn't support field [${key}]`)
  }
}
