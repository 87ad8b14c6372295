/**
 * `top_metrics` (x-pack TopMetricsAggregationBuilder, TopMetricsAggregator, InternalTopMetrics): the `metrics` (one
 * field config or a list; multi-values-source.ts) of the best `size` (default 1, at most the index's
 * `index.top_metrics_max_size`, default 10) documents by one `sort` (parsed as a search's; built on the shard as
 * BucketedSort: numeric fields, `_score`, numeric `_script`, `_geo_distance`; keywords and string scripts refused).
 * A metric's value is the document's values' average (MultiValueMode.AVG, rounded for long, date and boolean fields),
 * printed as its DocValueFormat prints it (a long as a long, a double as a double, a date in its format, a boolean as
 * true/false, a keyword's first value as a string); null without one. The sort value prints through the sort field's
 * DocValueFormat (a date formatted). `{"top": [{"sort": [v], "metrics": {"<field>": v, ...}}, ...]}`.
 * Reduce: the shards' lists merged by sort value (ties to the earlier shard), the first `size` kept.
 * Wire form: the sort key's order, the metric names, the size and each top's sort value with its rendering and each
 * metric's rendering (JSON text) and numeric value (NaN when not numeric), or null.
 */
import { decodeVersion } from '../../../index/mapper/version-field.ts'
import { EsException, illegalArgumentException, xContentParseException } from '../../../errors/index.ts'
import {
  JavaDouble,
  RawJson,
  elementLocation,
  sourceTextOf,
  toJson,
  tokenLocation,
  type JsonOut,
  type XContentObject,
} from '../../../xcontent/index.ts'
import {
  compareFieldDocs,
  formatSortValues,
  parseSort,
  sortKeyOrder,
  type SortBuilder,
  type SortField,
  type SortKeyOrder,
  type SortValue,
} from '../../sort/index.ts'
import { LONG_MAX, LONG_MIN } from '../../sort/sort-field.ts'
import { formatTerm } from '../../../common/network/inet-addresses.ts'
import type { ShardContext } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import {
  AggregationParams,
  constructingBuildFailure,
  failureLocation,
  tokenName,
} from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { parseFieldConfig, type FieldConfig } from '../multi-values-source.ts'
import { resolveValues, sourceField, unsupportedValuesSourceType } from '../values-source.ts'

export interface MetricValue {
  /** The value as the response prints it, as JSON text. */
  readonly json: string
  /** What `order` and `buckets_path` read: the number, NaN for keywords. */
  readonly value: number
}

export interface TopMetric {
  readonly sortValue: SortValue
  /** The sort value as the response prints it, as JSON text. */
  readonly sort: string
  readonly metrics: ReadonlyArray<MetricValue | null>
}

export interface TopMetricsWire extends AggregationWireHeader<'top_metrics'> {
  readonly order: SortKeyOrder
  readonly metricNames: readonly string[]
  readonly size: number
  readonly top: readonly TopMetric[]
}

export class InternalTopMetrics extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly order: SortKeyOrder,
    readonly metricNames: readonly string[],
    readonly size: number,
    readonly top: readonly TopMetric[],
  ) {
    super(name, meta)
  }

  static readFrom(wire: TopMetricsWire): InternalTopMetrics {
    return new InternalTopMetrics(
      wire.name,
      readMeta(wire.meta),
      sortKeyOrder(wire.order),
      [...wire.metricNames],
      wire.size,
      wire.top.map(copyTop),
    )
  }

  writeTo(): TopMetricsWire {
    return {
      type: 'top_metrics',
      name: this.name,
      meta: this.wireMeta(),
      order: sortKeyOrder(this.order),
      metricNames: [...this.metricNames],
      size: this.size,
      top: this.top.map(copyTop),
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const mapped = (all as readonly InternalTopMetrics[]).filter((p) => p.top.length > 0)
    if (mapped.length === 0) return this
    const merged = mapped
      .flatMap((p, shard) => p.top.map((top, rank) => ({ top, shard, rank })))
      .sort(
        (a, b) =>
          compareFieldDocs([this.order], [a.top.sortValue], [b.top.sortValue]) ||
          a.shard - b.shard ||
          a.rank - b.rank,
      )
      .slice(0, this.size)
      .map(({ top }) => top)
    return new InternalTopMetrics(this.name, this.meta, this.order, this.metricNames, this.size, merged)
  }

  /** InternalTopMetrics.sortValue / getProperty: the first top's metric, NaN when it has none. */
  override sortValue(metric: string | null): number | null {
    const index = metric === null ? -1 : this.metricNames.indexOf(metric)
    if (index < 0) return null
    return this.top[0]?.metrics[index]?.value ?? NaN
  }

  getType(): string {
    return 'top_metrics'
  }

  protected body(out: Map<string, JsonOut>): void {
    out.set(
      'top',
      this.top.map(
        (top) =>
          new Map<string, JsonOut>([
            ['sort', [new RawJson(top.sort)]],
            [
              'metrics',
              new Map(
                this.metricNames.map((name, i): [string, JsonOut] => {
                  const metric = top.metrics[i]
                  return [name, metric === null || metric === undefined ? null : new RawJson(metric.json)]
                }),
              ),
            ],
          ]),
      ),
    )
  }
}

function copyTop(top: TopMetric): TopMetric {
  return {
    sortValue: top.sortValue,
    sort: top.sort,
    metrics: top.metrics.map((m) => (m === null ? null : { ...m })),
  }
}

/** SortValue.toXContent with the sort's DocValueFormat: a date formatted, a boolean as true/false. */
function renderSort(field: SortField, value: SortValue): JsonOut {
  if (typeof value === 'number' && field.type === 'long' && value < LONG_MAX && value > LONG_MIN) {
    if (field.boolean) return value !== 0
    if (field.dateFormat !== null && field.nanos !== true) return field.dateFormat.format(value)
  }
  return formatSortValues([field], [value])[0] ?? null
}

/** One metric's reader on a shard: a document's MetricValue, or null when it has no value. */
function metricReader(shard: ShardContext, config: FieldConfig): (doc: number) => MetricValue | null {
  const resolved = resolveValues(shard, config.source, config.missing, 'top_metrics')
  const type = resolved.info?.type
  if (type === 'geo_point') throw unsupportedValuesSourceType(config.source, type, 'top_metrics')
  return (doc) => {
    const values = resolved.values(doc)
    if (values.length === 0) return null
    if (type === 'keyword' || type === 'ip' || type === 'version' || typeof values[0] === 'string') {
      const term = String(values[0])
      const text = type === 'ip' ? formatTerm(term) : type === 'version' ? decodeVersion(term) : term
      return { json: toJson(text), value: NaN }
    }
    const numbers = values as readonly number[]
    const sum = numbers.reduce((a, b) => a + b, 0)
    if (type === 'double') {
      const avg = sum / numbers.length
      return { json: toJson(new JavaDouble(avg)), value: avg }
    }
    // MultiValueMode.AVG over longs: Math.round of the mean
    const avg = numbers.length > 1 ? Math.floor(sum / numbers.length + 0.5) : sum
    const format = resolved.info?.format ?? null
    const json = type === 'boolean' ? avg !== 0 : format !== null ? format.format(avg) : avg
    return { json: toJson(json), value: avg }
  }
}

/** BucketedSort's refusals, made when the shard builds the sort. */
function checkBucketedSort(shard: ShardContext, sort: SortBuilder): void {
  if (sort.kind === 'script' && sort.type === 'string') {
    throw illegalArgumentException(
      'error building sort for [_script]: script sorting only supported on [numeric] scripts but was [string]',
    )
  }
  if (sort.kind !== 'field') return
  const type = shard.source.field(sort.field)?.type
  if (type === 'keyword' || type === 'ip' || type === 'version') {
    throw illegalArgumentException(
      `error building sort for field [${sort.field}] of type [${type}] in index [${shard.index}]: only supported on numeric fields`,
    )
  }
}

const DEFAULT_SIZE = 1

/**
 * ConstructingObjectParser's build once `sort` and `metrics` (and `size`, when given) arrived: its failure names the
 * field that completed the arguments, or, built at the end of the object, nothing.
 */
function buildFailure(body: XContentObject, reason: string): EsException {
  if (!body.has('size')) return constructingBuildFailure('top_metrics', body, null, reason)
  const last =
    [...body.keys()].filter((key) => key === 'sort' || key === 'size' || key === 'metrics').pop() ?? 'size'
  return constructingBuildFailure('top_metrics', body, last, reason)
}

/** declareObjectArray: one field config object or an array of them; another kind is refused at its token. */
function parseMetrics(params: AggregationParams): FieldConfig[] {
  const raw = params.raw('metrics') ?? null
  const list = Array.isArray(raw) ? raw : [raw]
  return list.map((entry, index) => {
    if (!(entry instanceof Map)) {
      throw xContentParseException(
        ...elementLocation(params.body, 'metrics', index),
        `[top_metrics] metrics doesn't support values of type: ${tokenName(entry)}`,
      )
    }
    return parseFieldConfig('top_metrics', 'metrics', entry, { scriptable: true })
  })
}

/**
 * `sort` (ValueType.OBJECT_ARRAY_OR_STRING, read by SortBuilder.fromXContent); a failure inside it is ObjectParser's
 * "failed to parse field [sort]" where the sort parser stood: the inner error's location, or the element (or the
 * value) it refused.
 */
function parseSorts(params: AggregationParams): SortBuilder[] {
  const raw = params.raw('sort') ?? null
  if (!(raw instanceof Map) && !Array.isArray(raw) && typeof raw !== 'string') {
    throw xContentParseException(
      ...tokenLocation(params.body, 'sort', 'value'),
      `[top_metrics] sort doesn't support values of type: ${tokenName(raw)}`,
    )
  }
  try {
    return parseSort(raw, sourceTextOf(params.body), () => {})
  } catch (cause) {
    if (!(cause instanceof EsException)) throw cause
    const refused = Array.isArray(raw)
      ? raw.findIndex((e) => !(e instanceof Map) && typeof e !== 'string')
      : -1
    const fallback =
      refused < 0
        ? tokenLocation(params.body, 'sort', 'value')
        : elementLocation(params.body, 'sort', refused)
    throw xContentParseException(
      ...failureLocation(cause, fallback),
      '[top_metrics] failed to parse field [sort]',
      cause,
    )
  }
}

export const topMetricsParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  rejectSubAggregations(name, 'top_metrics', subs)
  const params = new AggregationParams('top_metrics', body, ['sort', 'size', 'metrics'])
  let sorts: SortBuilder[] = []
  if (params.has('sort')) sorts = parseSorts(params)
  const metrics = params.has('metrics') ? parseMetrics(params) : []
  const missing = ['sort', 'metrics'].filter((key) => !params.has(key))
  if (missing.length > 0) throw illegalArgumentException(`Required [${missing.join(', ')}]`)
  const size = params.int('size') ?? DEFAULT_SIZE
  if (size < 1) throw buildFailure(body, `[size] must be more than 0 but was [${size}]`)
  if (sorts.length !== 1) throw buildFailure(body, '[sort] must contain exactly one sort')
  const sort = sorts[0]!
  const metricNames = metrics.map((metric) => sourceField(metric.source) ?? 'null')
  return {
    name,
    type: 'top_metrics',
    meta,
    subs,
    checkLimits({ topMetricsMaxSize }) {
      if (size <= topMetricsMaxSize) return
      throw illegalArgumentException(
        `[top_metrics.size] must not be more than [${topMetricsMaxSize}] but was [${size}]. This limit can be set by ` +
          'changing the [index.top_metrics_max_size] index level setting.',
      )
    },
    collect(shard, docs) {
      checkBucketedSort(shard, sort)
      const readers = metrics.map((metric) => metricReader(shard, metric))
      const { field, top } = shard.bucketedSort(docs, sort, size)
      const tops = top.map(({ docId, sortValues }) => {
        const sortValue = sortValues[0] ?? null
        return {
          sortValue,
          sort: toJson(renderSort(field, sortValue)),
          metrics: readers.map((read) => read(docId)),
        }
      })
      return new InternalTopMetrics(name, meta, sortKeyOrder(field), metricNames, size, tops)
    },
  }
}
