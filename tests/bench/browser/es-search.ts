/**
 * Browser benchmark page: 10-hit searches through a real Elasticsearch node worker. Starts es-node-1 over
 * a fresh IndexedDB database (`db` names its prefix), creates the bench index (es/bench-mapping.ts, one
 * shard, no replica), loads the corpus's first `docs` documents with `_bulk` requests of BULK_DOCS
 * documents each, refreshes, then times `searches` `match` searches of the corpus's single-term queries
 * from the page: each a round trip from the page's call to the node's answer (performance.now()). Then
 * flushes (`POST _flush`: a Lucene commit of the index) and waits until `_segments` lists every segment as
 * committed, which it does once the commit is stored, and stops the node, so that es-reload.html finds the
 * documents committed. The explicit flush stands in for ES's flush at shard close (a clean stop) and for the
 * idle flush a learner gets 5 s after the last write (workers/es/indices/flush-policy.ts); it also times the
 * commit: refresh, segment images and stored fields encoded, and both storage writes.
 */
import { generateCorpus, generateQueries } from '../corpus.mjs'
import { BENCH_MAPPING, matchBody } from '../es/bench-mapping.ts'
import { percentile } from '../es/percentile.ts'
import { numberParam, publish } from './bench-cluster.ts'
import {
  BENCH_INDEX,
  databasePrefix,
  expectStatus,
  startBenchEsNode,
  totalHits,
  type BenchEsNode,
} from './bench-es-node.ts'
import { hostScheduler } from '../../../workers/worker-host.ts'

export interface EsSearchResult {
  docs: number
  /** Node worker launched on empty storage → master with its shards started (ms). */
  startMs: number
  /** Bulk requests sent to refresh answered (ms). */
  loadMs: number
  searches: number
  p50Ms: number
  p99Ms: number
  /** `_flush` sent → `_segments` shows every segment committed (ms). */
  commitMs: number
}

const BULK_DOCS = 5_000

async function run(): Promise<EsSearchResult> {
  const docs = numberParam('docs', 100_000)
  const searches = numberParam('searches', 2_000)
  const corpus = generateCorpus({ docs })
  const queries = generateQueries(corpus).term
  const launched = performance.now()
  const node = await startBenchEsNode(databasePrefix())
  const startMs = performance.now() - launched
  // Vite's dev server reloads a page once when it first meets a dependency (its optimizer): a reloaded
  // page finds the index its first run created.
  await expectStatus(node.send('DELETE', `/${BENCH_INDEX}`), (status) => status < 300 || status === 404)
  const settings = { number_of_shards: 1, number_of_replicas: 0 }
  await expectStatus(
    node.send('PUT', `/${BENCH_INDEX}`, JSON.stringify({ settings, mappings: BENCH_MAPPING })),
  )
  const started = performance.now()
  for (let from = 0; from < docs; from += BULK_DOCS) {
    const lines: string[] = []
    for (const { id, title, body, views, ts, tag } of corpus.docs.slice(from, from + BULK_DOCS)) {
      lines.push(
        JSON.stringify({ index: { _id: String(id) } }),
        JSON.stringify({ title, body, views, ts, tag }),
      )
    }
    const answer = await expectStatus(node.send('POST', `/${BENCH_INDEX}/_bulk`, lines.join('\n') + '\n'))
    if ((JSON.parse(answer) as { errors: boolean }).errors)
      throw new Error(`bulk failed: ${answer.slice(0, 300)}`)
  }
  await expectStatus(node.send('POST', `/${BENCH_INDEX}/_refresh`))
  const loadMs = performance.now() - started
  const count = JSON.stringify({ size: 0, track_total_hits: true })
  const total = totalHits(await expectStatus(node.send('POST', `/${BENCH_INDEX}/_search`, count)))
  if (total !== docs) throw new Error(`the index holds ${total} documents, not ${docs}`)
  const times = new Float64Array(searches)
  for (let i = 0; i < searches; i++) {
    const body = matchBody(queries[i % queries.length]!.q)
    const sent = performance.now()
    await expectStatus(node.send('POST', `/${BENCH_INDEX}/_search`, body))
    times[i] = performance.now() - sent
  }
  const commitMs = await flushAndWait(node)
  await node.cluster.stop(1)
  return {
    docs,
    startMs,
    loadMs,
    searches,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    commitMs,
  }
}

interface SegmentsBody {
  indices: Record<
    string,
    { shards: Record<string, Array<{ segments: Record<string, { committed: boolean }> }>> }
  >
}

/** `_flush`, then `_segments` polled until every segment of the bench index is committed; the time taken. */
async function flushAndWait(node: BenchEsNode): Promise<number> {
  const sent = performance.now()
  await expectStatus(node.send('POST', `/${BENCH_INDEX}/_flush`))
  for (;;) {
    const body = JSON.parse(await expectStatus(node.send('GET', `/${BENCH_INDEX}/_segments`))) as SegmentsBody
    const copies = Object.values(body.indices[BENCH_INDEX]?.shards ?? {}).flat()
    if (copies.every((copy) => Object.values(copy.segments).every((segment) => segment.committed)))
      return performance.now() - sent
    await hostScheduler.sleep(5)
  }
}

publish(run)
