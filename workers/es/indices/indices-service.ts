/**
 * IndicesService: every index this node holds, by name; creates indices (explicitly or automatically on
 * the first write, as action.auto_create_index allows), deletes them, and restores them from storage at
 * start-up by replaying each shard's translog records in seq_no order.
 */
import type { Storage, StorageOp } from '../../storage/storage.ts'
import { openEnvelope } from '../../storage/envelope.ts'
import type { Clock } from '../../net/clock.ts'
import type { Random } from '../../net/random.ts'
import type { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import { indexNotFoundException, resourceAlreadyExistsException, validateIndexName } from '../errors/index.ts'
import { parseJson, type XContentObject } from '../xcontent/index.ts'
import { INDEX_METADATA_VERSION, translogPrefix, type IndexMetadata } from '../index/index-metadata.ts'
import { IndexService, TRANSLOG_VERSION } from '../index/index-service.ts'
import { IndexShard, type ShardOperation } from '../index/shard/index-shard.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import type { IndexAnalysisSettings } from '../analysis/custom/index-analysis-settings.ts'
import { IndexAnalysis } from '../index/index-analysis.ts'
import { defaultRoutingNumShards } from '../cluster/routing/operation-routing.ts'
import { randomBase64Id } from '../common/uuids.ts'
import { simpleMatch } from '../common/simple-match.ts'

export interface IndicesDeps {
  clock: Clock
  random: Random
  storage: Storage
  engine: IndexEngine
}

export interface CreateIndexRequest {
  name: string
  numberOfShards: number
  numberOfReplicas: number
  refreshIntervalMs: number
  /** index.refresh_interval as given, when the request set it. */
  refreshInterval?: string
  mapping: Mapping
  analysis?: IndexAnalysisSettings
}

export class IndicesService {
  private readonly indices = new Map<string, IndexService>()

  constructor(private readonly deps: IndicesDeps) {}

  static async load(deps: IndicesDeps): Promise<IndicesService> {
    const service = new IndicesService(deps)
    const now = deps.clock.now()
    for (const key of await deps.storage.keys('es', 'indices/')) {
      if (!key.endsWith('/meta')) continue
      const bytes = await deps.storage.get('es', key)
      if (!bytes) continue
      const metadata = openEnvelope(bytes, INDEX_METADATA_VERSION, `index metadata ${key}`) as IndexMetadata
      const index = service.open(metadata)
      for (let shard = 0; shard < metadata.numberOfShards; shard++) {
        for (const opKey of await deps.storage.keys('es', translogPrefix(metadata.uuid, shard))) {
          const record = await deps.storage.get('es', opKey)
          if (!record) continue
          const operation = openEnvelope(record, TRANSLOG_VERSION, `translog ${opKey}`) as ShardOperation
          index.replay(shard, operation, (source) => parseJson(source) as XContentObject, now)
        }
      }
      index.refresh(now)
    }
    return service
  }

  private open(metadata: IndexMetadata, analysis?: IndexAnalysis): IndexService {
    const now = this.deps.clock.now()
    const shards = Array.from(
      { length: metadata.numberOfShards },
      (_, i) => new IndexShard(i, this.deps.engine.newIndex(), now),
    )
    const index = new IndexService(metadata, shards, analysis)
    this.indices.set(metadata.name, index)
    return index
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
   * names and `*` patterns; `_all`, `*` or no expression is every index. A missing concrete name is
   * index_not_found_exception; a pattern that matches nothing adds nothing.
   */
  resolve(expression: string | undefined): IndexService[] {
    if (expression === undefined || expression === '' || expression === '_all') return this.all()
    const names = new Set<string>()
    for (const part of expression.split(',')) {
      if (!part.includes('*')) {
        if (!this.indices.has(part)) throw indexNotFoundException(part)
        names.add(part)
        continue
      }
      for (const name of this.indices.keys()) if (simpleMatch(part, name)) names.add(name)
    }
    return [...names].sort().map((name) => this.indices.get(name)!)
  }

  /** Validates and creates an index; the caller persists the returned operation. */
  create(request: CreateIndexRequest): { index: IndexService; op: StorageOp } {
    const invalid = validateIndexName(request.name)
    if (invalid) throw invalid
    const existing = this.indices.get(request.name)
    if (existing) throw resourceAlreadyExistsException(request.name, existing.metadata.uuid)
    const analysis = new IndexAnalysis(request.analysis)
    analysis.checkMapping(request.mapping)
    const metadata: IndexMetadata = {
      name: request.name,
      uuid: randomBase64Id(this.deps.random),
      creationDate: this.deps.clock.now(),
      numberOfShards: request.numberOfShards,
      numberOfReplicas: request.numberOfReplicas,
      routingNumShards: defaultRoutingNumShards(request.numberOfShards),
      refreshIntervalMs: request.refreshIntervalMs,
      ...(request.refreshInterval !== undefined ? { refreshInterval: request.refreshInterval } : {}),
      mapping: request.mapping,
      ...(request.analysis ? { analysis: request.analysis } : {}),
    }
    const index = this.open(metadata, analysis)
    return { index, op: index.metadataOp() }
  }

  /** Removes an index; returns the storage operations that delete everything it stored. */
  async delete(name: string): Promise<StorageOp[]> {
    const index = this.indices.get(name)
    if (!index) return []
    this.indices.delete(name)
    index.close()
    const keys = await this.deps.storage.keys('es', `indices/${index.metadata.uuid}/`)
    return keys.map((key) => ({ store: 'es', key, value: null }))
  }
}
