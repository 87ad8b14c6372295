// Documents with nested objects as blocks (index-shard.ts, searcher-docs.ts, field-indexer.ts): random sequences of
// index (each document with random nested `items`), delete, refresh and force merge on a few `_id`s, through the
// primary's write path, against a brute-force model of each `_id`'s latest items. After every refresh: the non-nested
// filter sees one document per live `_id`; a nested query on an item's word finds exactly the `_id`s with such an
// item (a replaced or deleted document's items are gone with it: the block is deleted as a whole); every live Lucene
// document is a root or one of its items (nothing stale counts); each item's doc values are its own object's.
// Then the shard's commit restored into a new copy (StoreRecovery) answers the same.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { executeOnPrimary, type ShardWriteItem } from '../../../../workers/es/action/doc-write.ts'
import type { IndexService } from '../../../../workers/es/index/index-service.ts'
import { parseMapping } from '../../../../workers/es/index/mapper/mapping-parser.ts'
import { IndexShard } from '../../../../workers/es/index/shard/index-shard.ts'
import type { SegmentReads } from '../../../../workers/es/index/shard/shard-commit.ts'
import { shardDocValues } from '../../../../workers/es/search/doc-values-source.ts'
import { NestedBlocks } from '../../../../workers/es/search/nested-blocks.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { singleShardIndexService } from './single-shard-service.ts'

const NOW = 1_767_225_600_000
let engine: IndexEngine

beforeAll(async () => {
  engine = await loadEngine()
})

const MAPPING_JSON =
  '{"properties":{"title":{"type":"keyword"},"items":{"type":"nested","properties":{"w":{"type":"keyword"}}}}}'
const MAPPING = parseMapping(parseJson(MAPPING_JSON))

function newService(): IndexService {
  return singleShardIndexService(MAPPING_JSON, NOW)
}

type Op =
  | { op: 'index'; id: string; items: string[] }
  | { op: 'delete'; id: string }
  | { op: 'refresh' }
  | { op: 'merge' }

const ids = fc.constantFrom('a', 'b', 'c', 'd')
const items = fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 4 })
const ops = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('index' as const), id: ids, items }) },
    { weight: 2, arbitrary: ids.map((id): Op => ({ op: 'delete', id })) },
    { weight: 2, arbitrary: fc.constant<Op>({ op: 'refresh' }) },
    { weight: 1, arbitrary: fc.constant<Op>({ op: 'merge' }) },
  ),
  { maxLength: 30 },
)

const ALL = 0x7fffffff
const ofPath: IndexQuery = { type: 'term', field: '_nested_path', term: 'items', boost: 1 }

function nestedTerm(word: string): IndexQuery {
  return {
    type: 'nested',
    path: 'items',
    parentPath: null,
    scoreMode: 'avg',
    boost: 1,
    query: {
      type: 'bool',
      must: [{ type: 'term', field: 'items.w', term: word, boost: 1 }],
      should: [],
      mustNot: [],
      filter: [ofPath],
      minimumShouldMatch: 0,
      boost: 1,
    },
  }
}

/** What the searcher holds, in model terms. */
function observe(shard: IndexShard) {
  const index = shard.searcherIndex
  const idsOf = (query: IndexQuery) =>
    index
      .search(query, ALL)
      .scoreDocs.map(({ docId }) => shard.searchedDocument(docId)?.id ?? '?')
      .sort()
  const roots = index.search({ type: 'nonNested', boost: 1 }, ALL).scoreDocs.map((d) => d.docId)
  const children = new NestedBlocks(shard).children(
    'items',
    null,
    roots.sort((a, b) => a - b),
  )
  const values = shardDocValues(shard, MAPPING)
  return {
    roots: idsOf({ type: 'nonNested', boost: 1 }),
    byWord: Object.fromEntries(['x', 'y', 'z'].map((w) => [w, idsOf(nestedTerm(w))])),
    luceneDocs: index.search({ type: 'matchAll', boost: 1 }, ALL).totalHits,
    itemWords: children
      .map((doc) => values.values('items.w', doc))
      .flat()
      .sort(),
  }
}

function expected(model: ReadonlyMap<string, string[]>) {
  const live = [...model.keys()].sort()
  return {
    roots: live,
    byWord: Object.fromEntries(
      ['x', 'y', 'z'].map((w) => [w, live.filter((id) => model.get(id)!.includes(w))]),
    ),
    luceneDocs: live.reduce((n, id) => n + 1 + model.get(id)!.length, 0),
    itemWords: live.flatMap((id) => model.get(id)!).sort(),
  }
}

async function restored(shard: IndexShard): Promise<IndexShard> {
  const commit = shard.takeCommit(() => false)
  const files = new Map<number, SegmentReads>(
    commit.files.map((file) => [
      file.generation,
      { image: Promise.resolve([file.image]), storedFields: Promise.resolve(file.storedFields) },
    ]),
  )
  const copy = new IndexShard(0, engine.newIndex(), NOW)
  await copy.restoreCommit(
    {
      generation: 1,
      counter: commit.counter,
      segments: commit.segments,
      userData: {
        local_checkpoint: commit.localCheckpoint,
        max_seq_no: commit.maxSeqNo,
        translog_generation: 0,
      },
      tombstones: commit.tombstones,
    },
    files,
  )
  return copy
}

describe('documents with nested objects as blocks', () => {
  it('replaces, deletes, merges and restores whole blocks', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (sequence) => {
        const service = newService()
        const shard = new IndexShard(0, engine.newIndex(), NOW)
        service.shards.set(0, shard)
        const latest = new Map<string, string[]>()
        let searchable = new Map<string, string[]>()
        const base = { routing: null, ifSeqNo: null, ifPrimaryTerm: null }
        for (const op of [...sequence, { op: 'refresh' } as Op]) {
          if (op.op === 'refresh' || op.op === 'merge') {
            if (op.op === 'refresh') shard.refresh(NOW)
            else shard.forceMerge(NOW, 1, false, false)
            searchable = new Map(latest)
            expect(observe(shard)).toEqual(expected(searchable))
            continue
          }
          const item: ShardWriteItem =
            op.op === 'index'
              ? {
                  ...base,
                  op: 'index',
                  create: false,
                  id: op.id,
                  text: JSON.stringify({ title: op.id, items: op.items.map((w) => ({ w })) }),
                }
              : { ...base, op: 'delete', id: op.id }
          executeOnPrimary(service, shard, item, NOW)
          if (op.op === 'index') latest.set(op.id, op.items)
          else latest.delete(op.id)
        }
        const copy = await restored(shard)
        expect(observe(copy)).toEqual(expected(searchable))
        shard.close()
        copy.close()
      }),
      { numRuns: 60 },
    )
  })
})
