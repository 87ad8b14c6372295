/**
 * What the Elasticsearch benchmark pages share: one real node worker (es-node-1, as the site starts it:
 * web/cluster/es-workers.ts) over its own IndexedDB database, a REST call to it from the page (a
 * Comlink round trip, as the console makes), and the wait until it is the elected master with every
 * shard copy it holds started.
 */
import { EsWorkerCluster } from '../../../web/cluster/es-workers.ts'
import type { HttpMethod, RestResponse } from '../../../workers/protocol/es.ts'
import { hostScheduler } from '../../../workers/worker-host.ts'

export const BENCH_INDEX = 'bench'

export interface BenchEsNode {
  cluster: EsWorkerCluster
  send(method: HttpMethod, path: string, body?: string): Promise<RestResponse>
}

/** The page's `db` parameter: the prefix of the node's IndexedDB database name. */
export function databasePrefix(): string {
  return new URLSearchParams(location.search).get('db') ?? 'bench-es-'
}

/** Starts node 1 over the databases named `prefix` and waits until it is master, shards started. */
export async function startBenchEsNode(prefix: string): Promise<BenchEsNode> {
  const cluster = new EsWorkerCluster(1, 7, prefix)
  await cluster.startAll()
  const node = cluster.node(1)
  if (!node) throw new Error('es-node-1 did not start')
  for (;;) {
    const state = await cluster.describeState(1)
    if (state?.master && state.shards.every((shard) => shard.state === 'STARTED')) break
    await hostScheduler.sleep(5)
  }
  return {
    cluster,
    send: (method, path, body) => node.handleRequest({ method, path, params: [], body: body ?? null }),
  }
}

/** A request that must answer `status` (2xx by default): its body, or an error naming the answer. */
export async function expectStatus(
  response: Promise<RestResponse>,
  ok = (s: number) => s < 300,
): Promise<string> {
  const { status, body } = await response
  if (!ok(status)) throw new Error(`status ${status}: ${body.slice(0, 300)}`)
  return body
}

/** The total hits of a `_search` answer (track_total_hits: true gives the exact count). */
export function totalHits(body: string): number {
  return (JSON.parse(body) as { hits: { total: { value: number } } }).hits.total.value
}
