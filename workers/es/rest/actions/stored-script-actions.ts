/**
 * The stored script APIs (RestPutStoredScriptAction, RestGetStoredScriptAction, RestDeleteStoredScriptAction;
 * ScriptService.putStoredScript), ES 8.17:
 * - PUT|POST /_scripts/<id>[/<context>] (or `?context=`): the body is read (script/stored-script-source.ts),
 *   then PutStoredScriptRequest.validate ("id cannot contain '#' for stored script"), then the size limit
 *   (script.max_size_in_bytes, 65535: "exceeded max allowed stored script size in bytes [65535] with size [n]
 *   for script [id]"), the language ("unable to put stored script with unsupported lang [x]"); with a context
 *   the script is compiled for it first: a Painless compile error is its script_exception, any other failure
 *   "failed to parse/compile stored script [id]" caused by what went wrong ("Unknown context [x]", "mustache
 *   engine does not know how to handle context [x]"). Without a context nothing is compiled. The master puts it
 *   into the cluster state's ScriptMetadata; `{"acknowledged":true}`.
 * - GET /_scripts/<id>: `{"_id","found":true,"script":{lang,source[,options]}}`, or 404 `{"_id","found":false}`.
 * - DELETE /_scripts/<id>: `{"acknowledged":true}`, or 404 resource_not_found_exception.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  illegalArgumentException,
  type EsException,
} from '../../errors/index.ts'
import { storedScripts } from '../../cluster/metadata/script-metadata.ts'
import { parseStoredScriptSource, storedScriptJson } from '../../script/stored-script-source.ts'
import { PainlessScript } from '../../script/painless-script.ts'
import { MUSTACHE_LANG, TemplateScript } from '../../script/template-script.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { requireBody } from './template-request.ts'

/** script.max_size_in_bytes. */
const MAX_SIZE_IN_BYTES = 65535

/** The script engines here (lang-expression is not one: its scripts are refused as an unsupported lang). */
const LANGS = new Set(['painless', MUSTACHE_LANG])

/** The Painless script contexts the playground runs, with the variables each gives its scripts. */
const PAINLESS_CONTEXTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['score', ['params', 'doc', '_score']],
  ['filter', ['params', 'doc']],
  ['field', ['params', 'doc']],
  ['update', ['params', 'ctx']],
  ['ingest', ['ctx', 'params']],
  ['processor_conditional', ['ctx', 'params']],
  ['bucket_aggregation', ['params']],
  ['bucket_aggregation_selector', ['params']],
  ['moving-function', ['params', 'values']],
])
const TEMPLATE_CONTEXT = 'template'

export function registerStoredScriptActions(controller: RestController, context: RestContext): void {
  const put = (req: RestHandlerRequest) => guarded(() => putStoredScript(context, req))
  for (const method of ['PUT', 'POST'] as const) {
    controller
      .register(method, '/_scripts/{id}', put, 'put_script')
      .register(method, '/_scripts/{id}/{context}', put, 'put_script')
  }
  controller
    .register('GET', '/_scripts/{id}', (req) => guarded(() => getStoredScript(context, req)), 'get_script')
    .register(
      'DELETE',
      '/_scripts/{id}',
      (req) => guarded(() => deleteStoredScript(context, req)),
      'delete_script',
    )
}

async function putStoredScript(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const id = req.path.id!
  const text = requireBody(req)
  const source = parseStoredScriptSource(text)
  if (id.includes('#')) throw actionRequestValidationException(["id cannot contain '#' for stored script"])
  const size = new TextEncoder().encode(text).length
  if (size > MAX_SIZE_IN_BYTES) {
    throw illegalArgumentException(
      `exceeded max allowed stored script size in bytes [${MAX_SIZE_IN_BYTES}] with size [${size}] for script [${id}]`,
    )
  }
  if (!LANGS.has(source.lang)) {
    throw illegalArgumentException(`unable to put stored script with unsupported lang [${source.lang}]`)
  }
  const scriptContext = req.path.context ?? req.params.get('context')
  if (scriptContext !== undefined) {
    const failure = compileForContext(source.lang, source.source, scriptContext)
    if (failure !== null)
      throw illegalArgumentException(`failed to parse/compile stored script [${id}]`, failure)
  }
  await context.client.cluster.execute({ type: 'put_stored_script', id, source })
  return json(200, { acknowledged: true })
}

/** ScriptEngine.compile for a named context: the failure that is not a script_exception, or null. */
function compileForContext(lang: string, source: string, name: string): EsException | null {
  const variables = PAINLESS_CONTEXTS.get(name)
  if (variables === undefined && name !== TEMPLATE_CONTEXT)
    return illegalArgumentException(`Unknown context [${name}]`)
  if (lang === MUSTACHE_LANG) {
    if (name !== TEMPLATE_CONTEXT) {
      return illegalArgumentException(`mustache engine does not know how to handle context [${name}]`)
    }
    TemplateScript.compile(source)
  } else if (lang === 'painless' && variables !== undefined) {
    PainlessScript.compile(source, variables)
  }
  return null
}

function getStoredScript(context: RestContext, req: RestHandlerRequest): RestResponse {
  const id = req.path.id!
  const scripts = storedScripts(context.client.cluster.state())
  if (!Object.hasOwn(scripts, id)) return json(404, { _id: id, found: false })
  return json(200, { _id: id, found: true, script: storedScriptJson(scripts[id]!) })
}

async function deleteStoredScript(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  await context.client.cluster.execute({ type: 'delete_stored_script', id: req.path.id! })
  return json(200, { acknowledged: true })
}
