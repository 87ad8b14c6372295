/**
 * A truncated log stays truncated in storage: after a follower truncates (part of a flushed chunk,
 * whole chunks, whole later segments) and appends again, a reload must hold exactly the log as it was,
 * never the truncated bytes spliced back behind newer ones.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../workers/kafka/log/log-manager.ts'
import { MemoryStorage } from '../../../workers/storage/memory-storage.ts'
import { decodeValues, loadLogEngine, record } from './kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const config = { segmentBytes: 400 }

async function flush(manager: LogManager, storage: MemoryStorage): Promise<void> {
  await storage.write(manager.takeFlushOps())
}

/** Every record of the log, read segment by segment as a fetcher would. */
function contents(manager: LogManager): Array<[number, string | null]> {
  const log = manager.getLog('T', 0)!
  const out: Array<[number, string | null]> = []
  for (let offset = 0; offset < log.logEndOffset;) {
    const records = decodeValues(engine, log.read(offset, 1 << 30, log.logEndOffset))
    if (records.length === 0) break
    out.push(...records.filter(([o]) => o >= offset))
    offset = records[records.length - 1]![0] + 1
  }
  return out
}

describe('truncation persistence', () => {
  it('reloads exactly the truncated-then-appended log, for any sequence of appends, flushes and truncations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('append' as const),
              values: fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 4 }),
            }),
            fc.record({ kind: fc.constant('flush' as const) }),
            fc.record({ kind: fc.constant('truncate' as const), back: fc.nat(6) }),
          ),
          { maxLength: 25 },
        ),
        async (steps) => {
          const storage = new MemoryStorage()
          const manager = new LogManager(engine, storage)
          const log = manager.createLog('T', 0, config)
          for (const step of steps) {
            if (step.kind === 'append')
              log.appendAsLeader(engine.encodeBatch(step.values.map((v) => record(v))))
            else if (step.kind === 'flush') await flush(manager, storage)
            else log.truncateTo(Math.max(0, log.logEndOffset - step.back))
          }
          await flush(manager, storage)
          const expected = contents(manager)
          expect(expected.length).toBe(log.logEndOffset)
          const reloaded = new LogManager(engine, storage)
          const report = await reloaded.loadLog('T', 0, config)
          expect(report.truncatedBytes).toBe(0)
          expect(contents(reloaded)).toEqual(expected)
        },
      ),
      { numRuns: 150 },
    )
  })
})
