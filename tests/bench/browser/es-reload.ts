/**
 * Browser benchmark page: reload of stored documents. Opened after es-search.html on the same origin and
 * the same `db` prefix: starts es-node-1 over the IndexedDB database es-search.html left and waits for
 * the first 10-hit search that answers with all `docs` documents searchable. Reports the time from the
 * page's navigation start (performance.timeOrigin), and from the node worker's launch, and when the
 * node had its shard started (its translog replayed); then how long reading the translog back takes.
 */
import { numberParam, publish } from './bench-cluster.ts'
import { BENCH_INDEX, databasePrefix, expectStatus, startBenchEsNode, totalHits } from './bench-es-node.ts'
import { hostScheduler } from '../../../workers/worker-host.ts'
import { openStorage } from '../../../workers/storage/open-storage.ts'
import { replayTranslog } from '../../../workers/es/indices/translog.ts'
import { esNodeDatabase } from '../../../web/cluster/es-workers.ts'

export interface EsReloadResult {
  docs: number
  /** Navigation start → the first search answered with every document (ms). */
  navigationMs: number
  /** Node worker launched → the same answer (ms). */
  nodeMs: number
  /** Node worker launched → master with its shards started: the translog replayed (ms). */
  startedMs: number
  /**
   * Afterwards, with the node stopped: the page reading every translog batch back and replaying it the way
   * IndicesService.readTranslog does (one entries read per shard), on a warm database (ms).
   */
  translogReadMs: number
}

const SEARCH = JSON.stringify({ size: 10, track_total_hits: true, query: { match_all: {} } })

async function run(): Promise<EsReloadResult> {
  const docs = numberParam('docs', 100_000)
  const launched = performance.now()
  const prefix = databasePrefix()
  const node = await startBenchEsNode(prefix)
  const startedMs = performance.now() - launched
  for (;;) {
    const response = await node.send('POST', `/${BENCH_INDEX}/_search`, SEARCH)
    if (response.status === 200 && totalHits(response.body) === docs) break
    await expectStatus(Promise.resolve(response), (status) => status === 200 || status === 503)
    await hostScheduler.sleep(5)
  }
  const answered = performance.now()
  node.cluster.terminate()
  return {
    docs,
    navigationMs: answered,
    nodeMs: answered - launched,
    startedMs,
    translogReadMs: await readTranslog(prefix, docs),
  }
}

async function readTranslog(prefix: string, docs: number): Promise<number> {
  const storage = await openStorage(`idb://${esNodeDatabase(prefix, 1)}`)
  const started = performance.now()
  const records = await storage.entries('es', 'indices/')
  const operations = replayTranslog(records.filter(([key]) => key.includes('/translog/')))
  if (operations.length !== docs)
    throw new Error(`the translog holds ${operations.length} operations, not ${docs}`)
  return performance.now() - started
}

publish(run)
