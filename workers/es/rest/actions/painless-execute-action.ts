/**
 * GET|POST /_scripts/painless/_execute (PainlessExecuteAction.RestAction, ES 8.17): the body ("request body or
 * source parameter is required" without one; the `source` parameter is not read here) read as
 * script/painless-execute-request.ts reads it, its `context_setup.index` resolved as TransportSingleShardAction
 * resolves a single index (index_not_found_exception, an alias of several indices refused, READ blocks), then run
 * on this node (script/painless-execute.ts): `{"result": ...}`. The literal `painless/_execute` segments win over
 * the stored-script routes' `{id}/{context}`, as ES's PathTrie prefers a literal node.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { readableSingleIndex } from '../../action/transport-get-action.ts'
import { parsePainlessExecuteRequest } from '../../script/painless-execute-request.ts'
import { executePainless } from '../../script/painless-execute.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody, requiredContent } from '../request-body.ts'

export function registerPainlessExecuteAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => execute(context, req))
  for (const method of ['GET', 'POST'] as const)
    controller.register(method, '/_scripts/painless/_execute', handler, 'scripts_painless_execute')
}

function execute(context: RestContext, req: RestHandlerRequest): RestResponse {
  const text = requiredContent(req.request.body)
  const request = parsePainlessExecuteRequest(text, parseRequestBody(text))
  const name = request.contextSetup?.index ?? null
  const index = name === null ? null : readableSingleIndex(context, name)
  return json(200, new Map([['result', executePainless(request, index)]]))
}
