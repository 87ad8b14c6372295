/**
 * The ES|QL query endpoint (RestEsqlQueryAction): `POST /_query` runs the body's query (esql/esql-session.ts)
 * and answers in the `format` asked (esql/esql-response.ts), with the evaluation's Warning headers; `took` is
 * the query's time on the node's clock. A missing or blank body is a parse_exception.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { parseEsqlRequest } from '../../esql/esql-request.ts'
import { esqlResponse, esqlResponseFormat } from '../../esql/esql-response.ts'
import { executeEsql } from '../../esql/esql-session.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody, requiredContent } from '../request-body.ts'
import { guarded } from '../responses.ts'

export function registerEsqlActions(controller: RestController, context: RestContext): void {
  controller.register('POST', '/_query', (req) => guarded(() => runQuery(context, req)), 'esql.query')
}

async function runQuery(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  const text = requiredContent(req.request.body)
  const request = parseEsqlRequest(text, parseRequestBody(text))
  const format = esqlResponseFormat(req.params, request.columnar)
  const result = await executeEsql(context, request)
  return esqlResponse(result, format, req.params, request.columnar, context.clock.now() - started)
}
