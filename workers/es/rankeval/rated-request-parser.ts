/**
 * A rank_eval request's `requests` entries as ES 8's ConstructingObjectParsers read them (RatedRequest's `request`,
 * RatedDocument's `rated_document`):
 * - `request`: `id` and `ratings` required (`Required [id, ratings]`), `request` (a search body, parsed by
 *   SearchSourceBuilder as it is read), `params` (an object), `template_id`, `summary_fields` (strings); the
 *   constructor refuses a search body with template params or a template id ("Ambiguous rated request: ..."),
 *   neither ("Need to set at least test request or test request template parameters."), params without a template
 *   id, a search body with `suggest`, aggregations, `highlight`, `explain` or `profile` (validateEvaluatedQuery), and
 *   two ratings of one `_index`/`_id` ("Found duplicate rated document key [...] in evaluation request [id]");
 * - `rated_document`: `_index`, `_id` (strings) and `rating` (an int), all required; an empty index or id is
 *   refused by DocumentKey ("Index must be set for each rated document", "DocId must be set ...").
 * Failures nest and are located as ObjectParser nests them (ilm/policy-parse-context.ts). The search body is parsed
 * from the request's text with everything around it blanked out, so its own errors keep their `[line:col]`.
 */
import { EsException, illegalArgumentException, illegalStateException } from '../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { suggest } from '../common/did-you-mean.ts'
import { valueToken } from '../action/value-token.ts'
import { ParseFailure, type PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { tokenAtPath } from '../xcontent/token-at-path.ts'
import { failureLocation } from '../search/aggregations/aggregation-params.ts'
import type { ParsedSearch } from '../search/search-request.ts'
import type { RatedDocument } from './evaluation-metric.ts'
import { intField } from './metric-parser.ts'
import { locate } from '../xcontent/json-parse-error.ts'

export interface RatedRequest {
  readonly id: string
  readonly ratedDocs: readonly RatedDocument[]
  /** The verbatim search body, or null for a templated request. */
  readonly request: XContentObject | null
  readonly params: XContentObject
  readonly templateId: string | null
  readonly summaryFields: readonly string[]
}

/** SearchSourceBuilder.parseXContent over a search body's text. */
export type SearchParser = (text: string) => ParsedSearch

const REQUEST_FIELDS = ['id', 'ratings', 'request', 'params', 'template_id', 'summary_fields']
const CONSTRUCTOR_ARGS = ['id', 'ratings', 'request', 'params', 'template_id']

/** ObjectParser's unknown field, with SuggestingErrorOnUnknown's hint. */
export function unknownField(
  ctx: PolicyParseContext,
  parser: string,
  key: string,
  known: readonly string[],
): ParseFailure {
  const at = ctx.child(key).offset('name')
  return new ParseFailure(ctx.error(at, `[${parser}] unknown field [${key}]${suggest(key, known)}`), at)
}

/**
 * declareObjectArray: an array of objects (or one object), each parsed by `element`; a failure inside is wrapped
 * as `[parser] failed to parse field [key]`.
 */
export function objectArray<T>(
  ctx: PolicyParseContext,
  parser: string,
  key: string,
  value: XContentValue,
  elementParser: string,
  element: (ctx: PolicyParseContext, body: XContentObject) => T,
): T[] {
  if (!(value instanceof Map) && !Array.isArray(value)) throw ctx.unsupportedValue(parser, key, value)
  const field = ctx.child(key)
  try {
    if (value instanceof Map) return [element(field, value)]
    return value.map((item, i) => {
      if (item instanceof Map) return element(field.child(i), item)
      // ObjectParser.parse reads on to the next token for its START_OBJECT, and names that one
      const next = i + 1 < value.length ? field.child(i + 1).offset() : field.offset('end')
      const token = i + 1 < value.length ? valueToken(value[i + 1]!) : 'END_ARRAY'
      const message = `[${elementParser}] Expected START_OBJECT but was: ${token}`
      throw new ParseFailure(field.error(next, message), next)
    })
  } catch (failure) {
    throw failure instanceof ParseFailure ? ctx.wrap(parser, key, failure) : failure
  }
}

/** declareString: a string, else `doesn't support values of type`. */
export function stringValue(
  ctx: PolicyParseContext,
  parser: string,
  key: string,
  value: XContentValue,
): string {
  if (typeof value !== 'string') throw ctx.unsupportedValue(parser, key, value)
  return value
}

/** The ConstructingObjectParser's build failure, wrapped at the last field when it ran as that field arrived. */
function buildFailure(
  ctx: PolicyParseContext,
  parser: string,
  cause: EsException,
  lastArg: string | null,
): ParseFailure {
  const failure = ctx.buildFailure(parser, cause)
  if (lastArg === null) return failure
  const at = tokenAtPath(ctx.text, [...ctx.path, lastArg])
  const end = at === null ? failure.at : at.end
  return ctx.wrap(parser, lastArg, new ParseFailure(failure.exception, end))
}

/** The field among `args` the object gives last, when it gives every one of them (the build runs there). */
function lastArgument(body: XContentObject, args: readonly string[]): string | null {
  if (!args.every((arg) => body.has(arg))) return null
  return [...body.keys()].filter((key) => args.includes(key)).pop() ?? null
}

export function parseRatedRequest(
  ctx: PolicyParseContext,
  body: XContentObject,
  parseSearch: SearchParser,
): RatedRequest {
  let id: string | null = null
  let ratedDocs: RatedDocument[] | null = null
  let request: XContentObject | null = null
  let parsedSearch: ParsedSearch | null = null
  let params: XContentObject = new Map()
  let templateId: string | null = null
  const summaryFields: string[] = []
  for (const [key, value] of body) {
    if (key === 'id') id = stringValue(ctx, 'request', key, value)
    else if (key === 'ratings')
      ratedDocs = objectArray(ctx, 'request', key, value, 'rated_document', parseRatedDocument)
    else if (key === 'request') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue('request', key, value)
      request = value
      parsedSearch = parseSearchAt(ctx, key, parseSearch)
    } else if (key === 'params') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue('request', key, value)
      params = value
    } else if (key === 'template_id') templateId = stringValue(ctx, 'request', key, value)
    else if (key === 'summary_fields') summaryFields.push(...stringArray(ctx, key, value))
    else throw unknownField(ctx, 'request', key, REQUEST_FIELDS)
  }
  const missing = [id === null ? 'id' : null, ratedDocs === null ? 'ratings' : null].filter((f) => f !== null)
  if (missing.length > 0)
    throw new ParseFailure(illegalArgumentException(`Required [${missing.join(', ')}]`), ctx.offset('end'))
  try {
    checkRatedRequest(id!, ratedDocs!, parsedSearch, params, templateId)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw buildFailure(ctx, 'request', error, lastArgument(body, CONSTRUCTOR_ARGS))
  }
  return { id: id!, ratedDocs: ratedDocs!, request, params, templateId, summaryFields }
}

/** RatedRequest's constructor checks. */
function checkRatedRequest(
  id: string,
  ratedDocs: readonly RatedDocument[],
  search: ParsedSearch | null,
  params: XContentObject,
  templateId: string | null,
): void {
  const ambiguous =
    'Ambiguous rated request: Set both, verbatim test request and test request template parameters.'
  if ((params.size > 0 || templateId !== null) && search !== null) throw illegalArgumentException(ambiguous)
  if (params.size === 0 && search === null)
    throw illegalArgumentException('Need to set at least test request or test request template parameters.')
  if (params.size > 0 && templateId === null) {
    throw illegalArgumentException(
      'If template parameters are supplied need to set id of template to apply them to too.',
    )
  }
  if (search !== null) validateEvaluatedQuery(search)
  const keys = new Set<string>()
  for (const doc of ratedDocs) {
    const key = `{"_index":"${doc.index}","_id":"${doc.id}"}`
    if (keys.has(key))
      throw illegalArgumentException(
        `Found duplicate rated document key [${key}] in evaluation request [${id}]`,
      )
    keys.add(key)
  }
}

/** RatedRequest.validateEvaluatedQuery: the sections a rated request's search must not have. */
export function validateEvaluatedQuery(search: ParsedSearch): void {
  if (search.suggest !== null)
    throw illegalArgumentException('Query in rated requests should not contain a suggest section.')
  if (search.request.aggregations !== null)
    throw illegalArgumentException('Query in rated requests should not contain aggregations.')
  if (search.highlight !== null)
    throw illegalArgumentException('Query in rated requests should not contain a highlighter section.')
  if (search.explain) throw illegalArgumentException('Query in rated requests should not use explain.')
  if (search.profile) throw illegalArgumentException('Query in rated requests should not use profile.')
}

/**
 * The search body at `key` parsed from the request's text with all else blanked (each character outside it turned
 * into as many spaces as its UTF-8 bytes, line breaks kept): its errors carry the `[line:col]` of the whole text.
 * A failure is wrapped as `[request] failed to parse field [request]` where the search parser stopped.
 */
function parseSearchAt(ctx: PolicyParseContext, key: string, parseSearch: SearchParser): ParsedSearch {
  const span = tokenAtPath(ctx.text, [...ctx.path, key])!
  let blanked = ''
  for (let i = 0; i < ctx.text.length; i++) {
    const c = ctx.text[i]!
    if ((i >= span.start && i <= span.end) || c === '\n' || c === '\r') blanked += c
    else blanked += ' '.repeat(utf8Width(ctx.text.charCodeAt(i)))
  }
  try {
    return parseSearch(blanked)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const [line, col] = failureLocation(error, [1, 1])
    throw ctx.wrap('request', key, new ParseFailure(error, offsetOf(ctx.text, line, col)))
  }
}

/** UTF-8 bytes of a UTF-16 code unit (a surrogate half counts 2: a pair is 4). */
function utf8Width(code: number): number {
  if (code < 0x80) return 1
  if (code < 0x800) return 2
  return code >= 0xd800 && code <= 0xdfff ? 2 : 3
}

/** The UTF-16 offset of a Jackson `[line:col]` (col counted in UTF-8 bytes) in `text`. */
function offsetOf(text: string, line: number, col: number): number {
  let offset = 0
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset)
    if (next < 0) return text.length
    offset = next + 1
  }
  for (let bytes = 1; bytes < col && offset < text.length; offset++)
    bytes += utf8Width(text.charCodeAt(offset))
  return offset
}

/** declareStringArray: a string, or an array of values read as text (a container's is JsonXContentParser's refusal). */
function stringArray(ctx: PolicyParseContext, key: string, value: XContentValue): string[] {
  if (typeof value === 'string') return [value]
  if (!Array.isArray(value)) throw ctx.unsupportedValue('request', key, value)
  return value.map((item, i) => {
    if (typeof item === 'string') return item
    if (item instanceof XNumber) return item.text
    if (typeof item === 'boolean') return String(item)
    const at = ctx.child(key).child(i).offset()
    const { line, column } = locate(ctx.text, at)
    const cause = illegalStateException(`Can't get text on a ${valueToken(item)} at ${line}:${column}`)
    throw ctx.wrap('request', key, new ParseFailure(cause, at))
  })
}

/** RatedDocument's parser: `_index`, `_id` and `rating`, all required; DocumentKey's checks when it is built. */
function parseRatedDocument(ctx: PolicyParseContext, body: XContentObject): RatedDocument {
  let index: string | null = null
  let id: string | null = null
  let rating: number | null = null
  for (const [key, value] of body) {
    if (key === '_index') index = stringValue(ctx, 'rated_document', key, value)
    else if (key === '_id') id = stringValue(ctx, 'rated_document', key, value)
    else if (key === 'rating') rating = intField(ctx, 'rated_document', key, value)
    else throw unknownField(ctx, 'rated_document', key, ['_index', '_id', 'rating'])
  }
  const missing = [
    index === null ? '_index' : null,
    id === null ? '_id' : null,
    rating === null ? 'rating' : null,
  ]
  const required = missing.filter((field) => field !== null)
  if (required.length > 0)
    throw new ParseFailure(illegalArgumentException(`Required [${required.join(', ')}]`), ctx.offset('end'))
  const invalid =
    index === ''
      ? 'Index must be set for each rated document'
      : id === ''
        ? 'DocId must be set for each rated document'
        : null
  if (invalid !== null) {
    throw buildFailure(
      ctx,
      'rated_document',
      illegalArgumentException(invalid),
      lastArgument(body, ['_index', '_id', 'rating']),
    )
  }
  return { index: index!, id: id!, rating: rating! }
}
