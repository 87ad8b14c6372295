// Compaction against a naive oracle (fast-check): random keyed updates and tombstones in random batches,
// random high watermarks and cleaning rounds at random times. After every round, with E the round's end:
// - a consumer reading from the start sees, for every key, the value of its latest record, or nothing /
//   null when that record is a tombstone;
// - every record it sees is an original record at its original offset, offsets strictly increase;
// - below E at most one record per key remains, the key's latest record below E (a tombstone may be gone);
// - every record at or past E is unchanged.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { loadLogEngine } from '../kafka-fixtures.ts'
import { appendBatches, cleanOnce, compactedLog, consume, keyed, type Seen } from './compaction-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const update = fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.option(fc.nat(99), { nil: null }))
const step = fc.record({
  batches: fc.array(fc.array(update, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  hwBack: fc.nat(3),
  advanceMs: fc.integer({ min: 0, max: 2_000 }),
})

describe('log compaction against an oracle', () => {
  it('keeps what a consumer needs and nothing else below the cleaned range', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const log = compactedLog(engine, { deleteRetentionMs: 1_000, minCleanableRatio: 0 })
        const original: Seen[] = []
        let now = 10_000
        let checkpoint: number | undefined
        for (const { batches, hwBack, advanceMs } of steps) {
          const specs = batches.map((b) => b.map(([key, value]) => `${key}=${value ?? ''}`))
          for (const batch of specs) {
            for (const spec of batch) {
              const [key = '', value = ''] = spec.split('=')
              original.push([original.length, key, value === '' ? null : value])
            }
          }
          appendBatches(
            engine,
            log,
            specs.map((batch) => batch.map((spec) => keyed(spec))),
          )
          log.highWatermark = Math.max(log.logStartOffset, log.logEndOffset - hwBack)
          now += advanceMs
          const end = cleanOnce(engine, log, now, checkpoint)
          if (end === null) continue
          checkpoint = end
          const seen = consume(engine, log)
          const offsets = seen.map(([offset]) => offset)
          expect(offsets).toEqual([...offsets].sort((x, y) => x - y))
          expect(new Set(offsets).size).toBe(offsets.length)
          for (const entry of seen) expect(entry).toEqual(original[entry[0]])
          const lastOf = (records: readonly Seen[]) => new Map(records.map((r) => [r[1], r]))
          for (const [key, latest] of lastOf(original)) {
            const got = lastOf(seen).get(key)
            if (latest[2] === null) expect(got === undefined || got[2] === null).toBe(true)
            else expect(got).toEqual(latest)
          }
          const below = seen.filter(([offset]) => offset < end)
          const latestBelow = lastOf(original.filter(([offset]) => offset < end))
          expect(new Set(below.map(([, key]) => key)).size).toBe(below.length)
          for (const entry of below) expect(latestBelow.get(entry[1])).toEqual(entry)
          for (const latest of latestBelow.values())
            if (latest[2] !== null) expect(below).toContainEqual(latest)
          expect(seen.filter(([offset]) => offset >= end)).toEqual(
            original.filter(([offset]) => offset >= end),
          )
        }
      }),
      { numRuns: 150 },
    )
  })
})
