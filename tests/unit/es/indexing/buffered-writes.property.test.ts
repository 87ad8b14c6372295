// Eager inversion (index-shard.ts): documents are inverted into the shard's open buffer when written, and a
// refresh seals it into one segment. Random sequences of index, delete and refresh on a few `_id`s, through the
// primary's write path (executeOnPrimary), against a brute-force model: a realtime GET always answers the latest
// write; a search sees exactly the state of the last refresh (near-real-time), one live document per `_id`,
// holding its latest source; versions and seq_no are as InternalEngine hands them out; an `_id` written twice
// before a refresh leaves its earlier document deleted inside the new segment (Lucene's buffered delete by term).
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { executeOnPrimary, type ShardWriteItem } from '../../../../workers/es/action/doc-write.ts'
import type { IndexService } from '../../../../workers/es/index/index-service.ts'
import { IndexShard, type AnalyzeDocument } from '../../../../workers/es/index/shard/index-shard.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { singleShardIndexService } from './single-shard-service.ts'

const NOW = 1_767_225_600_000
let engine: IndexEngine

beforeAll(async () => {
  engine = await loadEngine()
})

function newShard(): { service: IndexService; shard: IndexShard } {
  const service = singleShardIndexService('{"properties":{"body":{"type":"text"},"n":{"type":"long"}}}', NOW)
  const shard = new IndexShard(0, engine.newIndex(), NOW)
  service.shards.set(0, shard)
  return { service, shard }
}

type Op = { op: 'index'; id: string } | { op: 'delete'; id: string } | { op: 'refresh' }

function write(service: IndexService, shard: IndexShard, op: Op, token: string): string | null {
  const base = { routing: null, ifSeqNo: null, ifPrimaryTerm: null }
  const item: ShardWriteItem =
    op.op === 'index'
      ? { ...base, op: 'index', create: false, id: op.id, text: `{"body":"${token} common","n":7}` }
      : { ...base, op: 'delete', id: op.op === 'delete' ? op.id : '' }
  return executeOnPrimary(service, shard, item, NOW).result.result
}

/** The `_id`s whose document holds `term` in its body, as the searcher sees them. */
function searched(shard: IndexShard, term: string): string[] {
  const top = shard.searcherIndex.search({ type: 'term', field: 'body', term, boost: 1 }, 1000)
  return top.scoreDocs.map(({ docId }) => shard.searchedDocument(docId)?.id ?? '?').sort()
}

const ids = fc.constantFrom('a', 'b', 'c', 'd')
const ops = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: ids.map((id): Op => ({ op: 'index', id })) },
    { weight: 2, arbitrary: ids.map((id): Op => ({ op: 'delete', id })) },
    { weight: 2, arbitrary: fc.constant<Op>({ op: 'refresh' }) },
  ),
  { maxLength: 40 },
)

describe('writes buffered between refreshes', () => {
  it('GET is realtime, search sees the last refresh, one live document per _id', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const { service, shard } = newShard()
        // The model: each _id's latest token (realtime) and the tokens the last refresh made searchable.
        const latest = new Map<string, string>()
        const versions = new Map<string, number>()
        let searchable = new Map<string, string>()
        sequence.forEach((op, n) => {
          if (op.op === 'refresh') {
            shard.refresh(NOW)
            searchable = new Map(latest)
          } else {
            const token = `t${n}`
            const existed = latest.has(op.id)
            const result = write(service, shard, op, token)
            versions.set(op.id, (versions.get(op.id) ?? 0) + 1)
            if (op.op === 'index') {
              expect(result).toBe(existed ? 'updated' : 'created')
              latest.set(op.id, token)
            } else {
              expect(result).toBe(existed ? 'deleted' : 'not_found')
              latest.delete(op.id)
            }
            expect(shard.maxSeqNo).toBe(n - sequence.slice(0, n).filter((o) => o.op === 'refresh').length)
          }
          for (const id of ['a', 'b', 'c', 'd']) {
            const doc = shard.get(id)
            const token = latest.get(id)
            expect(doc?.source ?? null).toBe(token === undefined ? null : `{"body":"${token} common","n":7}`)
            if (doc) expect(doc.version).toBe(versions.get(id))
          }
          expect(searched(shard, 'common')).toEqual([...searchable.keys()].sort())
          for (const [id, token] of searchable) expect(searched(shard, token)).toEqual([id])
          expect(shard.searcherIndex.count({ type: 'matchAll', boost: 1 })).toBe(searchable.size)
          expect(shard.liveDocCount).toBe(latest.size)
        })
        shard.refresh(NOW)
        expect(searched(shard, 'common')).toEqual([...latest.keys()].sort())
        expect(shard.segmentStats().reduce((sum, s) => sum + s.numDocs, 0)).toBe(latest.size)
        service.close()
      }),
      { numRuns: 150 },
    )
  })

  it('an _id indexed twice before a refresh: one segment, one live and one deleted document', () => {
    const { service, shard } = newShard()
    write(service, shard, { op: 'index', id: '1' }, 'first')
    write(service, shard, { op: 'index', id: '1' }, 'second')
    expect(shard.hasPendingOperations).toBe(true)
    expect(searched(shard, 'second')).toEqual([])
    shard.refresh(NOW)
    expect(shard.hasPendingOperations).toBe(false)
    expect(searched(shard, 'first')).toEqual([])
    expect(searched(shard, 'second')).toEqual(['1'])
    expect(shard.segmentStats().map((s) => [s.name, s.numDocs, s.deletedDocs])).toEqual([['_0', 1, 1]])
    expect(shard.get('1')).toMatchObject({ version: 2, seqNo: 1 })
    service.close()
  })

  it('an _id indexed then deleted before a refresh: the segment holds it deleted, a search finds nothing', () => {
    const { service, shard } = newShard()
    write(service, shard, { op: 'index', id: 'x' }, 'kept')
    write(service, shard, { op: 'index', id: '1' }, 'gone')
    expect(write(service, shard, { op: 'delete', id: '1' }, '')).toBe('deleted')
    shard.refresh(NOW)
    expect(searched(shard, 'common')).toEqual(['x'])
    expect(shard.segmentStats().map((s) => [s.numDocs, s.deletedDocs])).toEqual([[1, 1]])
    expect(shard.get('1')).toBeNull()
    service.close()
  })

  it('a delete alone before a refresh still counts as a pending operation', () => {
    const { service, shard } = newShard()
    write(service, shard, { op: 'index', id: '1' }, 'one')
    shard.refresh(NOW)
    write(service, shard, { op: 'delete', id: '1' }, '')
    expect(shard.hasPendingOperations).toBe(true)
    expect(searched(shard, 'one')).toEqual(['1'])
    shard.refresh(NOW)
    expect(searched(shard, 'one')).toEqual([])
    service.close()
  })

  it('a document whose inversion fails part way changes nothing searchable, GET or seq_no', () => {
    const { service, shard } = newShard()
    const doc = { id: 'bad', source: '{}', routing: null, version: 1, seqNo: 0, primaryTerm: 1 }
    const failing: AnalyzeDocument = (docId, flush) => {
      flush.beginDocument(docId)
      flush.beginField('body', true)
      flush.termText('half', 0)
      throw new Error('analysis failed')
    }
    write(service, shard, { op: 'index', id: 'a' }, 'one')
    write(service, shard, { op: 'index', id: 'b' }, 'two')
    shard.refresh(NOW)
    write(service, shard, { op: 'index', id: 'c' }, 'three')
    shard.refresh(NOW)
    write(service, shard, { op: 'delete', id: 'a' }, '')
    shard.refresh(NOW)
    expect(shard.segmentStats().map((s) => [s.numDocs, s.deletedDocs])).toEqual([
      [1, 1],
      [1, 0],
    ])
    expect(() => shard.apply({ op: 'index', doc }, failing, NOW)).toThrow('analysis failed')
    expect(shard.get('bad')).toBeNull()
    expect(shard.maxSeqNo).toBe(3)
    // A merge drops `a` and renumbers doc ids: the failed document's buffer is sealed before it.
    shard.forceMerge(NOW, 1, false, false)
    write(service, shard, { op: 'index', id: 'good' }, 'whole')
    shard.refresh(NOW)
    expect(searched(shard, 'half')).toEqual([])
    expect(searched(shard, 'common')).toEqual(['b', 'c', 'good'])
    expect(searched(shard, 'whole')).toEqual(['good'])
    expect(shard.get('good')).toMatchObject({ seqNo: 4, version: 1 })
    service.close()
  })
})
