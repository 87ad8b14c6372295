/**
 * The body of `_scripts/painless/_execute` as ES 8.17's PainlessExecuteAction.Request reads it (the
 * ConstructingObjectParser `painless_execute_request`):
 * - `script` (required: `Required [script]`) an object read by Script.parse; `context` a string; `context_setup` an
 *   object (`execute_script_context`: `index` a string, `document` an object, `query` an object); any other field
 *   is ObjectParser's `[parser] unknown field [x]` with its "did you mean";
 * - the context is looked up when the request is built, after its last constructor argument arrived: a name that is
 *   not one of SUPPORTED_CONTEXTS is the UnsupportedOperationException "unsupported script context name [x]" inside
 *   "Failed to build [painless_execute_request] after last required field arrived" (wrapped as the failure of the
 *   last field when all three fields were given, since the build then runs inside that field's parse);
 * - `validate` (ActionRequestValidationException): a stored script is "only inline scripts are supported"; the filter
 *   and score contexts need `context_setup`'s `index` and `document` (without a `context_setup` at all ES's validate
 *   dereferences it: the NullPointerException `Cannot read field "index" because "this.contextSetup" is null`, 500).
 */
import { EsException, actionRequestValidationException, illegalArgumentException } from '../errors/index.ts'
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import { tokenAtPath } from '../xcontent/token-at-path.ts'
import { ParseFailure, PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { unknownField } from '../rankeval/rated-request-parser.ts'
import { parseScriptSpec, type ScriptSpec } from './search-script.ts'

/** PainlessExecuteAction.Request.SUPPORTED_CONTEXTS: painless_test, filter, score and the runtime field contexts. */
export const PAINLESS_EXECUTE_CONTEXTS = [
  'painless_test',
  'filter',
  'score',
  'boolean_field',
  'date_field',
  'double_field',
  'geo_point_field',
  'ip_field',
  'keyword_field',
  'long_field',
  'composite_field',
] as const
export type PainlessExecuteContext = (typeof PAINLESS_EXECUTE_CONTEXTS)[number]

export interface ContextSetup {
  readonly index: string | null
  readonly document: XContentObject | null
  readonly query: XContentObject | null
}

export interface PainlessExecuteRequest {
  readonly script: ScriptSpec
  readonly context: PainlessExecuteContext
  readonly contextSetup: ContextSetup | null
}

const PARSER = 'painless_execute_request'
const FIELDS = ['script', 'context', 'context_setup']
const SETUP_PARSER = 'execute_script_context'
const SETUP_FIELDS = ['index', 'document', 'query']

/** Parses and validates the request; throws ES's failure. */
export function parsePainlessExecuteRequest(text: string, body: XContentObject): PainlessExecuteRequest {
  const ctx = new PolicyParseContext(text, [])
  let request: PainlessExecuteRequest
  try {
    request = readRequest(ctx, body)
  } catch (failure) {
    throw failure instanceof ParseFailure ? failure.exception : failure
  }
  validate(request)
  return request
}

function readRequest(ctx: PolicyParseContext, body: XContentObject): PainlessExecuteRequest {
  let script: ScriptSpec | null = null
  let context: string | null = null
  let contextSetup: ContextSetup | null = null
  for (const [key, value] of body) {
    if (key === 'script') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue(PARSER, key, value)
      script = scriptSpec(ctx, key, value)
    } else if (key === 'context') {
      if (typeof value !== 'string') throw ctx.unsupportedValue(PARSER, key, value)
      context = value
    } else if (key === 'context_setup') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue(PARSER, key, value)
      try {
        contextSetup = readContextSetup(ctx.child(key), value)
      } catch (failure) {
        throw failure instanceof ParseFailure ? ctx.wrap(PARSER, key, failure) : failure
      }
    } else throw unknownField(ctx, PARSER, key, FIELDS)
  }
  if (script === null)
    throw new ParseFailure(illegalArgumentException('Required [script]'), ctx.offset('end'))
  const name = context ?? 'painless_test'
  if (!(PAINLESS_EXECUTE_CONTEXTS as readonly string[]).includes(name)) {
    const cause = new EsException({
      type: 'unsupported_operation_exception',
      reason: `unsupported script context name [${name}]`,
      status: 500,
      rootCause: false,
    })
    const failure = ctx.buildFailure(PARSER, cause)
    if (!FIELDS.every((field) => body.has(field))) throw failure
    // every constructor argument arrived: the build ran inside the last one's parse, at its value's end
    const last = [...body.keys()].filter((key) => FIELDS.includes(key)).pop()!
    const end = tokenAtPath(ctx.text, [last])?.end ?? failure.at
    throw ctx.wrap(PARSER, last, new ParseFailure(failure.exception, end))
  }
  return { script, context: name as PainlessExecuteContext, contextSetup }
}

/** Script.parse's failures, wrapped as the failure of the `script` field. */
function scriptSpec(ctx: PolicyParseContext, key: string, value: XContentValue): ScriptSpec {
  try {
    return parseScriptSpec(value)
  } catch (error) {
    if (error instanceof EsException) throw ctx.valueFailure(PARSER, key, error)
    throw error
  }
}

function readContextSetup(ctx: PolicyParseContext, body: XContentObject): ContextSetup {
  let index: string | null = null
  let document: XContentObject | null = null
  let query: XContentObject | null = null
  for (const [key, value] of body) {
    if (key === 'index') {
      if (typeof value !== 'string') throw ctx.unsupportedValue(SETUP_PARSER, key, value)
      index = value
    } else if (key === 'document' || key === 'query') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue(SETUP_PARSER, key, value)
      if (key === 'document') document = value
      else query = value
    } else throw unknownField(ctx, SETUP_PARSER, key, SETUP_FIELDS)
  }
  return { index, document, query }
}

function validate(request: PainlessExecuteRequest): void {
  const errors: string[] = []
  if (request.script.source === null) errors.push('only inline scripts are supported')
  if (request.context === 'filter' || request.context === 'score') {
    const setup = request.contextSetup
    if (setup === null) {
      throw new EsException({
        type: 'null_pointer_exception',
        reason: 'Cannot read field "index" because "this.contextSetup" is null',
        status: 500,
        rootCause: false,
      })
    }
    if (setup.index === null) errors.push('index is a required parameter for current context')
    if (setup.document === null) errors.push('document is a required parameter for current context')
  }
  if (errors.length > 0) throw actionRequestValidationException(errors)
}
