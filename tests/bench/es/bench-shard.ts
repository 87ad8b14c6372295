/**
 * Our side of the index benchmarks in Node: one primary IndexShard of an index with the bench mapping,
 * written through the path a `_bulk` item takes on the primary (doc-write.ts executeOnPrimary: the JSON
 * source parsed, the document parsed against the mapping, fields analysed by the standard analyzer,
 * numeric doc values, the bulk's translog batch sealed) and searched through the shard's search path
 * (shard-search.ts executeShardSearch: the request body parsed, the query built against the mapping,
 * the WASM inverted index's BM25 top-k). Replication and the translog's storage write are what it leaves out.
 */
import { readFileSync } from 'node:fs'
import { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import { IndexService } from '../../../workers/es/index/index-service.ts'
import { IndexShard, type ShardOperation } from '../../../workers/es/index/shard/index-shard.ts'
import { sealTranslogBatch } from '../../../workers/es/indices/translog.ts'
import type { IndexMetadata } from '../../../workers/es/index/index-metadata.ts'
import { parseMapping } from '../../../workers/es/index/mapper/mapping-parser.ts'
import { parseJson, splitNdjson } from '../../../workers/es/xcontent/index.ts'
import { executeOnPrimary } from '../../../workers/es/action/doc-write.ts'
import { executeShardSearch, type ShardSearchResult } from '../../../workers/es/search/shard-search.ts'
import { analyzeForIndexing } from '../../../workers/es/analysis/index.ts'
import { BENCH_MAPPING } from './bench-mapping.ts'
import type { CorpusDocument } from '../corpus.mjs'

const NOW = 1_767_225_600_000

export function loadIndexEngine(): Promise<IndexEngine> {
  return IndexEngine.load(readFileSync(new URL('../../../engine-wasm/build/index.wasm', import.meta.url)))
}

/**
 * The `_source` lines of a `_bulk` body indexing `docs` as the shard gets them: the body written as a client sends it
 * (one flat string, an `index` action line before each source) and split into lines as the REST layer splits it
 * (splitNdjson), so each line is a slice of the body, not a string of its own.
 */
export function bulkSourceLines(docs: readonly CorpusDocument[]): string[] {
  const body = docs
    .map(
      ({ title, body, views, ts, tag }) =>
        `{"index":{}}\n${JSON.stringify({ title, body, views, ts, tag })}\n`,
    )
    .join('')
  return splitNdjson(body, 'bulk').filter((_, line) => line % 2 === 1)
}

export class BenchShard {
  private readonly service: IndexService
  private readonly shard: IndexShard

  constructor(engine: IndexEngine) {
    const metadata: IndexMetadata = {
      name: 'bench',
      uuid: 'bench-index-uuid',
      creationDate: NOW,
      numberOfShards: 1,
      numberOfReplicas: 0,
      routingNumShards: 1,
      refreshIntervalMs: -1,
      mapping: parseMapping(parseJson(JSON.stringify(BENCH_MAPPING))),
    }
    this.service = new IndexService(metadata)
    this.shard = new IndexShard(0, engine.newIndex(), NOW)
    this.service.shards.set(0, this.shard)
  }

  /**
   * Indexes `sources` (a bulk's `_source` lines) with ids from `firstId` on, as one bulk's items, and seals
   * their translog batch as the primary does once per shard request.
   */
  bulk(sources: readonly string[], firstId: number): void {
    const operations: ShardOperation[] = []
    for (let i = 0; i < sources.length; i++) {
      const item = {
        op: 'index' as const,
        create: false,
        text: sources[i]!,
        id: String(firstId + i),
        routing: null,
        ifSeqNo: null,
        ifPrimaryTerm: null,
      }
      const { write } = executeOnPrimary(this.service, this.shard, item, NOW)
      if (write) operations.push(write.operation)
    }
    sealTranslogBatch(operations)
  }

  refresh(): void {
    this.shard.refresh(NOW)
  }

  /** A `_search` body on this shard: the hits' ids and scores, best first. */
  search(body: string): Array<{ id: string; score: number }> {
    const result: ShardSearchResult = executeShardSearch(
      this.service,
      this.shard,
      { body, params: [], isCount: false, shardIndex: 0, now: NOW },
      analyzeForIndexing,
      NOW,
    )
    if (result.type !== 'query') throw new Error('a search answered a count')
    return result.result.docs.map((doc, i) => ({ id: result.result.hits[i]!.id, score: doc.score }))
  }

  close(): void {
    this.service.close()
  }
}
