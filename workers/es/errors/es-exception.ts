/**
 * EsException: one data-driven model of the exceptions Elasticsearch renders in a REST error response, and
 * their rendering, following ElasticsearchException (8.17) with error_trace off.
 *
 * Body layout (RestResponse + ElasticsearchException.generateFailureXContent):
 *   {"error":{"root_cause":[<cause>...],<cause fields of the top exception>},"status":<status>}
 * Cause fields (innerToXContent), in this order: "type", "reason", the metadata in the order given (the
 * `es.`-prefixed metadata first, then a subclass's metadataToXContent fields such as ParsingException's
 * "line" and "col"), then "caused_by" with the cause's fields. No "stack_trace" (error_trace is off).
 *
 * Root causes (guessRootCauses): an exception that is not an ElasticsearchException (`rootCause: false`: plain
 * Java or Jackson exceptions such as illegal_argument_exception, x_content_parse_exception,
 * json_parse_exception) is its own root cause, except that an XContentParseException (or its subclasses) whose
 * cause is another one or an ElasticsearchException reports its cause's; an ElasticsearchException descends
 * through causes while they are ElasticsearchExceptions and reports the deepest one (an XContentParseException
 * below it is not entered); an exception given `rootCausesFrom` reports theirs.
 * Root causes are rendered without "caused_by".
 */

import { toJson, type JsonOut } from '../xcontent/json-writer.ts'

export interface EsExceptionInit {
  /** Snake-case type, as ElasticsearchException.getExceptionName derives it from the Java class name. */
  type: string
  reason: string
  /** The HTTP status of a response whose top exception this is. */
  status: number
  /** A Java exception made without a message (a Throwable's null getMessage): `"reason":null`, whatever `reason` says. */
  reasonNull?: boolean
  /** Extra fields after "reason", in output order. A Java metadata list of one value is a plain string. */
  metadata?: Array<[string, JsonOut]>
  causedBy?: EsException
  /** Whether the Java class is an ElasticsearchException (true by default); see the root-cause rule above. */
  rootCause?: boolean
  /**
   * Exceptions whose root causes stand for this one's instead of its causes', as SearchPhaseExecutionException
   * overrides guessRootCauses with its grouped shard failures' causes.
   */
  rootCausesFrom?: readonly EsException[]
}

export class EsException extends Error {
  override readonly name = 'EsException'
  readonly type: string
  readonly reason: string
  readonly status: number
  readonly reasonNull: boolean
  readonly metadata: ReadonlyArray<[string, JsonOut]>
  readonly causedBy: EsException | undefined
  readonly rootCause: boolean
  readonly rootCausesFrom: readonly EsException[] | undefined

  constructor(init: EsExceptionInit) {
    super(init.reason)
    this.type = init.type
    this.reason = init.reason
    this.status = init.status
    this.reasonNull = init.reasonNull ?? false
    this.metadata = init.metadata ?? []
    this.causedBy = init.causedBy
    this.rootCause = init.rootCause ?? true
    this.rootCausesFrom = init.rootCausesFrom
  }
}

/** The REST response body for a failed request: `{"error":{...},"status":N}`. */
export function errorResponseBody(error: EsException): string {
  return toJson(
    new Map<string, JsonOut>([
      ['error', errorJson(error)],
      ['status', error.status],
    ]),
  )
}

/** A failure's `error` object (ElasticsearchException.generateFailureXContent): root causes, then its fields. */
export function errorJson(error: EsException): Map<string, JsonOut> {
  const body = new Map<string, JsonOut>([
    ['root_cause', guessRootCauses(error).map((cause) => exceptionFields(cause, true))],
  ])
  for (const [key, value] of exceptionFields(error, false)) body.set(key, value)
  return body
}

/** A multi-document item's failure (MultiGetResponse.Failure, MultiTermVectorsResponse.Failure): `_index`, `_id`, `error`. */
export function itemFailureJson(index: string, id: string, error: EsException): Map<string, JsonOut> {
  return new Map<string, JsonOut>([
    ['_index', index],
    ['_id', id],
    ['error', errorJson(error)],
  ])
}

/**
 * An exception's fields with its causes (generateThrowableXContent), as embedded in bulk items and shard
 * failures: `{"type":...,"reason":...,...,"caused_by":{...}}`.
 */
export function exceptionFields(error: EsException, skipCause = false): Map<string, JsonOut> {
  const fields = new Map<string, JsonOut>([
    ['type', error.type],
    ['reason', error.reasonNull ? null : error.reason],
  ])
  for (const [key, value] of error.metadata) fields.set(key, value)
  if (!skipCause && error.causedBy !== undefined) fields.set('caused_by', exceptionFields(error.causedBy))
  return fields
}

/** XContentParseException and its subclasses (XContentEOFException, NamedObjectNotFoundException). */
const X_CONTENT_PARSE_TYPES: ReadonlySet<string> = new Set([
  'x_content_parse_exception',
  'x_content_e_o_f_exception',
  'named_object_not_found_exception',
])

/** ElasticsearchException.guessRootCauses(Throwable) and the instance method it hands an ElasticsearchException. */
export function guessRootCauses(error: EsException): EsException[] {
  if (error.rootCausesFrom !== undefined) return error.rootCausesFrom.flatMap(guessRootCauses)
  const cause = error.causedBy
  // an ElasticsearchException: its cause's root causes when the cause is one too, else itself
  if (error.rootCause) return cause?.rootCause === true ? guessRootCauses(cause) : [error]
  // an XContentParseException unwraps to a cause that is another one or an ElasticsearchException
  if (X_CONTENT_PARSE_TYPES.has(error.type) && cause !== undefined) {
    if (cause.rootCause || X_CONTENT_PARSE_TYPES.has(cause.type)) return guessRootCauses(cause)
  }
  return [error]
}

/** ElasticsearchException.getExceptionName: `JsonEOFException` → `json_e_o_f_exception`. */
export function exceptionTypeName(javaSimpleName: string): string {
  const name = javaSimpleName.startsWith('Elasticsearch')
    ? javaSimpleName.slice('Elasticsearch'.length)
    : javaSimpleName
  let out = ''
  for (let i = 0; i < name.length; i++) {
    const c = name[i] ?? ''
    const lower = c.toLowerCase()
    out += c !== lower ? (i === 0 ? lower : '_' + lower) : c
  }
  return out
}
