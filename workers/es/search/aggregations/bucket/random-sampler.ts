/**
 * `random_sampler` as ES 8's RandomSamplerAggregationBuilder, RandomSamplerAggregator and InternalRandomSampler parse,
 * collect, reduce and print it.
 *
 * Parse: `probability` (a double: above 0, and at most 0.5 or exactly 1.0), `seed` and `shard_seed` (ints).
 * Build, on each shard (checkLimits): no parent aggregation, at least one sub-aggregation, `probability` set, and
 * every sub-aggregation (at any depth) one whose sampled result the playground scales (finalize-sampling.ts).
 * Shard: with probability 1.0 every matching document; else the matches RandomSamplingQuery(p, seed, shard_seed or
 * the shard's random seed) also matches (random-sampling.ts). The sub-aggregations collect those documents.
 * Reduce: doc counts summed, sub-aggregations reduced and then finalized for sampling (their counts scaled up by
 * 1 / p); the bucket's own doc_count stays the sampled count.
 * Output: `{"seed": s, ["shard_seed": h,] "probability": p, "doc_count": n, ...sub-aggregations}`.
 * Without a `seed`, ES draws a random int per request; the playground takes Long.hashCode of the request's `now`.
 * Wire form: the seed, shard seed, probability, doc count and sub-aggregations.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import { JavaDouble, javaDoubleToString, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { collectAggregations } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { AggregationsWire, ReadAggregations } from '../aggregation-wire.ts'
import {
  InternalAggregation,
  aggregationsToXContent,
  readMeta,
  reduceAggregations,
  type AggregationWireHeader,
  type InternalAggregations,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import { finalizeAllSampling, SAMPLED_TYPES } from './finalize-sampling.ts'
import { randomSamplingDocs } from './random-sampling.ts'

export interface RandomSamplerWire extends AggregationWireHeader<'random_sampler'> {
  readonly seed: number
  readonly shardSeed: number | null
  readonly probability: number
  readonly docCount: number
  readonly aggs: AggregationsWire
}

export class InternalRandomSampler extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly seed: number,
    readonly shardSeed: number | null,
    readonly probability: number,
    readonly docCount: number,
    readonly aggs: InternalAggregations,
  ) {
    super(name, meta)
  }

  static readFrom(wire: RandomSamplerWire, read: ReadAggregations): InternalRandomSampler {
    const { seed, shardSeed, probability, docCount } = wire
    const aggs = read(wire.aggs)
    return new InternalRandomSampler(
      wire.name,
      readMeta(wire.meta),
      seed,
      shardSeed,
      probability,
      docCount,
      aggs,
    )
  }

  writeTo(): RandomSamplerWire {
    const { seed, shardSeed, probability, docCount } = this
    const aggs = this.aggs.map((agg) => agg.writeTo())
    return { ...this.header('random_sampler'), seed, shardSeed, probability, docCount, aggs }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const parts = all as readonly InternalRandomSampler[]
    const docCount = parts.reduce((n, part) => n + part.docCount, 0)
    const reduced = reduceAggregations(
      parts.map((part) => part.aggs),
      context,
    )
    const aggs = finalizeAllSampling(reduced, this.probability)
    const { seed, shardSeed, probability } = this
    return new InternalRandomSampler(this.name, this.meta, seed, shardSeed, probability, docCount, aggs)
  }

  getType(): string {
    return 'random_sampler'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    out.set('seed', this.seed)
    if (this.shardSeed !== null) out.set('shard_seed', this.shardSeed)
    out.set('probability', new JavaDouble(this.probability))
    out.set('doc_count', this.docCount)
    aggregationsToXContent(this.aggs, out, params)
  }
}

/** Long.hashCode: the two halves of the long xored, as an int. */
function longHashCode(value: number): number {
  const bits = BigInt.asUintN(64, BigInt(Math.trunc(value)))
  return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)))
}

/** RandomSamplerAggregationBuilder.doBuild's recursive supportsSampling check, over the types sampled here. */
function checkSampled(name: string, subs: readonly AggregationBuilder[]): void {
  for (const sub of subs) {
    // CardinalityAggregationBuilder keeps AggregationBuilder.supportsSampling's false (450_random_sampler.yml)
    if (sub.type === 'cardinality') {
      throw illegalArgumentException(
        `[random_sampler] aggregation [${name}] does not support sampling [${sub.type}] aggregation [${sub.name}]`,
      )
    }
    if (!SAMPLED_TYPES.has(sub.type)) {
      throw illegalArgumentException(
        `[random_sampler] aggregation [${name}]: sampling a [${sub.type}] aggregation [${sub.name}] is not available in the playground`,
      )
    }
    checkSampled(name, sub.subs)
  }
}

export const randomSamplerParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('random_sampler', body, ['probability', 'seed', 'shard_seed'])
  const seed = params.int('seed')
  const shardSeed = params.int('shard_seed')
  const probability = params.number('probability') ?? 0
  if (params.has('probability')) {
    const shown = javaDoubleToString(probability)
    const refusal =
      probability <= 0
        ? `[probability] must be greater than 0.0, was [${shown}]`
        : probability > 0.5 && probability !== 1.0
          ? `[probability] must be between 0.0 and 0.5 or exactly 1.0, was [${shown}]`
          : null
    if (refusal !== null) throw params.fieldFailure('probability', illegalArgumentException(refusal))
  }
  return {
    name,
    type: 'random_sampler',
    meta,
    subs,
    checkLimits(_limits, parent) {
      const prefix = `[random_sampler] aggregation [${name}]`
      if (parent !== undefined) throw illegalArgumentException(`${prefix} cannot have a parent aggregation`)
      if (subs.length === 0) throw illegalArgumentException(`${prefix} must have sub-aggregations`)
      if (probability === 0) throw illegalArgumentException(`${prefix} must have [probability] set`)
      checkSampled(name, subs)
    },
    collect(shard, docs) {
      const drawn = seed ?? longHashCode(shard.now)
      let sampled = docs
      if (probability < 1.0) {
        const hits = new Set(docs)
        const hash = shardSeed ?? shard.randomSeed
        sampled = randomSamplingDocs(probability, drawn, hash, shard.segments).filter((doc) => hits.has(doc))
      }
      const aggs = collectAggregations(subs, shard, sampled)
      return new InternalRandomSampler(name, meta, drawn, shardSeed, probability, sampled.length, aggs)
    },
  }
}
