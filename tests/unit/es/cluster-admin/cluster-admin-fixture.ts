// What the cluster admin tests share: a started cluster with one index created and settled, the node ids by
// name, the roles a default ES 8.17 node lists, and raw-body helpers (key order matters, so bodies are
// compared as text against JSON.stringify of the expected object).
import { expect } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

export const DEFAULT_ROLES = [
  'data',
  'data_cold',
  'data_content',
  'data_frozen',
  'data_hot',
  'data_warm',
  'ingest',
  'master',
  'ml',
  'remote_cluster_client',
  'transform',
]

export interface AdminCluster {
  cluster: TestCluster
  /** Node id by node name (`es-node-1` ...). */
  ids: Map<string, string>
}

export async function clusterWithIndex(
  size: number,
  body: object = {},
  index = 'idx',
): Promise<AdminCluster> {
  const cluster = await startCluster(size)
  await cluster.json(1, 'PUT', `/${index}`, body)
  await cluster.settle()
  const ids = new Map(cluster.nodes.describeStates().map((state) => [state.nodeName, state.nodeId]))
  return { cluster, ids }
}

/** Sends a request and checks status and exact body text. */
export async function expectBody(
  cluster: TestCluster,
  method: 'GET' | 'POST',
  path: string,
  body: object | undefined,
  status: number,
  expected: unknown,
): Promise<void> {
  const response = await cluster.send(1, method, path, body)
  expect(response.status).toBe(status)
  expect(JSON.parse(response.body)).toEqual(expected)
  expect(response.body).toBe(JSON.stringify(expected))
}

export function errorBody(
  type: string,
  reason: string,
  status: number,
  extra: object = {},
): { error: object; status: number } {
  const cause = { type, reason, ...extra }
  return { error: { root_cause: [cause], ...cause }, status }
}

/** [status, parsed body] of a request to node 2 of `cluster`. */
export async function statusAndBody(
  cluster: TestCluster,
  method: 'PUT' | 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: object,
): Promise<unknown[]> {
  const response = await cluster.send(2, method, path, body)
  return [response.status, JSON.parse(response.body) as unknown]
}

/** [403, cluster_block_exception's body] for a block described as `reason`. */
export function blockedAnswer(reason: string): unknown[] {
  return [403, errorBody('cluster_block_exception', reason, 403)]
}

/** The body of index_not_found_exception for the index or alias `name` (404). */
export function indexNotFoundBody(name: string): { error: object; status: 404 } {
  const cause = {
    type: 'index_not_found_exception',
    reason: `no such index [${name}]`,
    'resource.type': 'index_or_alias',
    'resource.id': name,
    index_uuid: '_na_',
    index: name,
  }
  return { error: { root_cause: [cause], ...cause }, status: 404 }
}

/** The `error` object of an ES error response body. */
export interface ErrorBody {
  type: string
  reason: string
  root_cause: Array<{ type: string; reason: string }>
  /** Where a parse failure is (x_content_parse_exception, document_parsing_exception). */
  line?: number
  col?: number
  caused_by?: { type: string; reason: string; caused_by?: { reason: string } }
}

export function errorOf(body: string): ErrorBody {
  return (JSON.parse(body) as { error: ErrorBody }).error
}

/** The explanation `_validate/query?explain=true` gives of `query` on `index` (its one shard's Lucene query). */
export async function validateExplanation(
  cluster: TestCluster,
  query: object,
  index = 'idx',
): Promise<string> {
  const body = (await cluster.json(1, 'POST', `/${index}/_validate/query?explain=true`, { query })) as {
    explanations: Array<{ explanation: string }>
  }
  return body.explanations[0]!.explanation
}
