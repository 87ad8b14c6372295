/**
 * The rules of an `intervals` query as ES 8.17 parses them (IntervalsSourceProvider.fromXContent): match, any_of,
 * all_of, prefix, wildcard, regexp, fuzzy, range, each with ConstructingObjectParser's declared fields, and
 * IntervalFilter. The failures and where each stands (the parser's getTokenLocation):
 *   - a rule name none of these: ParsingException "Unknown interval type [x], expecting one of [match, any_of,
 *     all_of, prefix, wildcard, regexp, range]" at the name (fuzzy is parsed although the list omits it);
 *   - a rule's value that is no object: XContentParseException "[match] Expected START_OBJECT but was: VALUE_STRING";
 *   - an undeclared field: "[match] unknown field [x]" (with did-you-mean) at its name; a value of the wrong kind
 *     "[match] query doesn't support values of type: START_OBJECT" at the value; a number or boolean that does
 *     not parse "[match] failed to parse field [max_gaps]" around its NumberFormatException / IllegalArgumentException;
 *   - a required field missing: IllegalArgumentException "Required [query]" once the object is read, at its `}`;
 *     range's "Either [gte] or [gt], one of them must be provided" (and [lte] / [lt]) the same way;
 *   - an all_of / any_of entry and a filter that are no `{name: rule}` object: ParsingException "Expected
 *     [FIELD_NAME] but got [END_OBJECT]", "Expected [END_OBJECT] but got [FIELD_NAME]", "Expected [START_OBJECT]
 *     but got [VALUE_STRING]" at the token found;
 *   - any failure inside a field's value wrapped as "[all_of] failed to parse field [intervals]" (ObjectParser).
 * The filter's type is checked when the query is built ("Unknown filter type [x]", interval-rules.ts).
 */
import {
  EsException,
  illegalArgumentException,
  numberFormatException,
  parsingException,
  xContentParseException,
} from '../../errors/index.ts'
import { suggest } from '../../common/did-you-mean.ts'
import {
  endLocationOf,
  tokenLocation,
  XNumber,
  type ContentLocation,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { tokenName } from '../aggregations/aggregation-params.ts'
import { parseFailureLocation } from './query-parse-failures.ts'
import { scalarText } from './query-parsing.ts'
import { FieldQueryError } from '../query-string/field-queries.ts'
import { parseFuzziness } from '../query-string/query-parser-base.ts'

export type IntervalFilter = { type: 'script'; script: XContentValue } | { type: string; rule: IntervalRule }

interface FieldRule {
  analyzer: string | null
  useField: string | null
}

export type IntervalRule =
  | {
      kind: 'match'
      query: string
      maxGaps: number
      ordered: boolean
      analyzer: string | null
      filter: IntervalFilter | null
      useField: string | null
    }
  | { kind: 'any_of'; intervals: IntervalRule[]; filter: IntervalFilter | null }
  | {
      kind: 'all_of'
      intervals: IntervalRule[]
      ordered: boolean
      maxGaps: number
      filter: IntervalFilter | null
    }
  | ({ kind: 'prefix'; prefix: string } & FieldRule)
  | ({ kind: 'wildcard' | 'regexp'; pattern: string } & FieldRule)
  | ({
      kind: 'fuzzy'
      term: string
      prefixLength: number
      transpositions: boolean
      fuzziness: string
    } & FieldRule)
  | ({
      kind: 'range'
      lower: string
      upper: string
      includeLower: boolean
      includeUpper: boolean
    } & FieldRule)

type FieldKind = 'string' | 'int' | 'boolean' | 'object' | 'objects' | 'value'

const RULES = 'match, any_of, all_of, prefix, wildcard, regexp, range'

const FIELD_RULE: Readonly<Record<string, FieldKind>> = { analyzer: 'string', use_field: 'string' }

const DECLARED: Readonly<Record<string, Readonly<Record<string, FieldKind>>>> = {
  match: {
    query: 'string',
    max_gaps: 'int',
    ordered: 'boolean',
    analyzer: 'string',
    filter: 'object',
    use_field: 'string',
  },
  any_of: { intervals: 'objects', filter: 'object' },
  all_of: { ordered: 'boolean', intervals: 'objects', max_gaps: 'int', filter: 'object' },
  prefix: { prefix: 'string', ...FIELD_RULE },
  wildcard: { pattern: 'string', ...FIELD_RULE },
  regexp: { pattern: 'string', ...FIELD_RULE },
  fuzzy: {
    term: 'string',
    prefix_length: 'int',
    transpositions: 'boolean',
    fuzziness: 'value',
    ...FIELD_RULE,
  },
  range: { gte: 'string', gt: 'string', lte: 'string', lt: 'string', ...FIELD_RULE },
}

const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  match: ['query'],
  any_of: ['intervals'],
  all_of: ['intervals'],
  prefix: ['prefix'],
  wildcard: ['pattern'],
  regexp: ['pattern'],
  fuzzy: ['term'],
  range: [],
}

/** Where each IllegalArgumentException thrown once an object was read stands (its closing brace). */
const FINISHED = new WeakMap<EsException, ContentLocation>()

function finishFailure(body: XContentObject, reason: string): EsException {
  const error = illegalArgumentException(reason)
  FINISHED.set(error, endLocationOf(body) ?? { line: 1, col: 1 })
  return error
}

/** ObjectParser.parseValue: any failure inside `key`'s value wrapped where the parser stood. */
function withinField<T>(parser: string, key: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    const at = error instanceof EsException ? (FINISHED.get(error) ?? parseFailureLocation(error)) : null
    if (at === null) throw error
    throw xContentParseException(
      at.line,
      at.col,
      `[${parser}] failed to parse field [${key}]`,
      error as EsException,
    )
  }
}

function failedToParseField(
  parser: string,
  body: XContentObject,
  key: string,
  cause: EsException,
): EsException {
  const [line, col] = tokenLocation(body, key, 'value')
  return xContentParseException(line, col, `[${parser}] failed to parse field [${key}]`, cause)
}

/** The declared fields' values, checked against their ValueType (STRING, INT, BOOLEAN, OBJECT, OBJECT_ARRAY, VALUE). */
function checkFields(name: string, body: XContentObject): void {
  const declared = DECLARED[name]!
  for (const [key, value] of body) {
    const kind = declared[key]
    if (kind === undefined) {
      const [line, col] = tokenLocation(body, key, 'key')
      throw xContentParseException(
        line,
        col,
        `[${name}] unknown field [${key}]${suggest(key, Object.keys(declared))}`,
      )
    }
    const ok =
      kind === 'string'
        ? typeof value === 'string'
        : kind === 'int'
          ? value instanceof XNumber || typeof value === 'string'
          : kind === 'boolean'
            ? typeof value === 'boolean' || typeof value === 'string'
            : kind === 'object'
              ? value instanceof Map
              : kind === 'objects'
                ? value instanceof Map || Array.isArray(value)
                : !(value instanceof Map) && !Array.isArray(value)
    if (!ok) {
      const [line, col] = tokenLocation(body, key, 'value')
      throw xContentParseException(
        line,
        col,
        `[${name}] ${key} doesn't support values of type: ${tokenName(value)}`,
      )
    }
  }
}

function intField(name: string, body: XContentObject, key: string, fallback: number): number {
  const value = body.get(key)
  if (value === undefined) return fallback
  if (value instanceof XNumber) return Math.trunc(value.value)
  const text = scalarText(value) ?? ''
  const parsed = Number(text)
  if (text.trim() === '' || !Number.isInteger(parsed)) {
    throw failedToParseField(name, body, key, numberFormatException(text))
  }
  return parsed
}

function booleanField(name: string, body: XContentObject, key: string, fallback: boolean): boolean {
  const value = body.get(key)
  if (value === undefined) return fallback
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  const reason = `Failed to parse value [${scalarText(value) ?? ''}] as only [true] or [false] are allowed.`
  throw failedToParseField(name, body, key, illegalArgumentException(reason))
}

function stringField(body: XContentObject, key: string): string | null {
  const value = body.get(key)
  return typeof value === 'string' ? value : null
}

/** The `{name: rule}` object of an all_of / any_of entry or a filter (parseInnerIntervals). */
function innerRule(entry: XContentValue, owner: XContentObject, key: string): IntervalRule {
  if (!(entry instanceof Map)) {
    const [line, col] = tokenLocation(owner, key, 'value')
    throw parsingException(line, col, `Expected [FIELD_NAME] but got [${tokenName(entry)}]`)
  }
  const entries = [...entry]
  if (entries.length === 0) throw expectedAtEnd(entry, 'FIELD_NAME', 'END_OBJECT')
  if (entries.length > 1) throw expectedAtKey(entry, entries[1]![0], 'END_OBJECT', 'FIELD_NAME')
  return parseIntervalRule(entry, entries[0]![0])
}

function expectedAtEnd(object: XContentObject, expected: string, found: string): EsException {
  const end = endLocationOf(object) ?? { line: 1, col: 1 }
  return parsingException(end.line, end.col, `Expected [${expected}] but got [${found}]`)
}

function expectedAtKey(object: XContentObject, key: string, expected: string, found: string): EsException {
  const [line, col] = tokenLocation(object, key, 'key')
  return parsingException(line, col, `Expected [${expected}] but got [${found}]`)
}

/** IntervalFilter.fromXContent over the filter's object. */
function parseFilter(filter: XContentObject): IntervalFilter {
  const entries = [...filter]
  if (entries.length === 0) throw expectedAtEnd(filter, 'FIELD_NAME', 'END_OBJECT')
  const [type, value] = entries[0]!
  if (type === 'script') {
    if (entries.length > 1) throw expectedAtKey(filter, entries[1]![0], 'END_OBJECT', 'FIELD_NAME')
    return { type, script: value }
  }
  if (!(value instanceof Map)) {
    const [line, col] = tokenLocation(filter, type, 'value')
    throw parsingException(line, col, `Expected [START_OBJECT] but got [${tokenName(value)}]`)
  }
  const rules = [...value]
  if (rules.length === 0) throw expectedAtEnd(value, 'FIELD_NAME', 'END_OBJECT')
  const rule = parseIntervalRule(value, rules[0]![0])
  if (rules.length > 1) throw expectedAtKey(value, rules[1]![0], 'END_OBJECT', 'FIELD_NAME')
  if (entries.length > 1) throw expectedAtKey(filter, entries[1]![0], 'END_OBJECT', 'FIELD_NAME')
  return { type: type.toLowerCase(), rule }
}

function filterOf(name: string, body: XContentObject): IntervalFilter | null {
  const filter = body.get('filter')
  return filter instanceof Map ? withinField(name, 'filter', () => parseFilter(filter)) : null
}

function rulesOf(name: string, body: XContentObject): IntervalRule[] {
  const value = body.get('intervals')!
  return withinField(name, 'intervals', () => {
    if (!Array.isArray(value)) return [innerRule(value, body, 'intervals')]
    return value.map((entry) => innerRule(entry, body, 'intervals'))
  })
}

function fieldRule(body: XContentObject): FieldRule {
  return { analyzer: stringField(body, 'analyzer'), useField: stringField(body, 'use_field') }
}

/** IntervalsSourceProvider.fromXContent: the rule `name` of `owner` (the parser on its name). */
export function parseIntervalRule(owner: XContentObject, name: string): IntervalRule {
  const body = owner.get(name)!
  if (DECLARED[name] === undefined) {
    const [line, col] = tokenLocation(owner, name, 'key')
    throw parsingException(line, col, `Unknown interval type [${name}], expecting one of [${RULES}]`)
  }
  if (!(body instanceof Map)) {
    const [line, col] = tokenLocation(owner, name, 'value')
    throw xContentParseException(line, col, `[${name}] Expected START_OBJECT but was: ${tokenName(body)}`)
  }
  checkFields(name, body)
  const filter = name === 'match' || name === 'any_of' || name === 'all_of' ? filterOf(name, body) : null
  const intervals = body.has('intervals') ? rulesOf(name, body) : []
  const missing = REQUIRED[name]!.filter((key) => !body.has(key))
  if (missing.length > 0) throw finishFailure(body, `Required [${missing.join(', ')}]`)
  const maxGaps = intField(name, body, 'max_gaps', -1)
  const ordered = booleanField(name, body, 'ordered', false)
  const text = (key: string): string => stringField(body, key)!
  switch (name) {
    case 'match':
      return { kind: 'match', query: text('query'), maxGaps, ordered, filter, ...fieldRule(body) }
    case 'any_of':
      return { kind: 'any_of', intervals, filter }
    case 'all_of':
      return { kind: 'all_of', intervals, ordered, maxGaps, filter }
    case 'prefix':
      return { kind: 'prefix', prefix: text('prefix'), ...fieldRule(body) }
    case 'wildcard':
    case 'regexp':
      return { kind: name, pattern: text('pattern'), ...fieldRule(body) }
    case 'fuzzy':
      return {
        kind: 'fuzzy',
        term: text('term'),
        prefixLength: intField(name, body, 'prefix_length', 0),
        transpositions: booleanField(name, body, 'transpositions', true),
        fuzziness: fuzzinessField(body),
        ...fieldRule(body),
      }
    default:
      return rangeRule(body)
  }
}

/** Fuzziness.parse of the fuzzy rule's `fuzziness` (AUTO when absent), its refusal wrapped by ObjectParser. */
function fuzzinessField(body: XContentObject): string {
  const text = scalarText(body.get('fuzziness'))
  if (text === null) return 'AUTO'
  try {
    parseFuzziness(text)
  } catch (error) {
    if (!(error instanceof FieldQueryError)) throw error
    const cause = new EsException({ type: error.javaClass, reason: error.message, status: 400 })
    throw failedToParseField('fuzzy', body, 'fuzziness', cause)
  }
  return text
}

function rangeRule(body: XContentObject): IntervalRule {
  const [gte, gt, lte, lt] = ['gte', 'gt', 'lte', 'lt'].map((key) => stringField(body, key))
  if ((gte === null) === (gt === null))
    throw finishFailure(body, 'Either [gte] or [gt], one of them must be provided')
  if ((lte === null) === (lt === null))
    throw finishFailure(body, 'Either [lte] or [lt], one of them must be provided')
  return {
    kind: 'range',
    lower: (gte ?? gt)!,
    upper: (lte ?? lt)!,
    includeLower: gte !== null,
    includeUpper: lte !== null,
    ...fieldRule(body),
  }
}
