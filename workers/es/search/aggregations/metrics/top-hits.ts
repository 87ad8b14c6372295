/**
 * `top_hits`: each shard returns its best `from + size` hits of the bucket through the search layer's
 * callback, ranked by score or by the aggregation's own `sort` (parsed as the search's, SortBuilder.fromXContent;
 * a sort that is `_score` descending alone ranks by score, as SortBuilder.buildSort's shortcut);
 * reduce merges them by sort key (then shard order, as ES's TopDocs.merge breaks ties) and keeps
 * `size` hits from `from`. Renders {"hits":{"total":{"value":N,"relation":"eq"},"max_score":S,"hits":[...]}}.
 * from + size is bounded by the shard's index's index.max_inner_result_window, checked when the shard builds it.
 * `version`, `seq_no_primary_term`, `track_scores`, `_source`, `stored_fields`, `docvalue_fields` and `fields`
 * shape the hits as a search's
 * (fetch/fetch-options.ts, shard-aggregation-context.ts); `script_fields`, `explain` and `highlight` are accepted
 * and not applied.
 * Wire form: from, size, the totals, the sort keys' order and each hit's sort key with the hit as its rendered
 * JSON text (a hit is only ever rendered, so it is read back as that text, spliced verbatim).
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import { valueToken } from '../../../action/value-token.ts'
import { FetchOptionsReader, hitSource } from '../../fetch/fetch-options.ts'
import { JavaFloat, RawJson, toJson, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { ShardTopHits, TopHitsRequest } from '../aggregation-context.ts'
import { fetchSourceOption } from '../../../action/fetch-source.ts'
import {
  compareFieldDocs,
  parseSort,
  sortKeyOrder,
  sortsByScore,
  type SortKeyOrder,
  type SortValue,
} from '../../sort/index.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'

const FETCH_OPTIONS = ['version', 'seq_no_primary_term', 'stored_fields', 'docvalue_fields', 'fields']
const OPTIONS = [
  'from',
  'size',
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
  readonly order: readonly SortKeyOrder[]
  readonly hits: ReadonlyArray<{ readonly sortKey: readonly SortValue[]; readonly hit: string }>
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
      order: wire.order.map(sortKeyOrder),
      hits,
    })
  }

  writeTo(): TopHitsWire {
    const { totalHits, maxScore, order, hits } = this.shardHits
    return {
      type: 'top_hits',
      name: this.name,
      meta: this.wireMeta(),
      from: this.from,
      size: this.size,
      totalHits,
      maxScore,
      order: order.map(sortKeyOrder),
      hits: hits.map(({ sortKey, hit }) => ({ sortKey: [...sortKey], hit: toJson(hit) })),
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const parts = (all as readonly InternalTopHits[]).map((p) => p.shardHits)
    const order = parts[0]!.order
    const merged = parts
      .flatMap((part, shard) => part.hits.map((hit, rank) => ({ ...hit, shard, rank })))
      .sort((a, b) => compareFieldDocs(order, a.sortKey, b.sortKey) || a.shard - b.shard || a.rank - b.rank)
    const scores = parts.map((p) => p.maxScore).filter((s): s is number => s !== null)
    const shardHits: ShardTopHits = {
      totalHits: parts.reduce((n, p) => n + p.totalHits, 0),
      maxScore: scores.length === 0 ? null : Math.max(...scores),
      order,
      hits: merged.slice(this.from, this.from + this.size),
    }
    return new InternalTopHits(this.name, this.meta, 0, this.size, shardHits)
  }

  getType(): string {
    return 'top_hits'
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

export const topHitsParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  rejectSubAggregations(name, 'top_hits', subs)
  const params = new AggregationParams('top_hits', body, OPTIONS)
  const from = params.int('from') ?? 0
  const size = params.int('size') ?? 3
  const reader = new FetchOptionsReader()
  for (const key of FETCH_OPTIONS) {
    const value = params.raw(key)
    if (value !== undefined && !reader.read(key, value))
      throw parsingException(1, 1, `Unknown key for a ${valueToken(value)} in [${key}].`)
  }
  const fetch = reader.build()
  const sortValue = params.raw('sort')
  const sort = sortValue === undefined ? [] : parseSort(sortValue, '', () => {})
  const request: TopHitsRequest = {
    from: 0,
    size: from + size,
    sort: sortsByScore(sort) ? null : sort,
    trackScores: params.boolean('track_scores') ?? false,
    fetch,
    fetchSource: hitSource(fetchSourceOption(params.raw('_source')), fetch.storedFields),
  }
  return {
    name,
    type: 'top_hits',
    meta,
    subs,
    collect(shard, docs) {
      return new InternalTopHits(name, meta, from, size, shard.topHits(docs, request))
    },
    checkLimits({ maxInnerResultWindow }) {
      if (from + size <= maxInnerResultWindow) return
      throw illegalArgumentException(
        `Top hits result window is too large, the top hits aggregator [${name}]'s from + size must be less than ` +
          `or equal to: [${maxInnerResultWindow}] but was [${from + size}]. This limit can be set by changing the ` +
          '[index.max_inner_result_window] index level setting.',
      )
    },
  }
}
