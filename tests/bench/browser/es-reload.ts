/**
 * Browser benchmark page: reload of stored documents. Opened after es-search.html on the same origin and
 * the same `db` prefix: starts es-node-1 over the IndexedDB database es-search.html left and waits for
 * the first 10-hit search that answers with all `docs` documents searchable. Reports the time from the
 * page's navigation start (performance.timeOrigin), and from the node worker's launch, and when the
 * node had its shard started (its last commit loaded and the translog above it replayed); then, with the node
 * stopped, what the store holds (the commit's files and the translog) and how long reading the translog back
 * and replaying it takes.
 */
import { numberParam, publish } from './bench-cluster.ts'
import { BENCH_INDEX, databasePrefix, expectStatus, startBenchEsNode, totalHits } from './bench-es-node.ts'
import { hostScheduler } from '../../../workers/worker-host.ts'
import { openStorage } from '../../../workers/storage/open-storage.ts'
import type { Storage } from '../../../workers/storage/storage.ts'
import { replayTranslog } from '../../../workers/es/indices/translog.ts'
import { esNodeDatabase } from '../../../web/cluster/es-workers.ts'

export interface EsReloadResult {
  docs: number
  /** Navigation start → the first search answered with every document (ms). */
  navigationMs: number
  /** Node worker launched → the same answer (ms). */
  nodeMs: number
  /** Node worker launched → master with its shards started: the commit loaded, the translog replayed (ms). */
  startedMs: number
  /**
   * Afterwards, with the node stopped: the page reading every translog batch back and replaying it the way
   * IndicesService.readTranslog does (one entries read per shard), on a warm database (ms).
   */
  translogReadMs: number
  /** The operations that translog holds: those above the last commit. */
  translogOperations: number
  /** Bytes stored under the shards' index/ (the last commit's files) and translog/ keys. */
  indexBytes: number
  translogBytes: number
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
    ...(await readStore(prefix)),
  }
}

async function readStore(
  prefix: string,
): Promise<Pick<EsReloadResult, 'translogReadMs' | 'translogOperations' | 'indexBytes' | 'translogBytes'>> {
  const storage = await openStorage(`idb://${esNodeDatabase(prefix, 1)}`)
  // The node knows its copies' translog prefixes from the cluster state; the page finds them among the keys.
  const keys = await storage.keys('es', 'indices/')
  const started = performance.now()
  const translog = await readPrefixes(storage, folderPrefixes(keys, '/translog/'))
  const operations = replayTranslog(translog)
  const translogReadMs = performance.now() - started
  const index = await readPrefixes(storage, folderPrefixes(keys, '/index/'))
  await storage.close()
  const bytes = (entries: Array<[string, Uint8Array]>): number =>
    entries.reduce((sum, [, value]) => sum + value.length, 0)
  return {
    translogReadMs,
    translogOperations: operations.length,
    indexBytes: bytes(index),
    translogBytes: bytes(translog),
  }
}

/** The distinct key prefixes that end with `folder` (e.g. each copy's `indices/<uuid>/shards/<n>/translog/`). */
function folderPrefixes(keys: readonly string[], folder: string): string[] {
  const prefixes = new Set<string>()
  for (const key of keys) {
    const at = key.indexOf(folder)
    if (at >= 0) prefixes.add(key.slice(0, at + folder.length))
  }
  return [...prefixes]
}

/** Every entry under each prefix: one `entries` read per prefix, as IndicesService.readTranslog reads a copy. */
async function readPrefixes(
  storage: Storage,
  prefixes: readonly string[],
): Promise<Array<[string, Uint8Array]>> {
  const reads = await Promise.all(prefixes.map((prefix) => storage.entries('es', prefix)))
  return reads.flat()
}

publish(run)
