/**
 * What every pipeline aggregation's body shares: `buckets_path` (required: ParsingException "Missing
 * required field [buckets_path] for aggregation [<name>]"), `gap_policy` (insert_zeros, skip,
 * keep_values; anything else is ParsingException "Invalid gap policy: [<text>], accepted values:
 * [insert_zeros, skip, keep_values]") and `format`, a Java DecimalFormat pattern (DocValueFormat.Decimal) the
 * results print `value_as_string` with; bucket_selector and bucket_sort take no `format`.
 * A pipeline takes no sub-aggregations. The builder it becomes collects nothing: collectAggregations skips
 * it and the pipeline runs on the reduced result (apply-pipelines.ts).
 */
import { parsingException } from '../../../errors/index.ts'
import type { XContentObject, XContentValue } from '../../../xcontent/index.ts'
import type { AggregationBuilder } from '../aggregation-builder.ts'
import { AggregationParams, tokenName } from '../aggregation-params.ts'
import { GAP_POLICIES, type GapPolicy } from './buckets-path.ts'
import type { PipelineAggregator } from './pipeline-aggregator.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import { decimalValueFormat } from '../doc-value-format.ts'

/** The pipelines whose builders have no `format`. */
const WITHOUT_FORMAT: ReadonlySet<string> = new Set(['bucket_selector', 'bucket_sort'])

/**
 * The hand-written parsers (BucketMetricsParser for the sibling pipelines, derivative's parse) read string
 * and array fields only: an unknown one is ParsingException "Unknown key for a VALUE_STRING in [<name>]:
 * [<key>]." (START_ARRAY for an array), any other token "Unexpected token VALUE_NUMBER in [<name>].".
 * The others are ObjectParsers: `[<type>] unknown field [<key>]`.
 */
function checkHandWritten(name: string, body: XContentObject, allowed: readonly string[]): XContentObject {
  for (const [key, value] of body) {
    const token = tokenName(value)
    if (
      token !== 'VALUE_STRING' &&
      token !== 'START_ARRAY' &&
      !(allowed.includes(key) && key !== 'buckets_path')
    ) {
      throw parsingException(1, 1, `Unexpected token ${token} in [${name}].`)
    }
    if (!allowed.includes(key))
      throw parsingException(1, 1, `Unknown key for a ${token} in [${name}]: [${key}].`)
  }
  return body
}

export class PipelineParams extends AggregationParams {
  /** The results' format (`value_as_string`); null is DocValueFormat.RAW. */
  readonly format: ValueFormat | null

  constructor(
    type: string,
    readonly name: string,
    body: XContentObject,
    allowed: readonly string[],
    /** Whether ES parses this type by hand (BucketMetricsParser, derivative) rather than an ObjectParser. */
    handWritten = false,
  ) {
    const all = ['buckets_path', ...(WITHOUT_FORMAT.has(type) ? [] : ['format']), ...allowed]
    super(type, handWritten ? checkHandWritten(name, body, all) : body, all)
    const pattern = WITHOUT_FORMAT.has(type) ? null : this.string('format')
    this.format = pattern === null ? null : decimalValueFormat(pattern)
  }

  /** The raw `buckets_path` value, required. */
  bucketsPathValue(): XContentValue {
    const value = this.raw('buckets_path')
    if (value === undefined || value === null) {
      const what = this.type === 'derivative' ? 'derivative aggregation' : 'aggregation'
      throw parsingException(1, 1, `Missing required field [buckets_path] for ${what} [${this.name}]`)
    }
    return value
  }

  /** A string or an array of strings (the sibling and sequential pipelines). */
  bucketsPaths(): string[] {
    const value = this.bucketsPathValue()
    if (typeof value === 'string') return [value]
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value
    throw parsingException(1, 1, `Unexpected token ${tokenName(value)} in [${this.name}].`)
  }

  gapPolicy(fallback: GapPolicy): GapPolicy {
    const text = this.string('gap_policy')
    if (text === null) return fallback
    const policy = GAP_POLICIES.find((p) => p === text)
    if (policy === undefined) {
      throw parsingException(
        1,
        1,
        `Invalid gap policy: [${text}], accepted values: [${GAP_POLICIES.join(', ')}]`,
      )
    }
    return policy
  }
}

/** The builder a pipeline aggregation is in the request's tree. */
export function pipelineBuilder(
  pipeline: PipelineAggregator,
  meta: XContentObject | null,
  subs: readonly AggregationBuilder[],
): AggregationBuilder {
  if (subs.length > 0) {
    throw parsingException(1, 1, `Aggregation [${pipeline.name}] cannot define sub-aggregations`)
  }
  return {
    name: pipeline.name,
    type: pipeline.type,
    meta,
    subs,
    pipeline,
    collect() {
      throw new TypeError(
        `pipeline aggregation [${pipeline.name}] runs on the reduced result, not on a shard`,
      )
    },
  }
}
