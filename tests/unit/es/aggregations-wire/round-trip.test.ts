// The property the multi-node search rests on: for a random request over random documents split into 1–4
// shards, reducing the shard results after they cross the wire (written, structured-cloned, read back)
// renders byte for byte what reducing them in place renders — including a too_many_buckets failure —
// and so does each shard's own result and the reduced result sent on again. Reading then writing a wire
// form gives it back unchanged, so nothing reduce might read is dropped.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  readAggregations,
  reduceShardAggregations,
  writeAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { requestArb, shardsArb } from './request-arbitrary.ts'
import { DEFAULT_DATE_FORMAT, collectShards, overTheWire, render, renderReduced } from './wire-fixture.ts'

const dateFormatArb = fc.constantFrom(DEFAULT_DATE_FORMAT, 'yyyy-MM-dd||epoch_millis', 'date_optional_time')
const maxBucketsArb = fc.option(fc.constantFrom(8, 64), { nil: undefined })

describe('aggregations over the wire', () => {
  it('reduce renders the same bytes from shard results that crossed the wire', () => {
    fc.assert(
      fc.property(
        requestArb,
        shardsArb,
        dateFormatArb,
        maxBucketsArb,
        (request, shards, format, maxBuckets) => {
          const perShard = collectShards(request, shards, format)
          const wires = perShard.map((aggs) => structuredClone(writeAggregations(aggs)))
          const received = wires.map(readAggregations)
          expect(renderReduced(received, maxBuckets)).toBe(renderReduced(perShard, maxBuckets))
          received.forEach((aggs, i) => {
            expect(render(aggs)).toBe(render(perShard[i]!))
            expect(writeAggregations(aggs)).toEqual(wires[i])
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a reduced result crosses the wire unchanged too', () => {
    fc.assert(
      fc.property(requestArb, shardsArb, (request, shards) => {
        const reduced = reduceShardAggregations(collectShards(request, shards))
        expect(render(overTheWire(reduced))).toBe(render(reduced))
        expect(render(reduceShardAggregations([overTheWire(reduced)]))).toBe(
          render(reduceShardAggregations([reduced])),
        )
      }),
    )
  })
})
