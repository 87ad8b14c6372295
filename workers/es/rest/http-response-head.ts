/**
 * The status line and headers of a REST response as Elasticsearch 8.17's HTTP layer sends them and `curl -i`
 * prints them: `HTTP/1.1 <status> <reason>`, then `X-elastic-product: Elasticsearch` (RestController adds it
 * to every response), one `Warning` header per deprecation warning, `content-type` (`application/json`, or
 * `text/plain; charset=UTF-8` for a _cat table), `content-length` (the body's UTF-8 bytes), and the empty
 * line before the body. A warning reads `299 Elasticsearch-<version>-<build hash> "<text>"`, the text
 * escaped and encoded as HeaderWarning.escapeAndEncode does for an RFC 7230 quoted-string: `\` and `"` take
 * a backslash; a run of characters outside tab, space and 0x21-0x7E (but `%`) or 0x80-0xFF becomes the
 * percent-encoded (upper-case hex) UTF-8 of the run.
 */
import type { RestResponse } from '../../protocol/es.ts'
import { ES_VERSION } from './actions/root-action.ts'

const WARNING_PREFIX = `299 Elasticsearch-${ES_VERSION.number}-${ES_VERSION.build_hash}`
const encoder = new TextEncoder()

function needsNoEncoding(code: number): boolean {
  return code === 0x09 || (code >= 0x20 && code <= 0x7e && code !== 0x25) || (code >= 0x80 && code <= 0xff)
}

/** HeaderWarning.escapeAndEncode. */
export function escapeAndEncode(text: string): string {
  const escaped = text.replace(/["\\]/g, '\\$&')
  let out = ''
  for (let i = 0; i < escaped.length;) {
    if (needsNoEncoding(escaped.charCodeAt(i))) {
      out += escaped[i]
      i++
      continue
    }
    const start = i
    while (i < escaped.length && !needsNoEncoding(escaped.charCodeAt(i))) i++
    for (const byte of encoder.encode(escaped.slice(start, i))) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    }
  }
  return out
}

/** HeaderWarning.formatWarning: the value of one `Warning` header. */
export function warningHeader(text: string): string {
  return `${WARNING_PREFIX} "${escapeAndEncode(text)}"`
}

/** The head `curl -i` prints before the body, lines ending in `\n`, the empty line included. */
export function httpResponseHead(response: RestResponse, reasonPhrase: string): string {
  const contentType =
    response.contentType === 'text/plain' ? 'text/plain; charset=UTF-8' : response.contentType
  const lines = [
    `HTTP/1.1 ${response.status} ${reasonPhrase}`,
    'X-elastic-product: Elasticsearch',
    ...(response.warnings ?? []).map((warning) => `Warning: ${warningHeader(warning)}`),
    `content-type: ${contentType}`,
    `content-length: ${encoder.encode(response.body).length}`,
  ]
  return `${lines.join('\n')}\n\n`
}
