/**
 * IndicesService: the indices this node knows (every index of the applied cluster state, with its
 * settings and mapping) and the shard copies it holds, with their storage:
 * - `indices/<uuid>/shards/<n>/state`: the copy's allocation id (ShardStateMetadata), envelope v1;
 * - `indices/<uuid>/shards/<n>/translog/`: the copy's operations, one batch per write request (translog.ts).
 * It numbers each copy's translog batches, past every batch its store holds once it has read or deleted them.
 * The stored copies are what the node reports to the master when it joins, so that a primary is only ever
 * assigned where an in-sync copy is on disk.
 */
import type { Storage, StorageOp } from '../../storage/storage.ts'
import { openEnvelope, sealEnvelope } from '../../storage/envelope.ts'
import type { Clock } from '../../net/clock.ts'
import type { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import { translogPrefix, type IndexMetadata } from '../index/index-metadata.ts'
import { IndexService } from '../index/index-service.ts'
import { IndexShard, type ShardOperation } from '../index/shard/index-shard.ts'
import type { StoredShardCopy } from '../cluster/allocation/routing-allocation.ts'
import { aliasesLookup, concreteIndexNames } from '../cluster/metadata/index-abstraction.ts'
import { nextTranslogBatch, replayTranslog, sealTranslogBatch, translogBatchKey } from './translog.ts'

export interface IndicesDeps {
  clock: Clock
  storage: Storage
  engine: IndexEngine
}

const SHARD_STATE_VERSION = 1

const shardPrefix = (uuid: string, shard: number): string => `indices/${uuid}/shards/${shard}/`
const shardStateKey = (uuid: string, shard: number): string => `${shardPrefix(uuid, shard)}state`

export class IndicesService {
  private readonly indices = new Map<string, IndexService>()
  /** The copies on disk, by `<uuid>/<shard>`. */
  private readonly stored = new Map<string, StoredShardCopy>()
  /** The next translog batch number of each copy, by `<uuid>/<shard>`. */
  private readonly translogBatches = new Map<string, number>()

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
   * `*` or no expression is every index. A missing name is index_not_found_exception; a pattern that
   * matches nothing adds nothing.
   */
  resolve(expression: string | undefined): IndexService[] {
    const metadata = [...this.indices.values()].map((index) => index.metadata)
    return concreteIndexNames(metadata, expression).map((name) => this.indices.get(name)!)
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

  /** The index as the cluster state now describes it: created, or its metadata updated. */
  follow(metadata: IndexMetadata): IndexService {
    const existing = this.indices.get(metadata.name)
    if (existing && existing.metadata.uuid === metadata.uuid) {
      existing.updateMetadata(metadata)
      return existing
    }
    existing?.close()
    const index = new IndexService(metadata)
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
    for (const key of this.translogBatches.keys())
      if (key.startsWith(`${uuid}/`)) this.translogBatches.delete(key)
    const keys = await this.deps.storage.keys('es', `indices/${uuid}/`)
    if (keys.length > 0) await this.deps.storage.write(keys.map((key) => ({ store: 'es', key, value: null })))
  }

  /** A new, empty copy of a shard for this node (its data comes from recovery). */
  newShard(index: IndexService, shard: number): IndexShard {
    index.shards.get(shard)?.close()
    const copy = new IndexShard(shard, this.deps.engine.newIndex(), this.deps.clock.now())
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
    const keys = await this.deps.storage.keys('es', shardPrefix(uuid, shard))
    this.skipTranslogBatches(uuid, shard, nextTranslogBatch(keys, translogPrefix(uuid, shard)))
    if (keys.length > 0) await this.deps.storage.write(keys.map((key) => ({ store: 'es', key, value: null })))
  }

  /** The operations a stored copy holds, in sequence number order (translog.ts replayTranslog). */
  async readTranslog(uuid: string, shard: number): Promise<ShardOperation[]> {
    const prefix = translogPrefix(uuid, shard)
    const records = await this.deps.storage.entries('es', prefix)
    const keys = records.map(([key]) => key)
    this.skipTranslogBatches(uuid, shard, nextTranslogBatch(keys, prefix))
    return replayTranslog(records)
  }

  /** The storage write that persists one write request's operations on a copy: one translog batch. */
  translogOp(uuid: string, shard: number, operations: readonly ShardOperation[]): StorageOp {
    const copy = `${uuid}/${shard}`
    const batch = this.translogBatches.get(copy) ?? 0
    this.translogBatches.set(copy, batch + 1)
    return { store: 'es', key: translogBatchKey(uuid, shard, batch), value: sealTranslogBatch(operations) }
  }

  private skipTranslogBatches(uuid: string, shard: number, next: number): void {
    const copy = `${uuid}/${shard}`
    this.translogBatches.set(copy, Math.max(this.translogBatches.get(copy) ?? 0, next))
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
