/**
 * RestController: dispatches a RestRequest to the handler registered for its method and path, as
 * Elasticsearch's RestController does. Paths are patterns of literal segments and `{param}` segments, kept in a
 * PathTrie (path-trie.ts) whose matching modes are tried in turn: a literal segment wins over a parameter at the
 * same position (`/_search` is not an index named `_search`), and a path whose last segment is a registered
 * literal is that route's alone, so `GET /_query` is 405 (allowed: POST) rather than `GET /{index}`. A node without
 * the request's method ends the search with 405 and the methods every mode's node allows, unless a later mode's
 * node has the method; a path no pattern matches gets ES's "no handler found" answer. A route registered as deprecated (ES's
 * Route.deprecateAndKeep) adds its deprecation warning to every response it gives, errors too. A Content-Type
 * that cannot be parsed gets 400 media_type_header_exception before any routing (content-type.ts); a request with
 * a body whose Content-Type is missing or names no XContent media type gets 406 before its handler runs
 * (dispatchRequest's check); a request without a contentType (Kibana Dev Tools) is JSON. Every route names the
 * REST API it serves; a URL parameter that API's handler does not read gets BaseRestHandler's 400 before the
 * handler runs (base-rest-handler.ts), so nothing of the request is applied. BaseRestHandler checks the parameters
 * after the handler's prepareRequest: a route whose prepareRequest reads the body first registers that as its
 * `prepare` step, whose error (a bad body) then wins over an unrecognized parameter.
 */
import type { HttpMethod, RestRequest, RestResponse } from '../../protocol/es.ts'
import {
  EsException,
  contentTypeErrorResponse,
  incorrectHttpMethodResponse,
  noHandlerFoundResponse,
} from '../errors/index.ts'
import { isXContentMediaType, parseContentType, type ParsedMediaType } from './content-type.ts'
import { errorResponse, withWarnings } from './responses.ts'
import { unrecognizedParams } from './base-rest-handler.ts'
import type { RestApi } from './rest-api-params.ts'
import { PathTrie } from './path-trie.ts'

export interface RestHandlerRequest {
  request: RestRequest
  /** Path parameters, percent-decoded. */
  path: Record<string, string>
  /** Query parameters by name (the last value wins), percent-decoded. */
  params: Map<string, string>
}

export type RestHandler = (request: RestHandlerRequest) => Promise<RestResponse> | RestResponse

/** What a handler's prepareRequest checks before BaseRestHandler checks the URL parameters (it throws). */
export type RestPrepare = (request: RestHandlerRequest) => void

interface Route {
  method: HttpMethod
  segments: string[]
  handler: RestHandler
  /** The REST API the route serves: the URL parameters its handler reads (rest-api-params.ts). */
  api: RestApi
  /** The deprecation warning every response of the route carries. */
  deprecation: string | null
  /** The handler's checks that run before the URL parameters' (its prepareRequest's parse of the body). */
  prepare: RestPrepare | null
}

export class RestController {
  /** The routes by path pattern: a node's value is ES's MethodHandlers, the routes of one pattern. */
  private readonly routes = new PathTrie<Route[]>()

  register(
    method: HttpMethod,
    pattern: string,
    handler: RestHandler,
    api: RestApi,
    deprecation: string | null = null,
    prepare: RestPrepare | null = null,
  ): this {
    const segments = splitPath(pattern)
    this.routes.valueAt(segments, () => []).push({ method, segments, handler, api, deprecation, prepare })
    return this
  }

  async dispatch(request: RestRequest): Promise<RestResponse> {
    const segments = splitPath(request.path)
    const lookupMethod: HttpMethod = request.method === 'HEAD' ? 'GET' : request.method
    // tryAllHandlers: each matching mode's node in turn; a node without the method ends the search with 405
    // unless a later mode's node has it.
    const found = this.routes.retrieveAll(segments)
    const allowed = new Set(found.flatMap((routes) => (routes ?? []).map((route) => route.method)))
    let best: Route | null = null
    for (const routes of found) {
      best = routes?.find((route) => route.method === lookupMethod) ?? null
      if (best || !allowed.has(lookupMethod)) break
    }
    const params = new Map(request.params.map(([k, v]) => [decode(k), decode(v)] as const))
    const { contentType } = request
    let mediaType: ParsedMediaType | null = null
    try {
      mediaType = typeof contentType === 'string' ? parseContentType(contentType) : null
    } catch (error) {
      // AbstractHttpServerTransport: the request is dispatched as a bad request, whatever its path
      if (!(error instanceof EsException)) throw error
      return { ...errorResponse(error), status: 400 }
    }
    if (best) {
      if (contentType !== undefined && request.body !== null && request.body !== '') {
        if (contentType === null || !isXContentMediaType(mediaType))
          return { contentType: 'application/json', error: true, ...contentTypeErrorResponse(contentType) }
      }
      const handlerRequest = { request, path: pathParams(best.segments, segments), params }
      const refused =
        prepared(best.prepare, handlerRequest) ?? unrecognizedParams(decode(request.path), params, best.api)
      const handled = refused === null ? await best.handler(handlerRequest) : errorResponse(refused)
      const deprecation = best.deprecation
      // DeprecationRestHandler warns before the handler runs: its warning comes first.
      const response =
        deprecation === null
          ? handled
          : withWarnings({ ...handled, warnings: [deprecation] }, handled.warnings ?? [])
      return request.method === 'HEAD' ? { ...response, body: '' } : response
    }
    if (allowed.size > 0) {
      if (allowed.has('GET')) allowed.add('HEAD')
      const methods = ORDER.filter((m) => allowed.has(m))
      return {
        contentType: 'application/json',
        error: true,
        ...incorrectHttpMethodResponse(uriOf(request), request.method, methods),
      }
    }
    return {
      contentType: 'application/json',
      error: true,
      ...noHandlerFoundResponse(uriOf(request), request.method),
    }
  }
}

// RestRequest.Method's declaration order, in which ES lists allowed methods.
const ORDER: HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH']

function uriOf(request: RestRequest): string {
  const query = request.params.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&')
  return query ? `${request.path}?${query}` : request.path
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0)
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The `{param}` segments of a route's pattern, read from the path it was retrieved for (percent-decoded). */
function pathParams(pattern: readonly string[], actual: readonly string[]): Record<string, string> {
  const path: Record<string, string> = {}
  pattern.forEach((segment, i) => {
    if (segment.startsWith('{')) path[segment.slice(1, -1)] = decode(actual[i]!)
  })
  return path
}

/** The error a route's prepare step throws, or null when it passes (or the route has none). */
function prepared(prepare: RestPrepare | null, request: RestHandlerRequest): EsException | null {
  try {
    prepare?.(request)
    return null
  } catch (error) {
    if (error instanceof EsException) return error
    throw error
  }
}
