/**
 * IndicesService: the indices this node knows (every index of the applied cluster state, with its
 * settings and mapping) and the shard copies it holds, with their storage:
 * - `indices/<uuid>/shards/<n>/state`: the copy's allocation id (ShardStateMetadata), envelope v1;
 * - `indices/<uuid>/shards/<n>/index/`: the copy's last Lucene commit (shard-store.ts);
 * - `indices/<uuid>/shards/<n>/translog/`: the copy's operations, one batch per write request (translog.ts),
 *   trimmed by each commit to the batches it does not hold.
 * It numbers each copy's translog batches, past every batch its store holds once it has read or deleted them
 * and past every batch its last commit holds. It flushes copies (stores commits, one at a time per copy) when
 * flush-policy.ts says so and on request, and recovers a stored copy from its last commit plus the translog.
 * The stored copies are what the node reports to the master when it joins, so that a primary is only ever
 * assigned where an in-sync copy is on disk.
 */
import type { SynonymsSets } from '../synonyms/synonyms-metadata.ts'
import type { Storage, StorageOp } from '../../storage/storage.ts'
import { openEnvelope, sealEnvelope } from '../../storage/envelope.ts'
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import { translogPrefix, type IndexMetadata } from '../index/index-metadata.ts'
import { IndexService } from '../index/index-service.ts'
import { IndexShard, seqNoOf, type ShardOperation } from '../index/shard/index-shard.ts'
import type { CommitPoint } from '../index/shard/shard-commit.ts'
import type { StoredShardCopy } from '../cluster/allocation/routing-allocation.ts'
import { aliasesLookup, concreteIndexNames } from '../cluster/metadata/index-abstraction.ts'
import type { IndicesOptions } from '../cluster/metadata/indices-options.ts'
import {
  nextTranslogBatch,
  replayTranslog,
  sealTranslogBatch,
  translogBatchKey,
  trimmedTranslogKeys,
  firstTranslogBatch,
  maxSeqNoOf,
} from './translog.ts'
import { SHARD_INACTIVE_TIME_MS, shouldPeriodicallyFlush } from './flush-policy.ts'
import { TranslogRetention } from './translog-retention.ts'
import {
  commitPointKey,
  commitPointOp,
  indexPrefix,
  readLastCommit,
  segmentFileOps,
  segmentOfKey,
} from './shard-store.ts'

export interface IndicesDeps {
  /** Time, and the timer of the flush checks. */
  clock: Scheduler
  storage: Storage
  engine: IndexEngine
}

/** What this node knows of a copy's store and its flushes. */
interface CopyStore {
  /** N of the last stored segments_N (0: none yet). */
  commitGeneration: number
  /** The segments the last commit references (their files are stored). */
  segments: Set<number>
  /** The commit being stored: a copy's commits are stored one after the other. */
  pending: Promise<void>
  /** Translog bytes written since the last commit was taken, when it was taken, and the last write. */
  uncommittedBytes: number
  committedAt: number
  lastWriteAt: number
  /** The periodic flush due (after a write), and the idle check armed. */
  periodicFlush: Cancellable | null
  idleCheck: Cancellable | null
}

const deleteOp = (key: string): StorageOp => ({ store: 'es', key, value: null })

const SHARD_STATE_VERSION = 1

const shardPrefix = (uuid: string, shard: number): string => `indices/${uuid}/shards/${shard}/`
const shardStateKey = (uuid: string, shard: number): string => `${shardPrefix(uuid, shard)}state`

export class IndicesService {
  private readonly indices = new Map<string, IndexService>()
  /** The copies on disk, by `<uuid>/<shard>`. */
  private readonly stored = new Map<string, StoredShardCopy>()
  /** The next translog batch number of each copy, by `<uuid>/<shard>`. */
  private readonly translogs = new Map<string, TranslogRetention>()
  /** Each copy's store and flush state, by `<uuid>/<shard>`. */
  private readonly copyStores = new Map<string, CopyStore>()

  private constructor(private readonly deps: IndicesDeps) {}

  static async load(deps: IndicesDeps): Promise<IndicesService> {
    const service = new IndicesService(deps)
    for (const key of await deps.storage.keys('es', 'indices/')) {
      if (!key.endsWith('/state')) continue
      const bytes = await deps.storage.get('es', key)
      if (!bytes) continue
      const copy = openEnvelope(bytes, SHARD_STATE_VERSION, `shard state ${key}`) as StoredShardCopy
      service.stored.set(`${copy.indexUuid}/${copy.shard}`, copy)
    }
    return service
  }

  get(name: string): IndexService | undefined {
    return this.indices.get(name)
  }

  names(): string[] {
    return [...this.indices.keys()].sort()
  }

  all(): IndexService[] {
    return this.names().map((name) => this.indices.get(name)!)
  }

  /**
   * The indices an index expression names, in name order (IndexNameExpressionResolver): a comma list of
   * index names, alias names (each naming every index that carries it) and `*` patterns over both; `_all`,
   * `*` or no expression is every index the options expand to. A missing name is index_not_found_exception;
   * a pattern that matches nothing adds nothing. Without options, closed indices are forbidden as a search
   * forbids them (indices-options.ts).
   */
  resolve(expression: string | undefined, options?: IndicesOptions): IndexService[] {
    const metadata = [...this.indices.values()].map((index) => index.metadata)
    return concreteIndexNames(metadata, expression, options).map((name) => this.indices.get(name)!)
  }

  /** Whether `name` is an alias of some index (what a `require_alias` write needs). */
  isAlias(name: string): boolean {
    return aliasesLookup([...this.indices.values()].map((index) => index.metadata)).has(name)
  }

  /** The copies this node holds on disk (reported to the master). */
  storedCopies(): StoredShardCopy[] {
    return [...this.stored.values()]
  }

  storedCopy(uuid: string, shard: number): StoredShardCopy | undefined {
    return this.stored.get(`${uuid}/${shard}`)
  }

  /** The index as the cluster state now describes it (with the cluster's synonyms sets): created, or updated. */
  follow(metadata: IndexMetadata, synonymsSets: SynonymsSets): IndexService {
    const existing = this.indices.get(metadata.name)
    if (existing && existing.metadata.uuid === metadata.uuid) {
      existing.updateMetadata(metadata, synonymsSets)
      return existing
    }
    existing?.close()
    const index = new IndexService(
      metadata,
      () => [...this.indices.values()].map((known) => known.metadata),
      synonymsSets,
    )
    this.indices.set(metadata.name, index)
    return index
  }

  /** Forgets an index the cluster state no longer has; its stored copies are deleted. */
  async remove(name: string): Promise<void> {
    const index = this.indices.get(name)
    if (!index) return
    this.indices.delete(name)
    index.close()
    await this.deleteIndexStore(index.metadata.uuid)
  }

  /** Deletes every stored copy of an index uuid. */
  private async deleteIndexStore(uuid: string): Promise<void> {
    for (const [key, copy] of this.stored) if (copy.indexUuid === uuid) this.stored.delete(key)
    for (const key of this.translogs.keys()) if (key.startsWith(`${uuid}/`)) this.translogs.delete(key)
    for (const key of [...this.copyStores.keys()])
      if (key.startsWith(`${uuid}/`)) await this.forgetCopyStore(key)
    const keys = await this.deps.storage.keys('es', `indices/${uuid}/`)
    if (keys.length > 0) await this.deps.storage.write(keys.map(deleteOp))
  }

  /** A new, empty copy of a shard for this node (its data comes from recovery). */
  newShard(index: IndexService, shard: number): IndexShard {
    index.shards.get(shard)?.close()
    const copy = new IndexShard(shard, this.deps.engine.newIndex(), this.deps.clock.now())
    const { uuid } = index.metadata
    copy.onFlush = (flushed) => this.flushInBackground(uuid, flushed)
    index.shards.set(shard, copy)
    return copy
  }

  /** Closes a local copy; what it stored stays until deleteShardStore (IndicesStore decides when). */
  closeShard(index: IndexService, shard: number): void {
    index.shards.get(shard)?.close()
    index.shards.delete(shard)
  }

  async deleteShardStore(uuid: string, shard: number): Promise<void> {
    this.stored.delete(`${uuid}/${shard}`)
    await this.forgetCopyStore(`${uuid}/${shard}`)
    const keys = await this.deps.storage.keys('es', shardPrefix(uuid, shard))
    // The batches listed are deleted with the rest of the store: none of them is retained any more.
    const translog = this.translog(uuid, shard)
    const next = nextTranslogBatch(keys, translogPrefix(uuid, shard))
    translog.skipTo(next)
    translog.trimmed(next)
    if (keys.length > 0) await this.deps.storage.write(keys.map(deleteOp))
  }

  /**
   * Recovers a new copy from its store (StoreRecovery): its last commit restored into the shard, then the
   * translog operations above the commit's local checkpoint to replay, in sequence number order, with the
   * documents of any segment of an older index codec (IndexShard.restoreCommit). A store with no commit (written
   * before commits existed, or never flushed) replays its whole translog.
   */
  async recoverFromStore(uuid: string, shard: IndexShard): Promise<ShardOperation[]> {
    const prefix = indexPrefix(uuid, shard.shardId)
    const [commit, operations] = await Promise.all([
      readLastCommit(this.deps.storage, prefix, false, this.deps.engine.storedFieldsCompressor),
      this.readTranslog(uuid, shard.shardId),
    ])
    if (!commit || shard.isClosed) return operations
    const store = this.copyStore(uuid, shard.shardId)
    const reindexed = await shard.restoreCommit(commit.point, commit.files)
    store.commitGeneration = commit.point.generation
    store.segments = new Set(commit.files.keys())
    const { local_checkpoint, translog_generation } = commit.point.userData
    this.translog(uuid, shard.shardId).skipTo(translog_generation)
    const above = operations.filter((operation) => seqNoOf(operation) > local_checkpoint)
    if (reindexed.length === 0) return above
    return [...reindexed, ...above].sort((a, b) => seqNoOf(a) - seqNoOf(b))
  }

  /**
   * A flush of a copy: a Lucene commit of what it holds, stored (shard-store.ts); resolves once stored. A
   * copy's commits are stored one after the other; a copy closed meanwhile stores nothing more.
   */
  flush(uuid: string, shard: IndexShard): Promise<void> {
    const store = this.copyStore(uuid, shard.shardId)
    const run = store.pending.then(() => this.storeCommit(uuid, shard, store))
    store.pending = run.catch(() => undefined)
    return run
  }

  /** Resolves once every flush of the copy started so far is stored (or failed). */
  committed(uuid: string, shard: IndexShard): Promise<void> {
    return this.copyStore(uuid, shard.shardId).pending
  }

  /** Flushes every copy this node holds and waits for the commits (ES flushes each shard as it closes it). */
  async flushAll(): Promise<void> {
    const flushes = this.all().flatMap((index) =>
      [...index.shards.values()]
        .filter((shard) => shard.recovered)
        .map((shard) => this.flush(index.metadata.uuid, shard).catch(() => undefined)),
    )
    await Promise.all(flushes)
  }

  /** A flush nobody waits for (a periodic or idle one, or a flush request): a failure leaves the last commit. */
  flushInBackground(uuid: string, shard: IndexShard): void {
    this.flush(uuid, shard).catch(() => undefined)
  }

  private async storeCommit(uuid: string, shard: IndexShard, store: CopyStore): Promise<void> {
    if (shard.isClosed) return
    const now = this.deps.clock.now()
    shard.refresh(now)
    const taken = shard.takeCommit((generation) => store.segments.has(generation))
    const translog = this.translog(uuid, shard.shardId)
    const translogGeneration = translog.generationFor(
      Math.min(taken.localCheckpoint, shard.replicationTracker.globalCheckpoint),
    )
    shard.counters.flushTotal++
    store.uncommittedBytes = 0
    store.committedAt = now
    const point: CommitPoint = {
      generation: store.commitGeneration + 1,
      counter: taken.counter,
      segments: taken.segments,
      userData: {
        local_checkpoint: taken.localCheckpoint,
        max_seq_no: taken.maxSeqNo,
        translog_generation: translogGeneration,
      },
      tombstones: taken.tombstones,
    }
    const prefix = indexPrefix(uuid, shard.shardId)
    const stored = await this.deps.storage.keys('es', prefix)
    const written = segmentFileOps(prefix, taken.files)
    const writing = new Set(taken.files.map((file) => file.generation))
    // chunks a torn commit left under the names of the segments written now
    const leftovers = stored.filter((key) => writing.has(segmentOfKey(prefix, key) ?? -1))
    if (written.length > 0) await this.deps.storage.write([...leftovers.map(deleteOp), ...written])
    const translogKeyPrefix = translogPrefix(uuid, shard.shardId)
    const translogKeys = await this.deps.storage.keys('es', translogKeyPrefix)
    if (shard.isClosed || this.copyStores.get(`${uuid}/${shard.shardId}`) !== store) return
    const referenced = new Set(point.segments.map((segment) => segment.generation))
    const pointKey = commitPointKey(prefix, point.generation)
    const obsolete = stored.filter(
      (key) => key !== pointKey && !referenced.has(segmentOfKey(prefix, key) ?? -1),
    )
    await this.deps.storage.write([
      commitPointOp(prefix, point),
      ...obsolete.map(deleteOp),
      ...trimmedTranslogKeys(translogKeys, translogKeyPrefix, translogGeneration).map(deleteOp),
    ])
    translog.trimmed(translogGeneration)
    store.commitGeneration = point.generation
    store.segments = referenced
    taken.onStored()
  }

  /** Drops a copy's store state: its flush timers stop and the commit being stored finishes first. */
  private async forgetCopyStore(key: string): Promise<void> {
    const store = this.copyStores.get(key)
    if (!store) return
    this.copyStores.delete(key)
    store.idleCheck?.cancel()
    store.periodicFlush?.cancel()
    await store.pending
  }

  private copyStore(uuid: string, shard: number): CopyStore {
    const key = `${uuid}/${shard}`
    let store = this.copyStores.get(key)
    if (!store) {
      const now = this.deps.clock.now()
      store = {
        commitGeneration: 0,
        segments: new Set(),
        pending: Promise.resolve(),
        uncommittedBytes: 0,
        committedAt: now,
        lastWriteAt: now,
        periodicFlush: null,
        idleCheck: null,
      }
      this.copyStores.set(key, store)
    }
    return store
  }

  /** After a write request's translog batch: a periodic flush when due, and the idle check armed. */
  private afterWriteOperation(uuid: string, shard: number, bytes: number): void {
    const store = this.copyStore(uuid, shard)
    const now = this.deps.clock.now()
    store.uncommittedBytes += bytes
    store.lastWriteAt = now
    if (!store.periodicFlush && shouldPeriodicallyFlush(store.uncommittedBytes, now - store.committedAt)) {
      store.periodicFlush = this.deps.clock.schedule(0, () => {
        store.periodicFlush = null
        this.automaticFlush(uuid, shard, true)
      })
    }
    store.idleCheck ??= this.deps.clock.schedule(SHARD_INACTIVE_TIME_MS, () =>
      this.checkIdle(uuid, shard, store),
    )
  }

  /** IndexShard.checkIdle: a copy without writes for the inactive time flushes what it has not committed. */
  private checkIdle(uuid: string, shard: number, store: CopyStore): void {
    store.idleCheck = null
    const idle = this.deps.clock.now() - store.lastWriteAt
    const wait = idle < SHARD_INACTIVE_TIME_MS ? SHARD_INACTIVE_TIME_MS - idle : SHARD_INACTIVE_TIME_MS
    if (idle >= SHARD_INACTIVE_TIME_MS && (store.uncommittedBytes === 0 || this.automaticFlush(uuid, shard)))
      return
    store.idleCheck = this.deps.clock.schedule(wait, () => this.checkIdle(uuid, shard, store))
  }

  /**
   * A flush the copy decides itself (periodic or idle); false when it has to wait: a flush here refreshes, so a
   * copy of an index whose refreshes are disabled (refresh_interval -1) holding unrefreshed operations is not
   * flushed behind the user's back (ES commits without exposing them to search).
   */
  private automaticFlush(uuid: string, shard: number, periodic = false): boolean {
    const index = this.all().find((candidate) => candidate.metadata.uuid === uuid)
    const copy = index?.shards.get(shard)
    if (!index || !copy?.recovered) return true
    if (index.metadata.refreshIntervalMs <= 0 && copy.hasPendingOperations) return false
    if (periodic) copy.counters.flushPeriodic++
    this.flushInBackground(uuid, copy)
    return true
  }

  /** The operations a stored copy holds, in sequence number order (translog.ts replayTranslog). */
  async readTranslog(uuid: string, shard: number): Promise<ShardOperation[]> {
    const prefix = translogPrefix(uuid, shard)
    const records = await this.deps.storage.entries('es', prefix)
    const keys = records.map(([key]) => key)
    const operations = replayTranslog(records)
    const translog = this.translog(uuid, shard)
    translog.skipTo(nextTranslogBatch(keys, prefix))
    const first = firstTranslogBatch(keys, prefix)
    if (first !== null && operations.length > 0) translog.recovered(first, maxSeqNoOf(operations))
    return operations
  }

  /** The storage write that persists one write request's operations on a copy: one translog batch. */
  translogOp(uuid: string, shard: number, operations: readonly ShardOperation[]): StorageOp {
    const batch = this.translog(uuid, shard).add(maxSeqNoOf(operations))
    const value = sealTranslogBatch(operations)
    this.afterWriteOperation(uuid, shard, value.length)
    return { store: 'es', key: translogBatchKey(uuid, shard, batch), value }
  }

  private translog(uuid: string, shard: number): TranslogRetention {
    const copy = `${uuid}/${shard}`
    let translog = this.translogs.get(copy)
    if (!translog) {
      translog = new TranslogRetention()
      this.translogs.set(copy, translog)
    }
    return translog
  }

  /** The storage write that records a copy as this node's, with its allocation id. */
  shardStateOp(copy: StoredShardCopy): StorageOp {
    this.stored.set(`${copy.indexUuid}/${copy.shard}`, copy)
    return {
      store: 'es',
      key: shardStateKey(copy.indexUuid, copy.shard),
      value: sealEnvelope(SHARD_STATE_VERSION, copy),
    }
  }
}
