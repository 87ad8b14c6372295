/**
 * The `sort` of a search request, parsed as ES 8's SortBuilder.fromXContent and the URI `sort` parameter
 * (RestSearchAction.parseSearchSource) parse it. Accepted forms:
 * - a string (`"age"`, `"_score"`, `"_doc"`), an object of one or more `{"field": "asc"|"desc"}` or
 *   `{"field": {options}}`, or an array of strings and objects;
 * - FieldSortBuilder's options (ObjectParser `field_sort`): order, missing, unmapped_type, mode, format;
 *   ScoreSortBuilder's (`_score`): order; ScriptSortBuilder's (`_script`): script, type (`number` or `string`),
 *   order, mode; GeoDistanceSortBuilder's (`_geo_distance`, geo-distance-sort.ts). Fields, scripts and distances
 *   default to `asc`, `_score` to `desc`.
 * Errors as ES gives them: `malformed sort format, ...` (illegal_argument_exception), `No enum constant
 * org.elasticsearch.search.sort.SortOrder.UP` for a bad short-form order, and ObjectParser's
 * x_content_parse_exception `[line:col] [field_sort] unknown field [x]` / `failed to parse field [order]`
 * (caused by the enum error) / `order doesn't support values of type: VALUE_NUMBER`.
 * A field sort's `nested` is NestedSortBuilder's (nested-sort-builder.ts); ES 8 answers the removed `nested_path`
 * and `nested_filter` with `[nested_path] has been removed in favour of the [nested] parameter`. `numeric_type`,
 * and `nested` on `_script` sorts, are refused as not available in the playground.
 */
import { suggest } from '../../common/did-you-mean.ts'
import {
  illegalArgumentException,
  parsingException,
  xContentParseException,
  type EsException,
} from '../../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import { parseScriptSpec, type ScriptSpec } from '../../script/search-script.ts'
import { parseGeoDistanceSort, type GeoDistanceSpec } from './geo-distance-sort.ts'
import { parseNestedSort, type NestedSortBuilder, type QuerySyntaxCheck } from './nested-sort-builder.ts'

export type SortOrder = 'asc' | 'desc'

export type SortMode = 'min' | 'max' | 'sum' | 'avg' | 'median'

/** A scalar `missing` as sent (XContentParser.objectText), `_last` / `_first` included. */
export type MissingValue = string | boolean | XNumber

export type ScriptSortType = 'number' | 'string'

export type SortBuilder =
  | { kind: 'score'; order: SortOrder }
  | { kind: 'script'; script: ScriptSpec; type: ScriptSortType; order: SortOrder; mode: SortMode | null }
  | {
      kind: 'geoDistance'
      field: string
      spec: GeoDistanceSpec
      order: SortOrder
      mode: SortMode | null
      ignoreUnmapped: boolean
    }
  | {
      kind: 'field'
      field: string
      order: SortOrder
      missing: MissingValue | null
      unmappedType: string | null
      mode: SortMode | null
      format: string | null
      nested: NestedSortBuilder | null
    }

const FIELD_SORT_FIELDS = [
  'missing',
  'unmapped_type',
  'order',
  'mode',
  'nested',
  'numeric_type',
  'format',
  'nested_path',
  'nested_filter',
]
const SORT_MODES: readonly SortMode[] = ['min', 'max', 'sum', 'avg', 'median']

/** SortBuilder.buildSort's shortcut: no sort, or `_score` descending alone, is a search by score. */
export function sortsByScore(sort: readonly SortBuilder[]): boolean {
  return sort.length === 0 || (sort.length === 1 && sort[0]!.kind === 'score' && sort[0]!.order === 'desc')
}

/**
 * SortBuilder.fromXContent over the parsed `sort` value; `body` is the request text, for error locations;
 * `checkQuery` checks the syntax of a nested sort's filter.
 */
export function parseSort(value: XContentValue, body: string, checkQuery: QuerySyntaxCheck): SortBuilder[] {
  if (Array.isArray(value)) {
    return value.flatMap((entry) => {
      if (entry instanceof Map) return compoundSort(entry, body, checkQuery)
      if (typeof entry === 'string') return [fieldOrScoreSort(entry)]
      throw illegalArgumentException(
        'malformed sort format, within the sort array, an object, or an actual string are allowed',
      )
    })
  }
  if (value instanceof Map) return compoundSort(value, body, checkQuery)
  if (typeof value === 'string') return [fieldOrScoreSort(value)]
  // SearchSourceBuilder reads any other scalar as a field name (`parser.text()`).
  if (value instanceof XNumber || typeof value === 'boolean') return [fieldOrScoreSort(String(value))]
  throw illegalArgumentException(
    'malformed sort format, either start with array, object, or an actual string',
  )
}

/** The URI `sort=field:desc,other` parameter: `:asc`/`:desc` suffixes; any other suffix adds no sort. */
export function parseUriSort(param: string): SortBuilder[] {
  return param
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part) => {
      const colon = part.lastIndexOf(':')
      if (colon < 0) return [fieldOrScoreSort(part)]
      const order = part.slice(colon + 1)
      if (order !== 'asc' && order !== 'desc') return []
      return [withOrder(fieldOrScoreSort(part.slice(0, colon)), order)]
    })
}

function fieldOrScoreSort(name: string): SortBuilder {
  if (name === '_score') return { kind: 'score', order: 'desc' }
  return {
    kind: 'field',
    field: name,
    order: 'asc',
    missing: null,
    unmappedType: null,
    mode: null,
    format: null,
    nested: null,
  }
}

function withOrder(builder: SortBuilder, order: SortOrder): SortBuilder {
  return { ...builder, order }
}

/** SortOrder.fromString: Enum.valueOf on the upper-cased text. */
function sortOrder(text: string): SortOrder {
  const upper = text.toUpperCase()
  if (upper === 'ASC' || upper === 'DESC') return upper === 'ASC' ? 'asc' : 'desc'
  throw illegalArgumentException(`No enum constant org.elasticsearch.search.sort.SortOrder.${upper}`)
}

function compoundSort(object: XContentObject, body: string, checkQuery: QuerySyntaxCheck): SortBuilder[] {
  const entries = [...object]
  return entries.map(([name, value], i) => {
    if (typeof value === 'string') return withOrder(fieldOrScoreSort(name), sortOrder(value))
    if (name === '_geo_distance' && value instanceof Map) return parseGeoDistanceSort(value)
    const parserName = name === '_score' ? '_score' : name === '_script' ? '_script' : 'field_sort'
    if (!(value instanceof Map)) {
      // ObjectParser.parse steps to the next token and requires START_OBJECT there.
      const next = Array.isArray(value)
        ? value.length > 0
          ? valueToken(value[0]!)
          : 'END_ARRAY'
        : i + 1 < entries.length
          ? 'FIELD_NAME'
          : 'END_OBJECT'
      const { line, col } = bodyLocation(body, name, 'value')
      throw xContentParseException(line, col, `[${parserName}] Expected START_OBJECT but was: ${next}`)
    }
    const options = new SortOptions(parserName, value, body)
    if (name === '_score') {
      options.allow(['order'])
      return { kind: 'score', order: options.order() ?? 'desc' }
    }
    if (name === '_script') return scriptSort(options, value)
    options.allow(FIELD_SORT_FIELDS)
    options.removed('nested_path', 'VALUE_STRING')
    options.removed('nested_filter', 'START_OBJECT')
    if (value.has('numeric_type'))
      throw illegalArgumentException('[sort] [numeric_type] is not available in the playground')
    return {
      kind: 'field',
      field: name,
      order: options.order() ?? 'asc',
      missing: options.missing(),
      unmappedType: options.string('unmapped_type'),
      mode: options.mode(),
      format: options.string('format'),
      nested: options.nested(checkQuery),
    }
  })
}

/** ScriptSortBuilder's parser: `script` and `type` required, `order` (asc by default) and `mode`. */
function scriptSort(options: SortOptions, value: XContentObject): SortBuilder {
  options.allow(['script', 'type', 'order', 'mode', 'nested'])
  if (value.has('nested'))
    throw illegalArgumentException('[sort] [nested] is not available in the playground')
  const type = options.string('type')
  if (!value.has('script') || type === null) {
    const missing = [value.has('script') ? null : 'script', type === null ? 'type' : null].filter(
      (m) => m !== null,
    )
    throw illegalArgumentException(`Required [${missing.join(', ')}]`)
  }
  return {
    kind: 'script',
    script: parseScriptSpec(value.get('script')),
    type: options.scriptType(type),
    order: options.order() ?? 'asc',
    mode: options.mode(),
  }
}

/** One sort object's options, read as ObjectParser reads declared fields. */
class SortOptions {
  constructor(
    private readonly parser: string,
    private readonly object: XContentObject,
    private readonly body: string,
  ) {}

  allow(fields: readonly string[]): void {
    for (const key of this.object.keys()) {
      if (fields.includes(key)) continue
      const { line, col } = bodyLocation(this.body, key, 'key')
      throw xContentParseException(
        line,
        col,
        `[${this.parser}] unknown field [${key}]${suggest(key, fields)}`,
      )
    }
  }

  string(key: string): string | null {
    const value = this.object.get(key)
    if (value === undefined) return null
    if (typeof value === 'string') return value
    throw this.error(key, `${key} doesn't support values of type: ${valueToken(value)}`)
  }

  order(): SortOrder | null {
    const text = this.string('order')
    return text === null ? null : this.converted('order', () => sortOrder(text))
  }

  /** ScriptSortType.fromString. */
  scriptType(text: string): ScriptSortType {
    return this.converted('type', () => {
      const type = text.toLowerCase()
      if (type === 'number' || type === 'string') return type
      throw illegalArgumentException(`Unknown ScriptSortType [${text}]`)
    })
  }

  mode(): SortMode | null {
    const text = this.string('mode')
    if (text === null) return null
    return this.converted('mode', () => {
      const mode = SORT_MODES.find((m) => m === text.toLowerCase())
      if (mode === undefined) throw illegalArgumentException(`Unknown SortMode [${text}]`)
      return mode
    })
  }

  /** ValueType.VALUE: a string, number or boolean (null leaves it unset). */
  missing(): MissingValue | null {
    const value = this.object.get('missing')
    if (value === undefined || value === null) return null
    if (value instanceof XNumber || typeof value === 'string' || typeof value === 'boolean') return value
    throw this.error('missing', `missing doesn't support values of type: ${valueToken(value)}`)
  }

  /** ObjectParser.declareObject(NestedSortBuilder::fromXContent, NESTED_FIELD). */
  nested(checkQuery: QuerySyntaxCheck): NestedSortBuilder | null {
    const value = this.object.get('nested')
    if (value === undefined) return null
    if (!(value instanceof Map))
      throw this.error('nested', `nested doesn't support values of type: ${valueToken(value)}`)
    return this.converted('nested', () => parseNestedSort(value, checkQuery))
  }

  /** A field ES 8 still declares only to refuse: `[key] has been removed in favour of the [nested] parameter`. */
  removed(key: string, token: 'VALUE_STRING' | 'START_OBJECT'): void {
    const value = this.object.get(key)
    if (value === undefined) return
    if (valueToken(value) !== token)
      throw this.error(key, `${key} doesn't support values of type: ${valueToken(value)}`)
    const { line, col } = bodyLocation(this.body, key, 'value')
    this.converted(key, () => {
      throw parsingException(line, col, `[${key}] has been removed in favour of the [nested] parameter`)
    })
  }

  /** ObjectParser.parseValue: a setter's exception becomes `failed to parse field [key]`. */
  private converted<T>(key: string, convert: () => T): T {
    try {
      return convert()
    } catch (error) {
      throw this.error(key, `failed to parse field [${key}]`, error as EsException)
    }
  }

  private error(key: string, message: string, cause?: EsException): EsException {
    const { line, col } = bodyLocation(this.body, key, 'value')
    return xContentParseException(line, col, `[${this.parser}] ${message}`, cause)
  }
}
