/**
 * The REST errors RestController writes itself, outside the ElasticsearchException format:
 * - no handler for the path: `{"error":"no handler found for uri [/x] and method [GET]"}` with status 400 and,
 *   unlike every other error body, no "status" field (RestController.handleBadRequest builds it by hand);
 * - a known path with another method: `{"error":"Incorrect HTTP method for uri [/x] and method [PUT],
 *   allowed: [GET]","status":405}` (handleUnsupportedHttpMethod, a simple error response), with an `Allow`
 *   header. The allowed methods print as Java prints the set; pass them in that order;
 * - a body whose Content-Type names no XContent media type: `{"error":"Content-Type header
 *   [application/x-www-form-urlencoded] is not supported","status":406}`, or `Content-Type header is missing`
 *   without one (sendContentTypeErrorMessage, a simple error response).
 */

import { toJson } from '../xcontent/json-writer.ts'

export interface SimpleErrorResponse {
  status: number
  body: string
}

export function noHandlerFoundResponse(uri: string, method: string): SimpleErrorResponse {
  return { status: 400, body: toJson({ error: `no handler found for uri [${uri}] and method [${method}]` }) }
}

export function incorrectHttpMethodResponse(
  uri: string,
  method: string,
  allowed: readonly string[],
): SimpleErrorResponse {
  const error = `Incorrect HTTP method for uri [${uri}] and method [${method}], allowed: [${allowed.join(', ')}]`
  return { status: 405, body: toJson({ error, status: 405 }) }
}

/** sendContentTypeErrorMessage: the header's value as sent, or null when the request had none. */
export function contentTypeErrorResponse(contentType: string | null): SimpleErrorResponse {
  const error =
    contentType === null
      ? 'Content-Type header is missing'
      : `Content-Type header [${contentType}] is not supported`
  return { status: 406, body: toJson({ error, status: 406 }) }
}
