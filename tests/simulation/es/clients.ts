/**
 * The clients of a simulated Elasticsearch cluster: each loops until a deadline, sending to a random node
 * (as a client with every node in its host list does) a PUT of a document with a value no other write uses
 * (a new id, or an id already written, often by another client, so that writes on one id race), a realtime
 * GET, a refresh, or a search. Every write and its outcome go into the WriteHistory; a read that shows a
 * value never written to its id, or a search that returns one id twice, is recorded as an anomaly.
 */
import type { Random } from '../../../workers/net/random.ts'
import type { DataCluster, RestOutcome } from './data-cluster.ts'
import type { WriteHistory } from './write-history.ts'

export interface Workload {
  cluster: DataCluster
  history: WriteHistory
  random: Random
  indices: readonly string[]
  /** Clients start no request after this simulated time. */
  until: number
  anomalies: string[]
}

const NODE_DOWN_WAIT_MS = 500
const MAX_THINK_MS = 1_500

interface Source {
  value: number
  client: number
}

export async function runClient(client: number, workload: Workload): Promise<void> {
  const { cluster, random } = workload
  let fresh = 0
  while (cluster.queue.now() < workload.until) {
    const node = cluster.addresses[random.nextInt(cluster.addresses.length)]!
    if (!cluster.nodes.isRunning(node)) {
      await cluster.queue.sleep(NODE_DOWN_WAIT_MS)
      continue
    }
    const index = workload.indices[random.nextInt(workload.indices.length)]!
    const known = workload.history.ids(index)
    const roll = random.nextInt(10)
    if (roll < 7) {
      const id =
        known.length > 0 && random.nextInt(5) < 3
          ? known[random.nextInt(known.length)]!
          : `c${client}-${fresh++}`
      await write(workload, node, index, id, client)
    } else if (roll === 7 && known.length > 0) {
      await get(workload, node, index, known[random.nextInt(known.length)]!)
    } else if (roll === 8) {
      await cluster.call(node, 'POST', `/${index}/_refresh`)
    } else {
      await search(workload, node, index)
    }
    await cluster.queue.sleep(random.nextInt(MAX_THINK_MS))
  }
}

async function write(
  workload: Workload,
  node: number,
  index: string,
  id: string,
  client: number,
): Promise<void> {
  const { cluster, history } = workload
  const record = history.begin(index, id, cluster.queue.now())
  const outcome = await cluster.call(node, 'PUT', `/${index}/_doc/${id}`, {
    value: record.value,
    client,
  } satisfies Source)
  if (outcome.kind !== 'answered') return history.fail(record, 'unknown')
  if (outcome.status !== 200 && outcome.status !== 201) return history.fail(record, 'failed')
  const body = JSON.parse(outcome.body) as {
    _seq_no: number
    _primary_term: number
    _shards: { successful: number; failed: number }
  }
  if (body._shards.failed !== 0 || body._shards.successful < 1)
    workload.anomalies.push(`${index}/${id} acked with _shards ${JSON.stringify(body._shards)}`)
  history.ack(record, cluster.queue.now(), body._seq_no, body._primary_term)
}

async function get(workload: Workload, node: number, index: string, id: string): Promise<void> {
  const outcome = await workload.cluster.call(node, 'GET', `/${index}/_doc/${id}`)
  const found = answeredJson(outcome) as { found?: boolean; _source?: Source } | null
  if (!found?.found) return
  const value = found._source?.value ?? Number.NaN
  if (!workload.history.wasWritten(index, id, value))
    workload.anomalies.push(`GET ${index}/${id} from node ${node} showed ${value}, never written`)
}

async function search(workload: Workload, node: number, index: string): Promise<void> {
  const outcome = await workload.cluster.call(node, 'POST', `/${index}/_search`, {
    size: 1000,
    query: { match_all: {} },
  })
  const result = answeredJson(outcome) as { hits?: { hits: Array<{ _id: string; _source: Source }> } } | null
  const hits = result?.hits?.hits ?? []
  const ids = new Set(hits.map((hit) => hit._id))
  if (ids.size !== hits.length) workload.anomalies.push(`search of ${index} on node ${node} repeated an id`)
  for (const hit of hits) {
    if (!workload.history.wasWritten(index, hit._id, hit._source.value))
      workload.anomalies.push(`search of ${index} showed ${hit._id}=${hit._source.value}, never written`)
  }
}

function answeredJson(outcome: RestOutcome): unknown {
  return outcome.kind === 'answered' && outcome.status === 200 ? JSON.parse(outcome.body) : null
}
