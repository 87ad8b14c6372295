/**
 * A rank_eval metric's ConstructingObjectParser (PrecisionAtK, RecallAtK, MeanReciprocalRank,
 * DiscountedCumulativeGain, ExpectedReciprocalRank), every field a constructor argument:
 * - int fields take a number (a fraction truncated, as Jackson's getIntValue does) or a numeric string (parsed as
 *   a double and range-checked, AbstractXContentParser.intValue: `For input string: "x"`, `Value [x] is out of
 *   range for an integer`); boolean fields take a boolean or "true"/"false" (Booleans.parseBoolean's error);
 *   another token is `[<parser>] <field> doesn't support values of type: <TOKEN>`;
 * - an unknown field is `[<parser>] unknown field [<name>]` with SuggestingErrorOnUnknown's hint;
 * - a missing required field is `Required [<fields>]` at the object's end;
 * - the metric's constructor runs once the last argument arrived: inside the parse of the last field when every
 *   argument is given (wrapped as `[<parser>] failed to parse field [<last>]`), else at the object's end; its
 *   refusal is `Failed to build [<parser>] after last required field arrived` caused by the IllegalArgumentException.
 */
import { EsException, illegalArgumentException, numberFormatException } from '../errors/index.ts'
import { XNumber, type XContentValue } from '../xcontent/index.ts'
import { parseBoolean } from '../common/booleans.ts'
import { suggest } from '../common/did-you-mean.ts'
import { valueToken } from '../action/value-token.ts'
import { ParseFailure, type PolicyParseContext } from '../ilm/policy-parse-context.ts'

export interface MetricField {
  readonly name: string
  readonly kind: 'int' | 'boolean'
  readonly required?: boolean
}

/** A metric's arguments by field name (absent when not given). */
export type MetricArgs = ReadonlyMap<string, number | boolean>

/**
 * Parses the metric object `body` (at `ctx`) with `fields`, then builds the metric with `build`, which throws the
 * constructor's EsException when it refuses the arguments.
 */
export function parseMetric<T>(
  ctx: PolicyParseContext,
  parser: string,
  body: XContentValue,
  fields: readonly MetricField[],
  build: (args: MetricArgs) => T,
): T {
  if (!(body instanceof Map)) {
    throw new ParseFailure(
      ctx.error(ctx.offset(), `[${parser}] Expected START_OBJECT but was: ${valueToken(body)}`),
      ctx.offset(),
    )
  }
  const args = new Map<string, number | boolean>()
  let last = ''
  for (const [key, value] of body) {
    const field = fields.find((f) => f.name === key)
    if (field === undefined) {
      const at = ctx.child(key).offset('name')
      const names = fields.map((f) => f.name)
      throw new ParseFailure(ctx.error(at, `[${parser}] unknown field [${key}]${suggest(key, names)}`), at)
    }
    args.set(key, readField(ctx, parser, field, value))
    last = key
  }
  const missing = fields.filter((f) => f.required === true && !args.has(f.name)).map((f) => f.name)
  if (missing.length > 0) {
    throw new ParseFailure(illegalArgumentException(`Required [${missing.join(', ')}]`), ctx.offset('end'))
  }
  try {
    return build(args)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const failure = ctx.buildFailure(parser, error)
    if (args.size < fields.length) throw failure
    // every argument arrived: the build ran inside the last field's parse, where the parser stood on its value
    throw ctx.wrap(parser, last, new ParseFailure(failure.exception, ctx.child(last).offset()))
  }
}

function readField(
  ctx: PolicyParseContext,
  parser: string,
  field: MetricField,
  value: XContentValue,
): number | boolean {
  const supported =
    value instanceof XNumber
      ? field.kind === 'int'
      : typeof value === 'boolean'
        ? field.kind === 'boolean'
        : typeof value === 'string'
  if (!supported) throw ctx.unsupportedValue(parser, field.name, value)
  if (field.kind === 'int') return intField(ctx, parser, field.name, value)
  try {
    return typeof value === 'boolean' ? value : parseBoolean(value as string)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw ctx.valueFailure(parser, field.name, error)
  }
}

/** declareInt's value at `key`: a number or a numeric string (AbstractXContentParser.intValue). */
export function intField(ctx: PolicyParseContext, parser: string, key: string, value: XContentValue): number {
  if (!(value instanceof XNumber) && typeof value !== 'string') throw ctx.unsupportedValue(parser, key, value)
  try {
    return intValue(value)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw ctx.valueFailure(parser, key, error)
  }
}

/** AbstractXContentParser.intValue(coerce = true). */
function intValue(value: XNumber | string): number {
  if (value instanceof XNumber) return Math.trunc(value.value)
  const trimmed = value.trim()
  const n =
    trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(trimmed)
      ? NaN
      : parseFloat(trimmed)
  if (Number.isNaN(n)) throw numberFormatException(value)
  if (n < -2147483648 || n > 2147483647)
    throw illegalArgumentException(`Value [${value}] is out of range for an integer`)
  return Math.trunc(n)
}

/** An int argument, or its default. */
export function intArg(args: MetricArgs, name: string, fallback: number): number {
  const value = args.get(name)
  return typeof value === 'number' ? value : fallback
}

/** A boolean argument, or its default. */
export function booleanArg(args: MetricArgs, name: string, fallback: boolean): boolean {
  const value = args.get(name)
  return typeof value === 'boolean' ? value : fallback
}

/** An optional int argument (DCG's and ERR's `unknown_doc_rating`): null when absent. */
export function optionalIntArg(args: MetricArgs, name: string): number | null {
  const value = args.get(name)
  return typeof value === 'number' ? value : null
}

/** The constructors' checks of `relevant_rating_threshold` and `k`. */
export function checkThresholdAndK(threshold: number, k: number): void {
  if (threshold < 0)
    throw illegalArgumentException('Relevant rating threshold for precision must be positive integer.')
  if (k <= 0) throw illegalArgumentException('Window size k must be positive.')
}

const THRESHOLD_AND_K: readonly MetricField[] = [
  { name: 'relevant_rating_threshold', kind: 'int' },
  { name: 'k', kind: 'int' },
]

/** RecallAtK's and MeanReciprocalRank's parser: `relevant_rating_threshold` (default 1) and `k` (default 10), checked. */
export function parseThresholdAndK<T>(
  ctx: PolicyParseContext,
  parser: string,
  body: XContentValue,
  build: (threshold: number, k: number) => T,
): T {
  return parseMetric(ctx, parser, body, THRESHOLD_AND_K, (args) => {
    const threshold = intArg(args, 'relevant_rating_threshold', 1)
    const k = intArg(args, 'k', 10)
    checkThresholdAndK(threshold, k)
    return build(threshold, k)
  })
}
