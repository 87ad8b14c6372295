/**
 * A `_rank_eval` body as ES 8's RankEvalSpec parser (`rank_eval`) reads it:
 * - `requests` (rated requests, rated-request-parser.ts) and `metric` are required (`Required [requests, metric]`),
 *   `templates` is optional, `max_concurrent_searches` an int (10 by default);
 * - `metric` holds exactly one named metric (`precision`, `recall`, `mean_reciprocal_rank`, `dcg`,
 *   `expected_reciprocal_rank`): `{}` or a second name is XContentParserUtils' "Failed to parse object: expecting
 *   token of type [...] but found [...]", another name the registry's `unknown field [name]`;
 * - each template is `script_with_id`: `id` and `template` (a Script, `mustache` by default: `source` as a string
 *   or an object kept as its JSON, `id` of a stored script, `lang`, `params`, `options`), both required;
 * - the constructor refuses an empty `requests` ("Cannot evaluate ranking if no search requests with rated results
 *   are provided. Seen: []") and, without templates, a request without a search body (IllegalStateException
 *   "Cannot evaluate ranking if neither template nor evaluation request is provided. Seen for request id: x").
 * Failures nest and are located as ObjectParser nests them (ilm/policy-parse-context.ts).
 */
import {
  EsException,
  illegalArgumentException,
  illegalStateException,
  parsingException,
} from '../errors/index.ts'
import { toJson, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { sourceToJson } from '../action/source-map.ts'
import { ParseFailure, PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { tokenAtPath } from '../xcontent/token-at-path.ts'
import { locate } from '../xcontent/json-parse-error.ts'
import {
  CONTENT_TYPE_OPTION,
  JSON_MEDIA_TYPE_WITH_CHARSET,
  MUSTACHE_LANG,
} from '../script/template-script.ts'
import type { EvaluationMetric } from './evaluation-metric.ts'
import { intField } from './metric-parser.ts'
import { parsePrecisionAtK, PRECISION } from './precision-at-k.ts'
import { parseRecallAtK, RECALL } from './recall-at-k.ts'
import { MEAN_RECIPROCAL_RANK, parseMeanReciprocalRank } from './mean-reciprocal-rank.ts'
import { DCG, parseDiscountedCumulativeGain } from './discounted-cumulative-gain.ts'
import { EXPECTED_RECIPROCAL_RANK, parseExpectedReciprocalRank } from './expected-reciprocal-rank.ts'
import {
  objectArray,
  parseRatedRequest,
  stringValue,
  unknownField,
  type RatedRequest,
  type SearchParser,
} from './rated-request-parser.ts'

/** A template's Script: an inline mustache source with its options, or a stored script's id. */
export interface TemplateSpec {
  readonly source: string | null
  readonly id: string | null
  readonly lang: string | null
  readonly options: Readonly<Record<string, string>>
}

export interface RankEvalSpec {
  readonly requests: readonly RatedRequest[]
  readonly metric: EvaluationMetric
  /** The templates by id, in the order given (a later one of the same id replaces an earlier). */
  readonly templates: ReadonlyMap<string, TemplateSpec>
  readonly maxConcurrentSearches: number
}

/** RankEvalNamedXContentProvider's metrics. */
const METRICS: ReadonlyMap<string, (ctx: PolicyParseContext, body: XContentValue) => EvaluationMetric> =
  new Map([
    [PRECISION, parsePrecisionAtK],
    [RECALL, parseRecallAtK],
    [MEAN_RECIPROCAL_RANK, parseMeanReciprocalRank],
    [DCG, parseDiscountedCumulativeGain],
    [EXPECTED_RECIPROCAL_RANK, parseExpectedReciprocalRank],
  ])

const SPEC_FIELDS = ['requests', 'metric', 'templates', 'max_concurrent_searches']

export function parseRankEvalSpec(
  text: string,
  body: XContentObject,
  parseSearch: SearchParser,
): RankEvalSpec {
  const ctx = new PolicyParseContext(text, [])
  try {
    return readSpec(ctx, body, parseSearch)
  } catch (failure) {
    throw failure instanceof ParseFailure ? failure.exception : failure
  }
}

function readSpec(ctx: PolicyParseContext, body: XContentObject, parseSearch: SearchParser): RankEvalSpec {
  let requests: RatedRequest[] | null = null
  let metric: EvaluationMetric | null = null
  let templates: Map<string, TemplateSpec> | null = null
  let maxConcurrentSearches = 10
  for (const [key, value] of body) {
    if (key === 'requests') {
      requests = objectArray(ctx, 'rank_eval', key, value, 'request', (at, item) =>
        parseRatedRequest(at, item, parseSearch),
      )
    } else if (key === 'metric') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue('rank_eval', key, value)
      metric = wrapped(ctx, key, () => parseNamedMetric(ctx.child(key), value))
    } else if (key === 'templates') {
      const list = objectArray(ctx, 'rank_eval', key, value, 'script_with_id', parseScriptWithId)
      templates = new Map(list)
    } else if (key === 'max_concurrent_searches') {
      maxConcurrentSearches = intField(ctx, 'rank_eval', key, value)
    } else throw unknownField(ctx, 'rank_eval', key, SPEC_FIELDS)
  }
  const missing = [requests === null ? 'requests' : null, metric === null ? 'metric' : null]
  const required = missing.filter((field) => field !== null)
  if (required.length > 0)
    throw new ParseFailure(illegalArgumentException(`Required [${required.join(', ')}]`), ctx.offset('end'))
  const invalid = checkSpec(requests!, templates)
  if (invalid !== null) {
    const failure = ctx.buildFailure('rank_eval', invalid)
    const args = ['requests', 'metric', 'templates']
    if (!args.every((arg) => body.has(arg))) throw failure
    // every constructor argument arrived: the build ran inside the last one's parse, at its value's end
    const last = [...body.keys()].filter((key) => args.includes(key)).pop()!
    const end = tokenAtPath(ctx.text, [last])?.end ?? failure.at
    throw ctx.wrap('rank_eval', last, new ParseFailure(failure.exception, end))
  }
  return { requests: requests!, metric: metric!, templates: templates ?? new Map(), maxConcurrentSearches }
}

/** RankEvalSpec's constructor checks: the exception it throws, or null. */
function checkSpec(
  requests: readonly RatedRequest[],
  templates: ReadonlyMap<string, TemplateSpec> | null,
): EsException | null {
  if (requests.length === 0) {
    return illegalArgumentException(
      'Cannot evaluate ranking if no search requests with rated results are provided. Seen: []',
    )
  }
  if (templates !== null && templates.size > 0) return null
  const untemplated = requests.find((request) => request.request === null)
  if (untemplated === undefined) return null
  return illegalStateException(
    'Cannot evaluate ranking if neither template nor evaluation request is provided. Seen for request id: ' +
      untemplated.id,
  )
}

/** A failure inside field `key`'s value, wrapped as `[rank_eval] failed to parse field [key]`. */
function wrapped<T>(ctx: PolicyParseContext, key: string, parse: () => T): T {
  try {
    return parse()
  } catch (failure) {
    throw failure instanceof ParseFailure ? ctx.wrap('rank_eval', key, failure) : failure
  }
}

/** RankEvalSpec.parseMetric: exactly one named metric in the object. */
function parseNamedMetric(ctx: PolicyParseContext, body: XContentObject): EvaluationMetric {
  const entries = [...body]
  if (entries.length === 0) throw expectedToken(ctx, ctx.offset('end'), 'FIELD_NAME', 'END_OBJECT')
  const [name, value] = entries[0]!
  const parse = METRICS.get(name)
  if (parse === undefined) {
    const at = ctx.child(name).offset('name')
    const { line, column } = locate(ctx.text, at)
    const cause = new EsException({
      type: 'named_object_not_found_exception',
      reason: `[${line}:${column}] unknown field [${name}]`,
      status: 400,
      rootCause: false,
    })
    throw new ParseFailure(cause, at)
  }
  const metric = parse(ctx.child(name), value)
  if (entries.length > 1)
    throw expectedToken(ctx, ctx.child(entries[1]![0]).offset('name'), 'END_OBJECT', 'FIELD_NAME')
  return metric
}

/** XContentParserUtils.ensureExpectedToken's ParsingException at `at`. */
function expectedToken(ctx: PolicyParseContext, at: number, expected: string, found: string): ParseFailure {
  const { line, column } = locate(ctx.text, at)
  const reason = `Failed to parse object: expecting token of type [${expected}] but found [${found}]`
  return new ParseFailure(parsingException(line, column, reason), at)
}

/** RankEvalSpec.ScriptWithId: `id` and `template`, both required. */
function parseScriptWithId(ctx: PolicyParseContext, body: XContentObject): [string, TemplateSpec] {
  let id: string | null = null
  let template: TemplateSpec | null = null
  for (const [key, value] of body) {
    if (key === 'id') id = stringValue(ctx, 'script_with_id', key, value)
    else if (key === 'template') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue('script_with_id', key, value)
      try {
        template = parseTemplateScript(ctx.child(key), value)
      } catch (failure) {
        throw failure instanceof ParseFailure ? ctx.wrap('script_with_id', key, failure) : failure
      }
    } else throw unknownField(ctx, 'script_with_id', key, ['id', 'template'])
  }
  const missing = [id === null ? 'id' : null, template === null ? 'template' : null]
  const required = missing.filter((field) => field !== null)
  if (required.length > 0)
    throw new ParseFailure(illegalArgumentException(`Required [${required.join(', ')}]`), ctx.offset('end'))
  return [id!, template!]
}

const SCRIPT_FIELDS = ['source', 'inline', 'lang', 'options', 'params', 'id']

/**
 * Script.parse with `mustache` as the default lang: `source` (or `inline`) as a string, or an object kept as its JSON
 * with the JSON content type; `id` of a stored script; `lang`, `options` and `params`.
 */
function parseTemplateScript(ctx: PolicyParseContext, body: XContentObject): TemplateSpec {
  let source: string | null = null
  let id: string | null = null
  let lang: string | null = null
  const options: Record<string, string> = {}
  const onlyOne = (key: string): ParseFailure =>
    ctx.valueFailure(
      'script',
      key,
      illegalArgumentException('must only use one of [source, id] when specifying a script'),
    )
  for (const [key, value] of body) {
    if ((key === 'source' || key === 'inline' || key === 'id') && (source !== null || id !== null))
      throw onlyOne(key)
    if (key === 'source' || key === 'inline') {
      if (value instanceof Map) {
        source = toJson(sourceToJson(value))
        options[CONTENT_TYPE_OPTION] ??= JSON_MEDIA_TYPE_WITH_CHARSET
      } else source = stringValue(ctx, 'script', key, value)
    } else if (key === 'id') id = stringValue(ctx, 'script', key, value)
    else if (key === 'lang') lang = stringValue(ctx, 'script', key, value)
    else if (key === 'options') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue('script', key, value)
      for (const [name, option] of value)
        options[name] = typeof option === 'string' ? option : toJson(sourceToJson(option))
    } else if (key === 'params') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue('script', key, value)
    } else throw unknownField(ctx, 'script', key, SCRIPT_FIELDS)
  }
  const fail = (reason: string): ParseFailure =>
    new ParseFailure(illegalArgumentException(reason), ctx.offset('end'))
  if (source === null && id === null)
    throw fail('must specify either [source] for an inline script or [id] for a stored script')
  if (id !== null && lang !== null) throw fail('lang cannot be specified for stored scripts')
  return { source, id, lang: source !== null ? (lang ?? MUSTACHE_LANG) : null, options }
}
