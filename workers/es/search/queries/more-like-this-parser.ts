/**
 * The `more_like_this` query's body as ES 8 reads it (MoreLikeThisQueryBuilder.fromXContent and Item.parse), with
 * their errors:
 * - A key with a scalar value: like/unlike (a text), the numbers max_query_terms, min_term_freq, min_doc_freq,
 *   max_doc_freq, min_word_length, max_word_length (Jackson's intValue: a number truncated or a numeric string),
 *   analyzer, minimum_should_match, boost_terms, include, fail_on_unsupported_field, boost, _name; with an array:
 *   fields, like, unlike, stop_words; with an object: like, unlike (one item). Anything else is the parsing_exception
 *   `[mlt] query does not support [key]` at its value; a null value is skipped.
 * - An element of like/unlike is a text (a string, number or boolean's text) or an item; anything else is the
 *   illegal_argument_exception `Content of 'like' parameter should either be a string or an object`.
 * - An item (Item.parse): _index, _id, doc, fields (an array), per_field_analyzer, routing, version, version_type;
 *   anything else, or fields not an array, or both or neither of _id and doc, is a parse_exception
 *   `failed to parse More Like This item. ...`; a version_type other than internal, external or external_gte is
 *   `No version type match [x]`.
 * - After the body: no like text or item (`more_like_this requires 'like' to be specified`) or an empty `fields`
 *   (`... requires 'fields' to be non-empty`) fail at its closing brace; max_query_terms under 1 is
 *   `requires 'maxQueryTerms' to be greater than 0`.
 * Defaults are XMoreLikeThis's: max_query_terms 25, min_term_freq 2, min_doc_freq 5, max_doc_freq unbounded, word
 * lengths 0 (no limit), minimum_should_match "30%", boost_terms 0 (off), include false, fail_on_unsupported_field true.
 */
import { EsException, illegalArgumentException, numberFormatException } from '../../errors/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { parsingErrorAt, parsingErrorAtEnd, scalarText } from './query-parsing.ts'

const NAME = 'mlt'
const VERSION_TYPES = ['internal', 'external', 'external_gte']

/** MoreLikeThisQueryBuilder.Item: a stored document (`id`) or an artificial one (`doc`). */
export interface MoreLikeThisItem {
  index: string | null
  id: string | null
  doc: XContentObject | null
  fields: string[] | null
  perFieldAnalyzer: boolean
  routing: string | null
  /** null: Versions.MATCH_ANY. */
  version: number | null
}

export interface MoreLikeThisSpec {
  fields: string[] | null
  likeTexts: string[]
  likeItems: MoreLikeThisItem[]
  unlikeTexts: string[]
  unlikeItems: MoreLikeThisItem[]
  maxQueryTerms: number
  minTermFreq: number
  minDocFreq: number
  maxDocFreq: number
  minWordLength: number
  maxWordLength: number
  stopWords: string[] | null
  analyzer: string | null
  minimumShouldMatch: string
  boostTerms: number
  include: boolean
  failOnUnsupportedField: boolean
  boost: number
}

const INT_KEYS = {
  max_query_terms: 'maxQueryTerms',
  min_term_freq: 'minTermFreq',
  min_doc_freq: 'minDocFreq',
  max_doc_freq: 'maxDocFreq',
  min_word_length: 'minWordLength',
  max_word_length: 'maxWordLength',
} as const

export function parseMoreLikeThis(body: XContentObject): MoreLikeThisSpec {
  const spec: MoreLikeThisSpec = {
    fields: null,
    likeTexts: [],
    likeItems: [],
    unlikeTexts: [],
    unlikeItems: [],
    maxQueryTerms: 25,
    minTermFreq: 2,
    minDocFreq: 5,
    maxDocFreq: 2147483647,
    minWordLength: 0,
    maxWordLength: 0,
    stopWords: null,
    analyzer: null,
    minimumShouldMatch: '30%',
    boostTerms: 0,
    include: false,
    failOnUnsupportedField: true,
    boost: 1,
  }
  const unsupported = (key: string) =>
    parsingErrorAt(body, key, 'value', `[${NAME}] query does not support [${key}]`)
  for (const [key, value] of body) {
    if (value === null) continue
    if (key === 'like' || key === 'unlike') {
      const [texts, items] =
        key === 'like' ? [spec.likeTexts, spec.likeItems] : [spec.unlikeTexts, spec.unlikeItems]
      for (const element of Array.isArray(value) ? value : [value]) parseLikeElement(element, texts, items)
    } else if (Array.isArray(value)) {
      if (key === 'fields') spec.fields = value.map((v) => scalarText(v) ?? '')
      else if (key === 'stop_words') spec.stopWords = value.map((v) => scalarText(v) ?? '')
      else throw unsupported(key)
    } else if (value instanceof Map) {
      throw unsupported(key)
    } else if (key in INT_KEYS) {
      spec[INT_KEYS[key as keyof typeof INT_KEYS]] = intValue(value)
    } else if (key === 'analyzer' || key === 'minimum_should_match') {
      spec[key === 'analyzer' ? 'analyzer' : 'minimumShouldMatch'] = scalarText(value) ?? ''
    } else if (key === 'boost_terms' || key === 'boost') {
      spec[key === 'boost' ? 'boost' : 'boostTerms'] = Math.fround(numberValue(value))
    } else if (key === 'include' || key === 'fail_on_unsupported_field') {
      spec[key === 'include' ? 'include' : 'failOnUnsupportedField'] = booleanValue(value)
    } else if (key !== '_name') {
      throw unsupported(key)
    }
  }
  if (spec.likeTexts.length === 0 && spec.likeItems.length === 0)
    throw parsingErrorAtEnd(body, "more_like_this requires 'like' to be specified")
  if (spec.fields !== null && spec.fields.length === 0)
    throw parsingErrorAtEnd(body, "more_like_this requires 'fields' to be non-empty")
  if (spec.maxQueryTerms <= 0) throw illegalArgumentException("requires 'maxQueryTerms' to be greater than 0")
  return spec
}

function parseLikeElement(element: XContentValue, texts: string[], items: MoreLikeThisItem[]): void {
  if (element instanceof Map) items.push(parseItem(element))
  else if (element !== null && !Array.isArray(element)) texts.push(scalarText(element) ?? '')
  else throw illegalArgumentException("Content of 'like' parameter should either be a string or an object")
}

function itemError(reason: string): EsException {
  return new EsException({
    type: 'parse_exception',
    reason: `failed to parse More Like This item. ${reason}`,
    status: 400,
  })
}

/** Item.parse. */
function parseItem(object: XContentObject): MoreLikeThisItem {
  const item: MoreLikeThisItem = {
    index: null,
    id: null,
    doc: null,
    fields: null,
    perFieldAnalyzer: false,
    routing: null,
    version: null,
  }
  for (const [key, value] of object) {
    if (key === '_index') item.index = scalarText(value)
    else if (key === '_id') item.id = scalarText(value)
    else if (key === 'doc') item.doc = value instanceof Map ? value : new Map()
    else if (key === 'fields') {
      if (!Array.isArray(value)) throw itemError('field [fields] must be an array')
      item.fields = value.map((v) => scalarText(v) ?? '')
    } else if (key === 'per_field_analyzer') item.perFieldAnalyzer = true
    else if (key === 'routing') item.routing = scalarText(value)
    else if (key === 'version') item.version = intValue(value)
    else if (key === 'version_type') {
      const type = scalarText(value) ?? ''
      if (!VERSION_TYPES.includes(type)) throw illegalArgumentException(`No version type match [${type}]`)
    } else throw itemError(`unknown field [${key}]`)
  }
  if (item.id !== null && item.doc !== null)
    throw itemError('either [id] or [doc] can be specified, but not both!')
  if (item.id === null && item.doc === null) throw itemError('neither [id] nor [doc] is specified!')
  return item
}

/** Jackson's numeric accessors with ES's coercion: a number, or a string that parses as one. */
function numberValue(value: XContentValue): number {
  if (value instanceof XNumber) return value.value
  const text = scalarText(value) ?? ''
  const number = text.trim() === '' ? NaN : Number(text)
  if (typeof value !== 'string' || !Number.isFinite(number)) throw numberFormatException(text)
  return number
}

function intValue(value: XContentValue): number {
  return Math.trunc(numberValue(value))
}

/** XContentParser.booleanValue: a boolean, or the strings "true" and "false". */
function booleanValue(value: XContentValue): boolean {
  return typeof value === 'boolean' ? value : parseBoolean(scalarText(value) ?? '')
}
