/**
 * Building REST responses: JSON bodies through the XContent writer (so `_source` is embedded verbatim
 * and scores print as Java floats), error responses in ES's error body format, and deprecation warnings
 * (HeaderWarning: each text once per response; see RestResponse.warnings).
 */
import type { RestResponse } from '../../protocol/es.ts'
import { toJson, type JsonOut } from '../xcontent/index.ts'
import { EsException, errorResponseBody } from '../errors/index.ts'

export function json(status: number, body: JsonOut): RestResponse {
  return { status, contentType: 'application/json', body: toJson(body) }
}

export function errorResponse(error: EsException): RestResponse {
  return {
    status: error.status,
    contentType: 'application/json',
    body: errorResponseBody(error),
    error: true,
  }
}

/** Runs an action; an EsException becomes its error response, anything else propagates. */
export async function guarded(action: () => Promise<RestResponse> | RestResponse): Promise<RestResponse> {
  try {
    return await action()
  } catch (error) {
    if (error instanceof EsException) return errorResponse(error)
    throw error
  }
}

/** The response with `warnings` added after its own, each text once (HeaderWarning.addWarning). */
export function withWarnings(response: RestResponse, warnings: readonly string[]): RestResponse {
  if (warnings.length === 0) return response
  const all = [...new Set([...(response.warnings ?? []), ...warnings])]
  return { ...response, warnings: all }
}
