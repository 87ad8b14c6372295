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
}

export interface RestResponse {
  status: number
  /** `application/json` for JSON bodies, `text/plain` for _cat without format=json. */
  contentType: 'application/json' | 'text/plain'
  /** The body as the node sends it: compact JSON (or text), with `_source` embedded verbatim. */
  body: string
}

export interface EsNodeApi {
  handleRequest(request: RestRequest): Promise<RestResponse>
}
