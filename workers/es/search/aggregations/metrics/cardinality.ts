/**
 * `cardinality`: distinct values by HyperLogLog++ (see hyper-log-log-plus-plus.ts), with
 * precision_threshold (default 3000, at most 40000) choosing the precision as ES does. Keywords hash as
 * MurmurHash3 x64 128 of their UTF-8 bytes, longs/dates/booleans as mix64(long), doubles as
 * mix64(doubleToLongBits). Renders {"value": N}. Wire form: the HyperLogLog++ sketch's own.
 */
import type { JsonOut, XContentObject } from '../../../xcontent/index.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { illegalArgumentException } from '../../../errors/index.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { resolveValues } from '../values-source.ts'
import {
  HyperLogLogPlusPlus,
  precisionFromThreshold,
  type HyperLogLogPlusPlusWire,
} from './hyper-log-log-plus-plus.ts'
import { cardinalityHash } from './murmur3-x64-128.ts'

const DEFAULT_PRECISION_THRESHOLD = 3000
const MAX_PRECISION_THRESHOLD = 40000

export interface CardinalityWire extends AggregationWireHeader<'cardinality'> {
  readonly counts: HyperLogLogPlusPlusWire
}

export class InternalCardinality extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly counts: HyperLogLogPlusPlus,
  ) {
    super(name, meta)
  }

  static readFrom(wire: CardinalityWire): InternalCardinality {
    return new InternalCardinality(wire.name, readMeta(wire.meta), HyperLogLogPlusPlus.readFrom(wire.counts))
  }

  writeTo(): CardinalityWire {
    return { type: 'cardinality', name: this.name, meta: this.wireMeta(), counts: this.counts.writeTo() }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const merged = new HyperLogLogPlusPlus(this.counts.precision)
    for (const part of all as readonly InternalCardinality[]) merged.merge(part.counts)
    return new InternalCardinality(this.name, this.meta, merged)
  }

  override sortValue(): number {
    return this.counts.cardinality()
  }

  getType(): string {
    return 'cardinality'
  }

  protected body(out: Map<string, JsonOut>): void {
    out.set('value', this.counts.cardinality())
  }
}

export const cardinalityParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  rejectSubAggregations(name, 'cardinality', subs)
  const params = new AggregationParams('cardinality', body, [
    'field',
    'missing',
    'precision_threshold',
    'execution_hint',
    'script',
    'value_type',
  ])
  const field = params.valuesSource('keyword')
  const requested = params.int('precision_threshold')
  if (requested !== null && requested < 0) {
    // CardinalityAggregationBuilder.precisionThreshold's refusal, from inside its ObjectParser
    const refusal = `[precisionThreshold] must be greater than or equal to 0. Found [${requested}] in [${name}]`
    throw params.fieldFailure('precision_threshold', illegalArgumentException(refusal))
  }
  const threshold = Math.min(requested ?? DEFAULT_PRECISION_THRESHOLD, MAX_PRECISION_THRESHOLD)
  const precision = precisionFromThreshold(threshold)
  return {
    name,
    type: 'cardinality',
    meta,
    subs,
    collect(shard, docs) {
      const config = resolveValues(shard, field, params.raw('missing'), 'cardinality')
      const floatingPoint = config.info?.type === 'double'
      const counts = new HyperLogLogPlusPlus(precision)
      for (const doc of docs)
        for (const value of config.values(doc)) counts.collect(cardinalityHash(value, floatingPoint))
      return new InternalCardinality(name, meta, counts)
    },
  }
}
