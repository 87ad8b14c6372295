/**
 * `top_hits`: each shard returns its best `from + size` hits of the bucket through the search layer's
 * callback; reduce merges them by sort key (then shard order, as ES's TopDocs.merge breaks ties) and keeps
 * `size` hits from `from`. Renders {"hits":{"total":{"value":N,"relation":"eq"},"max_score":S,"hits":[...]}}.
 * from + size is bounded by index.max_inner_result_window (100).
 * Wire form: from, size, the totals and each hit's sort key with the hit as its rendered JSON text (a hit
 * is only ever rendered, so it is read back as that text, spliced verbatim).
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import {
  JavaFloat,
  RawJson,
  toJson,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../../xcontent/index.ts'
import type { ShardTopHits } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'

const MAX_INNER_RESULT_WINDOW = 100
const FETCH_OPTIONS = [
  'sort',
  '_source',
  'stored_fields',
  'docvalue_fields',
  'fields',
  'version',
  'seq_no_primary_term',
  'explain',
  'highlight',
  'track_scores',
  'script_fields',
]

export interface TopHitsWire extends AggregationWireHeader<'top_hits'> {
  readonly from: number
  readonly size: number
  readonly totalHits: number
  readonly maxScore: number | null
  readonly hits: ReadonlyArray<{ readonly sortKey: readonly number[]; readonly hit: string }>
}

export class InternalTopHits extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly from: number,
    readonly size: number,
    readonly shardHits: ShardTopHits,
  ) {
    super(name, meta)
  }

  static readFrom(wire: TopHitsWire): InternalTopHits {
    const hits = wire.hits.map(({ sortKey, hit }) => ({ sortKey: [...sortKey], hit: new RawJson(hit) }))
    return new InternalTopHits(wire.name, readMeta(wire.meta), wire.from, wire.size, {
      totalHits: wire.totalHits,
      maxScore: wire.maxScore,
      hits,
    })
  }

  writeTo(): TopHitsWire {
    const { totalHits, maxScore, hits } = this.shardHits
    return {
      ...this.header('top_hits'),
      from: this.from,
      size: this.size,
      totalHits,
      maxScore,
      hits: hits.map(({ sortKey, hit }) => ({ sortKey: [...sortKey], hit: toJson(hit) })),
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const parts = (all as readonly InternalTopHits[]).map((p) => p.shardHits)
    const merged = parts
      .flatMap((part, shard) => part.hits.map((hit, rank) => ({ ...hit, shard, rank })))
      .sort((a, b) => compareKeys(a.sortKey, b.sortKey) || a.shard - b.shard || a.rank - b.rank)
    const scores = parts.map((p) => p.maxScore).filter((s): s is number => s !== null)
    const shardHits: ShardTopHits = {
      totalHits: parts.reduce((n, p) => n + p.totalHits, 0),
      maxScore: scores.length === 0 ? null : Math.max(...scores),
      hits: merged.slice(this.from, this.from + this.size),
    }
    return new InternalTopHits(this.name, this.meta, 0, this.size, shardHits)
  }

  protected body(out: Map<string, JsonOut>): void {
    const { totalHits, maxScore, hits } = this.shardHits
    out.set(
      'hits',
      new Map<string, JsonOut>([
        ['total', { value: totalHits, relation: 'eq' }],
        ['max_score', maxScore === null ? null : new JavaFloat(maxScore)],
        ['hits', hits.map((h) => h.hit)],
      ]),
    )
  }
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i]! - b[i]!
    if (d !== 0) return d
  }
  return a.length - b.length
}

export const topHitsParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  rejectSubAggregations(name, 'top_hits', subs)
  const params = new AggregationParams('top_hits', body, ['from', 'size', ...FETCH_OPTIONS])
  const from = params.int('from') ?? 0
  const size = params.int('size') ?? 3
  if (from + size > MAX_INNER_RESULT_WINDOW) {
    throw illegalArgumentException(
      `Top hits result window is too large, the top hits aggregator [${name}]'s from + size must be less than or ` +
        `equal to: [${MAX_INNER_RESULT_WINDOW}] but was [${from + size}]. This limit can be set by changing the ` +
        '[index.max_inner_result_window] index level setting.',
    )
  }
  const options = new Map<string, XContentValue>([...body].filter(([key]) => FETCH_OPTIONS.includes(key)))
  return {
    name,
    type: 'top_hits',
    meta,
    subs,
    collect(shard, docs) {
      return new InternalTopHits(
        name,
        meta,
        from,
        size,
        shard.topHits(docs, { from: 0, size: from + size, options }),
      )
    },
  }
}
