/**
 * RolloverConditions as ES 8.17's rollover request parses and evaluates them: the `conditions` object's
 * max_age, max_docs, max_size, max_primary_shard_size, max_primary_shard_docs and their min_* twins.
 * Each condition prints as Condition.toString, `[name: value]` (a count as given; a size as ByteSizeValue
 * prints it, `50gb`; an age as TimeValue prints it, one decimal at most: `7d`, `1.5h`), which is its key in
 * the response's `conditions` map (a HashMap, so in Java's order of those strings). A condition is met when
 * the write index's figure is at least its value. The request's conditions are met when there are none,
 * or when every min_* one and at least one max_* one is met (areConditionsMet).
 */
import { EsException, numberFormatException, xContentParseException } from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import { parseBytes } from '../../ingest/processors/string-processors.ts'
import { ByteSize } from '../../rest/cat/byte-size.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import { valueToken } from '../../action/value-token.ts'
import { suggest } from '../../common/did-you-mean.ts'
import { humanReadableNanos } from '../../common/time/time-value-text.ts'

type Measure = 'age' | 'docs' | 'size' | 'primary_shard_size' | 'primary_shard_docs'

export interface RolloverCondition {
  readonly type: 'max' | 'min'
  readonly measure: Measure
  /** Milliseconds (age), a count (docs) or bytes (sizes). */
  readonly value: number
  /** Condition.toString. */
  readonly text: string
}

/** What the write index measures, as the rollover's IndicesStats of its primaries give it. */
export interface RolloverStats {
  readonly ageMillis: number
  readonly docs: number
  readonly sizeBytes: number
  readonly maxPrimaryShardBytes: number
  readonly maxPrimaryShardDocs: number
}

const MEASURES: readonly Measure[] = ['age', 'docs', 'size', 'primary_shard_size', 'primary_shard_docs']

/** The parser's fields, which SuggestingErrorOnUnknown's "did you mean" is drawn from. */
const CONDITION_NAMES = ['max', 'min'].flatMap((type) => MEASURES.map((measure) => `${type}_${measure}`))

/**
 * The request's `conditions` field: RolloverConditions.PARSER inside RolloverRequest's. A failure inside is
 * wrapped as `[rollover] failed to parse field [conditions]` at the same place (ObjectParser.parseValue
 * reports the parser's current token): an unknown condition's name, or a bad value.
 */
export function parseRolloverConditions(text: string, conditions: XContentValue): RolloverCondition[] {
  if (!(conditions instanceof Map)) {
    const { line, col } = bodyLocation(text, 'conditions', 'value')
    const message = `[rollover] conditions doesn't support values of type: ${valueToken(conditions)}`
    throw xContentParseException(line, col, message)
  }
  const parsed: RolloverCondition[] = []
  for (const [name, value] of conditions) {
    const match = /^(max|min)_(.+)$/.exec(name)
    const measure = MEASURES.find((m) => m === match?.[2])
    if (!match || measure === undefined) {
      throw wrapped(
        text,
        name,
        'key',
        xContentParseError(
          text,
          name,
          'key',
          `[rollover_conditions] unknown field [${name}]${suggest(name, CONDITION_NAMES)}`,
        ),
      )
    }
    if (value instanceof Map || Array.isArray(value) || value === null) {
      const message = `[rollover_conditions] ${name} doesn't support values of type: ${valueToken(value)}`
      throw wrapped(text, name, 'value', xContentParseError(text, name, 'value', message))
    }
    try {
      parsed.push(parseCondition(match[1] as 'max' | 'min', measure, name, value))
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      const inner = xContentParseError(
        text,
        name,
        'value',
        `[rollover_conditions] failed to parse field [${name}]`,
        error,
      )
      throw wrapped(text, name, 'value', inner)
    }
  }
  return parsed
}

function xContentParseError(
  text: string,
  key: string,
  at: 'key' | 'value',
  message: string,
  causedBy?: EsException,
): EsException {
  const { line, col } = bodyLocation(text, key, at)
  return xContentParseException(line, col, message, causedBy)
}

function wrapped(text: string, key: string, at: 'key' | 'value', inner: EsException): EsException {
  return xContentParseError(text, key, at, '[rollover] failed to parse field [conditions]', inner)
}

function parseCondition(
  type: 'max' | 'min',
  measure: Measure,
  name: string,
  value: string | boolean | XNumber,
): RolloverCondition {
  if (measure === 'docs' || measure === 'primary_shard_docs') {
    const lexeme = value instanceof XNumber ? value.text : typeof value === 'string' ? value : null
    if (lexeme === null || !/^-?\d+$/.test(lexeme)) throw numberFormatException(String(lexeme))
    return { type, measure, value: Number(lexeme), text: `[${name}: ${Number(lexeme)}]` }
  }
  const given = value instanceof XNumber ? value.text : String(value)
  if (measure === 'age') {
    const age = parseTimeValue(given, name)
    const millis = timeValueMillis(age)
    return {
      type,
      measure,
      value: millis,
      text: `[${name}: ${humanReadableNanos(age.duration * age.nanosPerUnit, 1)}]`,
    }
  }
  const bytes = Number(parseBytes(given, name))
  return { type, measure, value: bytes, text: `[${name}: ${new ByteSize(bytes).toString()}]` }
}

/** RolloverRequest.validate: min_* conditions need a max_* one beside them. */
export function conditionsValidationErrors(conditions: readonly RolloverCondition[]): string[] {
  const hasMin = conditions.some((c) => c.type === 'min')
  const hasMax = conditions.some((c) => c.type === 'max')
  return hasMin && !hasMax
    ? ['at least one max_* rollover condition must be set when using min_* conditions']
    : []
}

/** Each condition's result by its text, in the response's (HashMap) order. */
export function evaluateConditions(
  conditions: readonly RolloverCondition[],
  stats: RolloverStats,
): Map<string, boolean> {
  const figure: Record<Measure, number> = {
    age: stats.ageMillis,
    docs: stats.docs,
    size: stats.sizeBytes,
    primary_shard_size: stats.maxPrimaryShardBytes,
    primary_shard_docs: stats.maxPrimaryShardDocs,
  }
  const results = new Map(conditions.map((c) => [c.text, figure[c.measure] >= c.value] as const))
  return new Map(javaStringKeyOrder([...results.keys()]).map((key) => [key, results.get(key)!]))
}

/** RolloverConditions.areConditionsMet. */
export function areConditionsMet(
  conditions: readonly RolloverCondition[],
  results: ReadonlyMap<string, boolean>,
): boolean {
  if (results.size === 0) return true
  const met = (c: RolloverCondition): boolean => results.get(c.text) === true
  const mins = conditions.filter((c) => c.type === 'min')
  const maxes = conditions.filter((c) => c.type === 'max')
  return mins.every(met) && maxes.some(met)
}
