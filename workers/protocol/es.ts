/**
 * The Elasticsearch node's boundary: one HTTP-like request in, one response out, exactly what an
 * Elasticsearch REST endpoint receives and sends. Dev Tools text and curl lines are both turned into a
 * `RestRequest` by the tools; nothing reaches into a node's internals.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'PATCH'

export interface RestRequest {
  method: HttpMethod
  /** The path without the query string, always starting with `/`, still percent-encoded. */
  path: string
  /** Query parameters in the order given; a flag without a value (`?pretty`) has the value ''. */
  params: Array<[string, string]>
  /** The body as the client sent it (JSON or NDJSON text), or null when there is none. */
  body: string | null
  /**
   * The Content-Type header as curl sends it: the `-H` value, or curl's own (`application/x-www-form-urlencoded`
   * with `-d`, `application/json` with `--json`), null when it sends none (`-T`, or no data). Absent for Kibana
   * Dev Tools, which sends `application/json`.
   */
  contentType?: string | null
}

export interface RestResponse {
  status: number
  /** `application/json` for JSON bodies, `text/plain` for _cat without format=json. */
  contentType: 'application/json' | 'text/plain'
  /** The body as the node sends it: compact JSON (or text), with `_source` embedded verbatim. */
  body: string
  /**
   * The deprecation warnings of the request, in the order raised: each is the text of one `Warning` header
   * (`299 Elasticsearch-8.17.0-<build hash> "<text>"`), which Kibana's Dev Tools shows as a `#! <text>` line
   * above the body. Absent when there are none.
   */
  warnings?: string[]
  /**
   * An error answer (one ES writes with AbstractRestChannel.newErrorBuilder: an exception's body, no handler, a
   * wrong method or content type): `filter_path` does not apply to it; `pretty` does.
   */
  error?: true
}

export interface EsNodeApi {
  handleRequest(request: RestRequest): Promise<RestResponse>
}

/** localhost:9200 is es-node-1, 9201 es-node-2, ... 9208 es-node-9, as a docker-compose cluster maps them. */
export const ES_BASE_PORT = 9200
/** The most Elasticsearch nodes the playground runs (localhost:9200 to localhost:9208). */
export const MAX_ES_NODES = 9

/** node.name of the node at transport address `address` (1..9). */
export function esNodeName(address: number): string {
  return `es-node-${address}`
}

/**
 * What one Elasticsearch node knows now (EsNode.describeState), for the cluster view: whether it is the
 * elected master, which master it follows, and every shard copy it holds. One call answers for the node.
 */
export interface EsNodeState {
  nodeName: string
  nodeId: string
  address: number
  /** This node is the elected master. */
  master: boolean
  /** The master this node knows, or null while it knows none. */
  masterName: string | null
  shards: Array<{
    index: string
    shard: number
    primary: boolean
    state: 'INITIALIZING' | 'STARTED'
    docs: number
  }>
  /** The elected master's view of the whole cluster; null on every other node. */
  cluster: EsClusterSummary | null
}

export type EsHealthStatus = 'green' | 'yellow' | 'red'

/** One copy of a shard as the master's routing table has it: where it is (null: UNASSIGNED) and its state. */
export interface EsShardCopySummary {
  primary: boolean
  state: 'UNASSIGNED' | 'INITIALIZING' | 'STARTED' | 'RELOCATING'
  /** The node name, or null while the copy is unassigned. */
  node: string | null
}

/**
 * What `GET _cluster/health?level=shards` and `_cat/shards` would tell, for the cluster view: the health as a
 * function of shard assignment, and every index with each shard's copies, unassigned ones included.
 */
export interface EsClusterSummary {
  status: EsHealthStatus
  activeShards: number
  unassignedShards: number
  indices: Array<{
    name: string
    open: boolean
    status: EsHealthStatus
    /** Per shard number, its copies: the primary first. */
    shards: EsShardCopySummary[][]
  }>
}

/**
 * The Elasticsearch nodes as clients reach them (Kibana's elasticsearch.hosts, curl's localhost:920N):
 * node ids 1..N, whether each one's process runs and is paused, and the REST endpoint of a running one
 * (its calls wait while it is paused, as a SIGSTOPped JVM leaves them in its socket).
 */
export interface EsDirectory {
  ids(): number[]
  isRunning(id: number): boolean
  isPaused(id: number): boolean
  /** The node's REST endpoint while its process exists, else null (nothing listens on its port). */
  node(id: number): EsNodeApi | null
}
