/**
 * HistogramFieldMapper (x-pack analytics, ES 8.17): a pre-aggregated histogram per document, never searched.
 * Mapping: `ignore_malformed` and `meta` in the Builder's order (field-parameters.ts); not a multi-field.
 *
 * Document (HistogramFieldMapper.parse): null is nothing; an array's elements are values each (null skipped), a
 * second histogram in one document failing with "Field [f] of type [histogram] doesn't not support indexing multiple
 * values for the same field in the same document" (ES's spelling). A value must be an object whose keys are `values`
 * (an array of numbers, each not below the one before: "error parsing field [f], [values] values must be in
 * increasing order, got [0.2] but previous value was [1.0]", Java's doubles) and `counts` (an array of numbers read as
 * longs); another key fails with "error parsing field [f], with unknown parameter [k]", a token of the wrong kind with
 * XContentParserUtils.ensureExpectedToken's ParsingException. At the object's end: "expected field called [values]",
 * "expected field called [counts]", "expected same length from [values] and [counts] but got [2 != 3]" and
 * "[counts] elements must be >= 0 but got -1". Each failure is caught by the mapper and rethrown as
 * "failed to parse field [f] of type [histogram]" (no id, no preview: the mapper's own parse), at the token the
 * parser is on, caused by the failure; with `ignore_malformed` the value is dropped and the field listed as ignored.
 *
 * The value kept (its doc value, a BinaryDocValuesField in ES): the pairs whose count is above 0, in order, encoded by
 * `encodeHistogram` as one string; `decodeHistogram` reads it back. Counts are kept as doubles (exact up to 2^53).
 */
import {
  documentParsingException,
  EsException,
  failedToParseMapping,
  illegalArgumentException,
  parsingException,
} from '../../errors/index.ts'
import { javaDoubleToString, XNumber, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import type { FieldMapping } from './mapping.ts'
import { documentFailure, failedIn, rebuildAt, type TokenPart } from './document-failure.ts'
import { typedParameters, type ParameterSpec } from './field-parameters.ts'

export const HISTOGRAM = 'histogram'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['ignore_malformed', { kind: 'boolean', default: false }],
  ['meta', { kind: 'value', shown: {} }],
])

/** A histogram field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function histogramMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  return typedParameters(name, HISTOGRAM, definition, PARAMETERS) as unknown as FieldMapping
}

/** FieldMapper.notInMultiFields: a histogram cannot be a multi-field. */
export function histogramInMultiField(name: string): never {
  throw failedToParseMapping(`Field [${name}] of type [${HISTOGRAM}] can't be used in multifields`)
}

/** IndexHistogramFieldData.sortField's UnsupportedOperationException (a server error). */
export function histogramSortRefusal(): EsException {
  return new EsException({
    type: 'unsupported_operation_exception',
    reason: `can't sort on the [${HISTOGRAM}] field`,
    status: 500,
    rootCause: false,
  })
}

/** One histogram: its values ascending and their counts (each above 0). */
export interface Histogram {
  readonly values: readonly number[]
  readonly counts: readonly number[]
}

/** The histograms a document's value gives (at most one) and whether one was dropped as malformed. */
export interface HistogramValues {
  readonly encoded: string[]
  malformed: boolean
}

/**
 * The histogram of field `path`'s value (see the header), encoded; `ignoreMalformed` drops a failing value instead
 * (as does a document parsed again after its primary took it, `id` null); `hasValue`: the document already has one.
 */
export function histogramValues(
  path: string,
  value: XContentValue,
  id: string | null,
  ignoreMalformed: boolean,
  hasValue: boolean,
): HistogramValues {
  const out: HistogramValues = { encoded: [], malformed: false }
  const add = (element: XContentValue): void => {
    if (element === null) return
    if (Array.isArray(element)) {
      element.forEach((item, i) => {
        try {
          add(item)
        } catch (error) {
          throw failedIn(error, i)
        }
      })
      return
    }
    try {
      const histogram = parseHistogram(path, element)
      if (hasValue || out.encoded.length > 0)
        throw mapperFailure(
          path,
          'end',
          illegalArgumentException(
            `Field [${path}] of type [${HISTOGRAM}] doesn't not support indexing multiple values for the same ` +
              'field in the same document',
          ),
        )
      out.encoded.push(encodeHistogram(histogram))
    } catch (error) {
      if (!(error instanceof EsException) || (id !== null && !ignoreMalformed)) throw error
      out.malformed = true
    }
  }
  add(value)
  return out
}

/** One histogram object (see the header), or the mapper's failure. */
function parseHistogram(path: string, value: XContentValue): Histogram {
  if (!(value instanceof Map)) throw unexpectedToken(path, 'start', 'START_OBJECT', value)
  let values: number[] | null = null
  let counts: number[] | null = null
  for (const [key, element] of value) {
    try {
      if (key === 'values')
        values = numbers(path, element, (v, i, previous) => checkAscending(path, v, i, previous))
      else if (key === 'counts') counts = numbers(path, element, null).map(Math.trunc)
      else
        throw mapperFailure(
          path,
          'name',
          parseFailure(`error parsing field [${path}], with unknown parameter [${key}]`),
        )
    } catch (error) {
      throw failedIn(error, key)
    }
  }
  const atEnd = (reason: string) =>
    mapperFailure(path, 'end', parseFailure(`error parsing field [${path}], ${reason}`))
  if (values === null) throw atEnd('expected field called [values]')
  if (counts === null) throw atEnd('expected field called [counts]')
  if (values.length !== counts.length)
    throw atEnd(
      `expected same length from [values] and [counts] but got [${values.length} != ${counts.length}]`,
    )
  const negative = counts.find((count) => count < 0)
  if (negative !== undefined) throw atEnd(`[counts] elements must be >= 0 but got ${negative}`)
  const kept = counts.flatMap((count, i) => (count > 0 ? [i] : []))
  return { values: kept.map((i) => values[i]!), counts: kept.map((i) => counts[i]!) }
}

/** An array of numbers as doubles, each passed to `check` with the one before (the first's: -Double.MAX_VALUE). */
function numbers(
  path: string,
  value: XContentValue,
  check: ((value: number, index: number, previous: number) => void) | null,
): number[] {
  if (!Array.isArray(value)) throw unexpectedToken(path, 'start', 'START_ARRAY', value)
  const out: number[] = []
  let previous = -Number.MAX_VALUE
  value.forEach((element: XContentValue, i) => {
    if (!(element instanceof XNumber))
      throw failedIn(unexpectedToken(path, 'start', 'VALUE_NUMBER', element), i)
    check?.(element.value, i, previous)
    out.push(element.value)
    previous = element.value
  })
  return out
}

function checkAscending(path: string, value: number, index: number, previous: number): void {
  if (value >= previous) return
  const reason =
    `error parsing field [${path}], [values] values must be in increasing order, got ` +
    `[${javaDoubleToString(value)}] but previous value was [${javaDoubleToString(previous)}]`
  throw failedIn(mapperFailure(path, 'start', parseFailure(reason)), index)
}

/** A DocumentParsingException the mapper throws at the token it is on, built at the same token as its wrapper. */
function parseFailure(reason: string): (at: { line: number; col: number }) => EsException {
  return (at) => documentParsingException(at.line, at.col, reason)
}

/** ensureExpectedToken's ParsingException. */
function unexpectedToken(path: string, part: TokenPart, expected: string, value: XContentValue): EsException {
  const reason = `Failed to parse object: expecting token of type [${expected}] but found [${valueToken(value)}]`
  return mapperFailure(path, part, (at) => parsingException(at.line, at.col, reason))
}

/** The mapper's catch: "failed to parse field [f] of type [histogram]" at `part` of the token, caused by `cause`. */
function mapperFailure(
  path: string,
  part: TokenPart,
  cause: EsException | ((at: { line: number; col: number }) => EsException),
): EsException {
  return documentFailure(part, (at, token) => {
    const inner = cause instanceof EsException ? rebuildAt(cause, token) : cause(at)
    return documentParsingException(
      at.line,
      at.col,
      `failed to parse field [${path}] of type [${HISTOGRAM}]`,
      inner,
    )
  })
}

/**
 * A histogram as the one string its doc value holds: each value and its count, as JavaScript prints them (exact),
 * separated by spaces.
 */
export function encodeHistogram(histogram: Histogram): string {
  return histogram.values.map((value, i) => `${value} ${histogram.counts[i]}`).join(' ')
}

/** The histogram encodeHistogram wrote. */
export function decodeHistogram(encoded: string): Histogram {
  const values: number[] = []
  const counts: number[] = []
  if (encoded === '') return { values, counts }
  const parts = encoded.split(' ')
  for (let i = 0; i < parts.length; i += 2) {
    values.push(Number(parts[i]))
    counts.push(Number(parts[i + 1]))
  }
  return { values, counts }
}
