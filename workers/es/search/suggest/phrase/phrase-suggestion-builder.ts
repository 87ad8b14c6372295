/**
 * A `phrase` suggestion of the `suggest` section, as PhraseSuggestionBuilder.fromXContent reads it: field (required:
 * ElasticsearchParseException `the required field option [field] is missing`), analyzer, size (5), shard_size,
 * real_word_error_likelihood (0.95 float, > 0), confidence (1.0, >= 0), separator (" "), max_errors (0.5, > 0),
 * gram_size (>= 1; absent: the field analyzer's max_shingle_size, else 1), force_unigrams (true), token_limit
 * (10, >= 1), the `direct_generator` array (ConstructingObjectParser: `[direct_generator] unknown field [x]`,
 * `Required [field]`), `smoothing` (one of stupid_backoff, laplace, linear), `highlight` (pre_tag and post_tag,
 * both or neither) and `collate` (query, params, prune). Setter checks are ES's IllegalArgumentExceptions; the
 * parser's are its ParsingExceptions at the key, with ES's own spellings (two spaces in `suggester[phrase]  doesn't
 * support array field`). A generator's options stay as written until the shard builds them (phrase-context.ts).
 */
import { EsException, illegalArgumentException } from '../../../errors/index.ts'
import { toJson, type XContentObject, type XContentValue } from '../../../xcontent/index.ts'
import { sourceToJson } from '../../../action/source-map.ts'
import { SectionParser } from '../../section-parser.ts'
import type { SuggestionBuilderBase } from '../suggestion-builder-base.ts'
import { isValue, locatedParsingException, numberOf, text, type ValueToken } from '../suggest-values.ts'
import type { SmoothingModel } from './word-scorer.ts'

/** DirectCandidateGeneratorBuilder: each option null until given. */
export interface DirectCandidateGeneratorBuilder {
  field: string
  preFilter: string | null
  postFilter: string | null
  suggestMode: string | null
  accuracy: number | null
  size: number | null
  sort: string | null
  stringDistance: string | null
  maxEdits: number | null
  maxInspections: number | null
  maxTermFreq: number | null
  prefixLength: number | null
  minWordLength: number | null
  minDocFreq: number | null
}

export interface CollateBuilder {
  /** The query template's source, rendered with Mustache for each correction. */
  source: string
  params: XContentObject | null
  prune: boolean
}

export interface PhraseSuggestionBuilder extends SuggestionBuilderBase {
  kind: 'phrase'
  maxErrors: number
  separator: string
  realWordErrorLikelihood: number
  confidence: number
  gramSize: number | null
  forceUnigrams: boolean
  tokenLimit: number
  highlight: { preTag: string; postTag: string } | null
  collate: CollateBuilder | null
  model: SmoothingModel | null
  generators: DirectCandidateGeneratorBuilder[]
}

function positive(value: ValueToken, check: (n: number) => boolean, message: string, float = true): number {
  const n = float ? Math.fround(numberOf(value)) : Math.trunc(numberOf(value))
  if (!check(n)) throw illegalArgumentException(message)
  return n
}

function readValue(out: PhraseSuggestionBuilder, key: string, value: ValueToken, body: string): void {
  switch (key) {
    case 'analyzer':
      out.analyzer = text(value)
      return
    case 'field':
      out.field = text(value)
      return
    case 'size':
      out.size = positive(value, (n) => n > 0, 'size must be positive', false)
      return
    case 'shard_size':
      out.shardSize = positive(value, (n) => n > 0, 'shardSize must be positive', false)
      return
    case 'real_word_error_likelihood':
      out.realWordErrorLikelihood = positive(value, (n) => n > 0, 'real_word_error_likelihood must be > 0.0')
      return
    case 'confidence':
      out.confidence = positive(value, (n) => n >= 0, 'confidence must be >= 0.0')
      return
    case 'separator':
      out.separator = text(value)
      return
    case 'max_errors':
      out.maxErrors = positive(value, (n) => n > 0, 'max_error must be > 0.0')
      return
    case 'gram_size':
      out.gramSize = positive(value, (n) => n >= 1, 'gramSize must be >= 1', false)
      return
    case 'force_unigrams':
      out.forceUnigrams = booleanValue(value)
      return
    case 'token_limit':
      out.tokenLimit = positive(value, (n) => n > 0, 'token_limit must be >= 1', false)
      return
    default:
      throw locatedParsingException(body, key, `suggester[phrase] doesn't support field [${key}]`)
  }
}

/** parser.booleanValue(): true, false, or their strings. */
function booleanValue(value: ValueToken): boolean {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  throw new EsException({
    type: 'illegal_argument_exception',
    reason: `Failed to parse value [${text(value)}] as only [true] or [false] are allowed.`,
    status: 400,
  })
}

export function phraseSuggestion(
  name: string,
  suggestText: string | null,
  section: XContentObject,
  body: string,
): PhraseSuggestionBuilder {
  const out: PhraseSuggestionBuilder = {
    kind: 'phrase',
    name,
    text: suggestText,
    field: '',
    analyzer: null,
    size: 5,
    shardSize: -1,
    maxErrors: 0.5,
    separator: ' ',
    realWordErrorLikelihood: Math.fround(0.95),
    confidence: 1,
    gramSize: null,
    forceUnigrams: true,
    tokenLimit: 10,
    highlight: null,
    collate: null,
    model: null,
    generators: [],
  }
  let hasField = false
  let hasModel = false
  for (const [key, value] of section) {
    if (isValue(value)) {
      readValue(out, key, value, body)
      if (key === 'field') hasField = true
    } else if (Array.isArray(value)) {
      if (key !== 'direct_generator')
        throw locatedParsingException(body, key, `suggester[phrase]  doesn't support array field [${key}]`)
      // `while (parser.nextToken() == START_OBJECT)`: the generators up to the first value that is not an object.
      for (const item of value) {
        if (!(item instanceof Map)) break
        out.generators.push(parseGenerator(item, body))
      }
    } else if (key === 'smoothing') {
      if (hasModel) throw illegalArgumentException('only one smoothing model supported')
      hasModel = true
      out.model = parseSmoothing(value, body)
    } else if (key === 'highlight') out.highlight = parseHighlight(value, body)
    else if (key === 'collate') out.collate = parseCollate(value, body)
    else throw locatedParsingException(body, key, `suggester[phrase]  doesn't support array field [${key}]`)
  }
  if (!hasField)
    throw new EsException({
      type: 'parse_exception',
      reason: 'the required field option [field] is missing',
      status: 400,
    })
  return { ...out, shardSize: out.shardSize < 0 ? Math.max(out.size, 5) : out.shardSize }
}

function parseHighlight(section: XContentObject, body: string): PhraseSuggestionBuilder['highlight'] {
  let preTag: string | null = null
  let postTag: string | null = null
  for (const [key, value] of section) {
    if (!isValue(value)) continue
    if (key === 'pre_tag') preTag = text(value)
    else if (key === 'post_tag') postTag = text(value)
    else
      throw locatedParsingException(body, key, `suggester[phrase][highlight] doesn't support field [${key}]`)
  }
  if ((preTag === null) !== (postTag === null))
    throw illegalArgumentException('Pre and post tag must both be null or both not be null.')
  return preTag === null || postTag === null ? null : { preTag, postTag }
}

function parseCollate(section: XContentObject, body: string): CollateBuilder {
  let source: string | null = null
  let params: XContentObject | null = null
  let prune = false
  for (const [key, value] of section) {
    if (key === 'query') {
      if (source !== null)
        throw locatedParsingException(
          body,
          key,
          `suggester[phrase][collate] query already set, doesn't support additional [${key}]`,
        )
      source = templateSource(value)
    } else if (key === 'params') {
      if (!(value instanceof Map))
        throw locatedParsingException(body, key, `suggester[phrase][collate] doesn't support field [${key}]`)
      params = value
    } else if (key === 'prune') {
      if (typeof value !== 'boolean')
        throw locatedParsingException(
          body,
          key,
          "suggester[phrase][collate] prune must be either 'true' or 'false'",
        )
      prune = value
    } else
      throw locatedParsingException(body, key, `suggester[phrase][collate] doesn't support field [${key}]`)
  }
  // ES builds the suggestion without a collate query then; a collate of params or prune only does nothing.
  return { source: source ?? '', params, prune }
}

/** Script.parse of the collate query with the mustache default: a string, or an object's `source` (an object: JSON). */
function templateSource(value: XContentValue): string {
  if (typeof value === 'string') return value
  if (value instanceof Map) {
    const source = value.get('source') ?? value.get('inline')
    if (typeof source === 'string') return source
    if (source instanceof Map) return toJson(sourceToJson(source))
  }
  if (value instanceof Map && value.has('id'))
    throw illegalArgumentException(
      'a stored template as the collate [query] is not available in the playground',
    )
  // Script.Builder.validate
  throw illegalArgumentException(
    'must specify either [source] for an inline script or [id] for a stored script',
  )
}

const GENERATOR_STRINGS = new Map([
  ['field', 'field'],
  ['pre_filter', 'preFilter'],
  ['post_filter', 'postFilter'],
  ['suggest_mode', 'suggestMode'],
  ['sort', 'sort'],
  ['string_distance', 'stringDistance'],
] as const)

const GENERATOR_NUMBERS = new Map([
  ['min_doc_freq', 'minDocFreq'],
  ['accuracy', 'accuracy'],
  ['size', 'size'],
  ['max_inspections', 'maxInspections'],
  ['max_term_freq', 'maxTermFreq'],
  ['max_edits', 'maxEdits'],
  ['min_word_length', 'minWordLength'],
  ['prefix_length', 'prefixLength'],
] as const)

const FLOAT_OPTIONS: ReadonlySet<string> = new Set(['min_doc_freq', 'accuracy', 'max_term_freq'])

/** DirectCandidateGeneratorBuilder.PARSER. */
function parseGenerator(section: XContentObject, body: string): DirectCandidateGeneratorBuilder {
  const parser = new SectionParser(body, 'direct_generator')
  const out: DirectCandidateGeneratorBuilder = {
    field: '',
    preFilter: null,
    postFilter: null,
    suggestMode: null,
    accuracy: null,
    size: null,
    sort: null,
    stringDistance: null,
    maxEdits: null,
    maxInspections: null,
    maxTermFreq: null,
    prefixLength: null,
    minWordLength: null,
    minDocFreq: null,
  }
  let hasField = false
  for (const [key, value] of section) {
    const stringOption = GENERATOR_STRINGS.get(key as never)
    const numberOption = GENERATOR_NUMBERS.get(key as never)
    if (stringOption !== undefined) {
      out[stringOption] = parser.string(key, value)
      if (key === 'field') hasField = true
    } else if (numberOption !== undefined) {
      if (!isValue(value))
        return parser.fail(key, `${key} doesn't support values of type: ${tokenName(value)}`)
      const n = FLOAT_OPTIONS.has(key) ? Math.fround(numberOf(value)) : Math.trunc(numberOf(value))
      if (key === 'size' && n <= 0)
        parser.fail(key, `failed to parse field [${key}]`, illegalArgumentException('Size must be positive'))
      if (key === 'max_edits' && (n < 1 || n > 2))
        parser.fail(
          key,
          `failed to parse field [${key}]`,
          illegalArgumentException(`Illegal max_edits value ${n}`),
        )
      out[numberOption] = n
    } else parser.fail(key, `unknown field [${key}]`)
  }
  if (!hasField) throw illegalArgumentException('Required [field]')
  return out
}

/** SmoothingModel.fromXContent: one model object by name (the last one given wins). */
function parseSmoothing(section: XContentObject, body: string): SmoothingModel | null {
  let model: SmoothingModel | null = null
  for (const [key, value] of section) {
    if (!(value instanceof Map))
      throw locatedParsingException(
        body,
        key,
        `[smoothing] unknown token [${tokenName(value)}] after [${key}]`,
      )
    if (key === 'linear') model = parseLinear(value, body)
    else if (key === 'laplace') model = { type: 'laplace', alpha: modelParameter(value, 'alpha', 0.5) }
    else if (key === 'stupid_backoff')
      model = { type: 'stupid_backoff', discount: modelParameter(value, 'discount', 0.4) }
    else throw illegalArgumentException(`suggester[phrase] doesn't support object field [${key}]`)
  }
  return model
}

/** Laplace's and StupidBackoff's fromXContent: their one parameter as a double, other keys ignored. */
function modelParameter(section: XContentObject, name: string, fallback: number): number {
  let n = fallback
  for (const [key, value] of section) if (key === name && isValue(value)) n = numberOf(value)
  return n
}

function parseLinear(section: XContentObject, body: string): SmoothingModel {
  const lambdas = { trigram_lambda: 0, bigram_lambda: 0, unigram_lambda: 0 }
  for (const [key, value] of section) {
    if (!isValue(value))
      throw locatedParsingException(body, key, `[linear] unknown token [${tokenName(value)}] after [${key}]`)
    if (!(key in lambdas))
      throw illegalArgumentException(`suggester[phrase][smoothing][linear] doesn't support field [${key}]`)
    const n = numberOf(value)
    if (n < 0) throw illegalArgumentException(`${key} must be positive`)
    lambdas[key as keyof typeof lambdas] = n
  }
  const { trigram_lambda, bigram_lambda, unigram_lambda } = lambdas
  if (Math.abs(trigram_lambda + bigram_lambda + unigram_lambda - 1) > 0.001)
    throw illegalArgumentException('linear smoothing lambdas must sum to 1')
  return {
    type: 'linear',
    trigramLambda: trigram_lambda,
    bigramLambda: bigram_lambda,
    unigramLambda: unigram_lambda,
  }
}

function tokenName(value: XContentValue): string {
  if (value instanceof Map) return 'START_OBJECT'
  if (Array.isArray(value)) return 'START_ARRAY'
  if (value === null) return 'VALUE_NULL'
  if (typeof value === 'string') return 'VALUE_STRING'
  if (typeof value === 'boolean') return 'VALUE_BOOLEAN'
  return 'VALUE_NUMBER'
}
