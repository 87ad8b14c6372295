// Primary–replica resync and replica rollback (action/replica-operations.ts, action/primary-replica-syncer.ts,
// index/seqno/): an old primary's operations reach two replicas, every operation up to the global checkpoint
// both of them, the rest each a random subset, in a random order (stale ones skipped), between random
// refreshes; then replica 1 is promoted and resyncs replica 2, with a write of the new term reaching replica 2
// before or after the resync. Afterwards both copies hold the same documents with the same _seq_no, _version
// and _primary_term, replica 2's searcher agrees with its documents, and nothing at or below the global
// checkpoint is lost. A replica that rolled back and is promoted before any resync puts back what it undid.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { executeOnPrimary, type ShardWriteItem } from '../../../../workers/es/action/doc-write.ts'
import {
  acquireReplicaOperationPermit,
  applyOperations,
  promoteToPrimary,
} from '../../../../workers/es/action/replica-operations.ts'
import type { ShardRouting } from '../../../../workers/es/cluster/state/shard-routing.ts'
import type { IndexService } from '../../../../workers/es/index/index-service.ts'
import { IndexShard, seqNoOf, type ShardOperation } from '../../../../workers/es/index/shard/index-shard.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { singleShardIndexService } from '../indexing/single-shard-service.ts'

const NOW = 1_767_225_600_000
let engine: IndexEngine

beforeAll(async () => {
  engine = await loadEngine()
})

const routing = (primary: boolean, allocationId: string): ShardRouting => ({
  index: 'idx',
  shard: 0,
  primary,
  state: 'STARTED',
  nodeId: `node-${allocationId}`,
  relocatingNodeId: null,
  allocationId,
  relocationId: null,
  recoverySource: null,
  unassignedInfo: null,
})

interface Copy {
  service: IndexService
  shard: IndexShard
}

function newCopy(primary: boolean, allocationId: string): Copy {
  const service = singleShardIndexService('{"properties":{"body":{"type":"text"}}}', NOW, 1)
  const shard = new IndexShard(0, engine.newIndex(), NOW)
  shard.routing = routing(primary, allocationId)
  service.shards.set(0, shard)
  return { service, shard }
}

type Op = { op: 'index' | 'delete'; id: string }

function write({ service, shard }: Copy, op: Op, token: string): ShardOperation | null {
  const base = { routing: null, ifSeqNo: null, ifPrimaryTerm: null, id: op.id }
  const item: ShardWriteItem =
    op.op === 'index'
      ? { ...base, op: 'index', create: false, text: `{"body":"${token} common"}` }
      : { ...base, op: 'delete' }
  return executeOnPrimary(service, shard, item, NOW).write?.operation ?? null
}

/** A replica receives one request of the primary: its term, global checkpoint and operations. */
function receive(
  { service, shard }: Copy,
  term: number,
  globalCheckpoint: number,
  operations: ShardOperation[],
): void {
  expect(acquireReplicaOperationPermit(service, shard, term, globalCheckpoint, NOW)).toBe(true)
  applyOperations(service, shard, operations, NOW)
}

/** The new primary's resync of another copy, as the `resync` request runs on it. */
function resync(primary: Copy, replica: Copy): void {
  const globalCheckpoint = primary.shard.replicationTracker.globalCheckpoint
  receive(
    replica,
    primary.shard.primaryTerm,
    globalCheckpoint,
    primary.shard.operationsAbove(globalCheckpoint),
  )
  replica.shard.fillSeqNoGaps(primary.shard.maxSeqNo)
  replica.shard.settleHistory()
}

function promote(copy: Copy, term: number): void {
  copy.shard.routing = routing(true, copy.shard.routing!.allocationId!)
  copy.shard.primaryTerm = term
  promoteToPrimary(copy.service, copy.shard)
}

const contents = (shard: IndexShard): string[] =>
  shard
    .liveDocuments()
    .map((doc) => `${doc.id}:${doc.source}:${doc.seqNo}/${doc.version}/${doc.primaryTerm}`)
    .sort()

/** Each id's document after `operations` (its newest one: a source, or null when deleted). */
function expectState(shard: IndexShard, operations: readonly ShardOperation[]): void {
  const newest = new Map<string, ShardOperation>()
  for (const operation of [...operations].sort((a, b) => seqNoOf(a) - seqNoOf(b)))
    newest.set(operation.op === 'index' ? operation.doc.id : operation.id, operation)
  for (const [id, operation] of newest)
    expect(shard.get(id)?.source ?? null).toBe(operation.op === 'index' ? operation.doc.source : null)
}

const ops = fc.array(
  fc.record({
    op: fc.constantFrom<'index' | 'delete'>('index', 'index', 'delete'),
    id: fc.constantFrom('a', 'b', 'c', 'd'),
  }),
  { minLength: 1, maxLength: 24 },
)

/** One replica's deliveries: a permutation of the operations it gets, and where it refreshes. */
const delivery = fc.record({
  keep: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
  order: fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
  refreshes: fc.array(fc.nat(24), { maxLength: 4 }),
  knownCheckpoint: fc.nat(),
})

/**
 * Delivers to a replica every operation up to the global checkpoint and those `plan` keeps above it, one request
 * each in `plan`'s order; the requests carry `plan`'s known global checkpoint from half way on (never above the
 * replica's own local checkpoint, which the primary's global checkpoint never passes). Answers what it delivered.
 */
function deliver(
  replica: Copy,
  operations: ShardOperation[],
  globalCheckpoint: number,
  plan: { keep: boolean[]; order: number[]; refreshes: number[]; knownCheckpoint: number },
): ShardOperation[] {
  const known = (plan.knownCheckpoint % (globalCheckpoint + 2)) - 1
  const received = operations.filter((o, n) => seqNoOf(o) <= globalCheckpoint || plan.keep[n])
  const shuffled = received
    .map((operation, n) => ({ operation, key: plan.order[n]! }))
    .sort((a, b) => a.key - b.key)
    .map(({ operation }) => operation)
  const carried = (n: number): number =>
    n < shuffled.length / 2 ? -1 : Math.min(known, replica.shard.localCheckpoint)
  shuffled.forEach((operation, n) => {
    receive(replica, 1, carried(n), [operation])
    if (plan.refreshes.includes(n)) replica.shard.refresh(NOW)
  })
  receive(replica, 1, Math.min(known, replica.shard.localCheckpoint), [])
  return received
}

describe('a new primary resyncs its replicas, which roll back to the global checkpoint first', () => {
  it('leaves both copies with the same documents, _seq_no, _version and _primary_term', () => {
    fc.assert(
      fc.property(
        ops,
        fc.nat(),
        delivery,
        delivery,
        fc.boolean(),
        (sequence, checkpointDraw, plan1, plan2, writeFirst) => {
          const old = newCopy(true, 'a0')
          const operations = sequence.flatMap((op, n) => write(old, op, `t${n}`) ?? [])
          const globalCheckpoint = (checkpointDraw % (operations.length + 1)) - 1
          const r1 = newCopy(false, 'a1')
          const r2 = newCopy(false, 'a2')
          expectState(r1.shard, deliver(r1, operations, globalCheckpoint, plan1))
          expectState(r2.shard, deliver(r2, operations, globalCheckpoint, plan2))

          promote(r1, 2)
          const fresh = write(r1, { op: 'index', id: 'a' }, 'new')!
          const newWrite = (): void => receive(r2, 2, r1.shard.replicationTracker.globalCheckpoint, [fresh])
          if (writeFirst) newWrite()
          resync(r1, r2)
          if (!writeFirst) newWrite()

          expect(contents(r2.shard)).toEqual(contents(r1.shard))
          expect(r2.shard.localCheckpoint).toBe(r1.shard.maxSeqNo)
          r2.shard.refresh(NOW)
          const hits = r2.shard.searcherIndex.search(
            { type: 'term', field: 'body', term: 'common', boost: 1 },
            100,
          )
          const searched = hits.scoreDocs.map(({ docId }) => r2.shard.searchedDocument(docId)?.id).sort()
          expect(searched).toEqual(
            r2.shard
              .liveDocuments()
              .map((doc) => doc.id)
              .sort(),
          )
        },
      ),
      { numRuns: 120 },
    )
  })

  it('puts back what a rollback undid when the copy is promoted before any resync reached it', () => {
    fc.assert(
      fc.property(ops, fc.nat(), delivery, (sequence, checkpointDraw, plan) => {
        const old = newCopy(true, 'a0')
        const operations = sequence.flatMap((op, n) => write(old, op, `t${n}`) ?? [])
        const replica = newCopy(false, 'a1')
        // the replica got every operation the old primary acknowledged, and knows a lower global checkpoint
        deliver(replica, operations, operations.length - 1, { ...plan, knownCheckpoint: checkpointDraw })
        const before = contents(replica.shard)
        // it rolls back on a new primary's first write (term 2), then that primary fails before resyncing it
        receive(replica, 2, -1, [])
        promote(replica, 3)
        expect(contents(replica.shard)).toEqual(before)
        expect(replica.shard.localCheckpoint).toBe(operations.length - 1)
      }),
      { numRuns: 80 },
    )
  })
})
