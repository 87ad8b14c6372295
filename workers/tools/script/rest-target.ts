/**
 * The path and query parameters of a request target (`demo/_search?q=fox&pretty`), split the way
 * Elasticsearch's `RestUtils.decodeQueryString` splits a query string: pairs end at `&` or `;`, the first
 * `=` separates name from value (leading `=` are dropped), a name without `=` gets the value '', empty
 * pieces are skipped, and a `#` ends the query. Nothing is percent-decoded here: the REST layer decodes
 * names, values and the path, and answers malformed escapes with its own error. The path always starts
 * with `/`.
 */
import type { RestRequest } from '../../protocol/es.ts'

export function restTarget(target: string): Pick<RestRequest, 'path' | 'params'> {
  const hash = target.indexOf('#')
  const url = hash < 0 ? target : target.slice(0, hash)
  const question = url.indexOf('?')
  const path = question < 0 ? url : url.slice(0, question)
  return {
    path: path.startsWith('/') ? path : `/${path}`,
    params: question < 0 ? [] : queryParams(url.slice(question + 1)),
  }
}

function queryParams(query: string): Array<[string, string]> {
  const params: Array<[string, string]> = []
  for (const raw of query.split(/[&;]/)) {
    const piece = raw.replace(/^=+/, '')
    if (piece === '') continue
    const equals = piece.indexOf('=')
    params.push(equals < 0 ? [piece, ''] : [piece.slice(0, equals), piece.slice(equals + 1)])
  }
  return params
}
