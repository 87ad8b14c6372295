/**
 * Named factories for the Elasticsearch 8.17 exceptions learners meet most, with the reason texts, metadata
 * and statuses the Java classes produce:
 *
 * - IndexNotFoundException: `no such index [x]`, setResources("index_or_alias", x) then setIndex(x); 404.
 * - ResourceAlreadyExistsException(Index): `index [name/uuid] already exists` (Index.toString); 400.
 * - InvalidIndexNameException: `Invalid index name [x], <why>`, setIndex(x) with uuid `_na_`; 400.
 * - IndexClosedException: `closed`, setIndex(index) with the index's uuid; 400 (BAD_REQUEST).
 * - VersionConflictEngineException: `[id]: version conflict, <explanation>`, setShard(shardId); 409.
 * - ParsingException (an ElasticsearchException, adds numeric "line" and "col") and the plain Java
 *   XContentParseException (`[line:col] message`, an IllegalArgumentException, hence 400).
 * - DocumentParsingException (8.8+, what a bad document body raises) and MapperParsingException.
 * - ActionRequestValidationException: `Validation Failed: 1: first;2: second;`.
 * - Jackson's exceptions as causes: json_parse_exception, json_e_o_f_exception (400 as subclasses of
 *   JsonParseException in ExceptionsHelper.status) and stream_constraints_exception (500).
 *
 * Metadata order is the iteration order of the Java HashMap holding the `es.` headers for these key sets, as
 * real responses show it (resource.type, resource.id, index_uuid, index; index_uuid, shard, index).
 */

import type { JsonParseError } from '../xcontent/json-parse-error.ts'
import { EsException, exceptionTypeName } from './es-exception.ts'

const NA_UUID = '_na_'

export function indexNotFoundException(index: string): EsException {
  return new EsException({
    type: 'index_not_found_exception',
    reason: `no such index [${index}]`,
    status: 404,
    metadata: [
      ['resource.type', 'index_or_alias'],
      ['resource.id', index],
      ['index_uuid', NA_UUID],
      ['index', index],
    ],
  })
}

export function resourceAlreadyExistsException(index: string, uuid: string): EsException {
  return new EsException({
    type: 'resource_already_exists_exception',
    reason: `index [${index}/${uuid}] already exists`,
    status: 400,
    metadata: [
      ['index_uuid', uuid],
      ['index', index],
    ],
  })
}

export function invalidIndexNameException(index: string, description: string): EsException {
  return new EsException({
    type: 'invalid_index_name_exception',
    reason: `Invalid index name [${index}], ${description}`,
    status: 400,
    metadata: [
      ['index_uuid', NA_UUID],
      ['index', index],
    ],
  })
}

export function indexClosedException(index: string, uuid: string): EsException {
  return new EsException({
    type: 'index_closed_exception',
    reason: 'closed',
    status: 400,
    metadata: [
      ['index_uuid', uuid],
      ['index', index],
    ],
  })
}

export interface ShardRef {
  index: string
  uuid: string
  shard: number
}

/** `if_seq_no` / `if_primary_term` that do not match; `current` is null when the document does not exist. */
export function versionConflictSeqNo(
  shard: ShardRef,
  id: string,
  expected: { seqNo: number; primaryTerm: number },
  current: { seqNo: number; primaryTerm: number } | null,
): EsException {
  const found =
    current === null
      ? ' but no document was found'
      : ` current document has seqNo [${current.seqNo}] and primary term [${current.primaryTerm}]`
  return versionConflictEngineException(
    shard,
    id,
    `required seqNo [${expected.seqNo}], primary term [${expected.primaryTerm}].${found}`,
  )
}

/** VersionConflictEngineException(shardId, id, explanation): a 409 on one shard's document. */
export function versionConflictEngineException(
  shard: ShardRef,
  id: string,
  explanation: string,
): EsException {
  return new EsException({
    type: 'version_conflict_engine_exception',
    reason: `[${id}]: version conflict, ${explanation}`,
    status: 409,
    metadata: [
      ['index_uuid', shard.uuid],
      ['shard', String(shard.shard)],
      ['index', shard.index],
    ],
  })
}

export function illegalArgumentException(reason: string, causedBy?: EsException): EsException {
  return new EsException({
    type: 'illegal_argument_exception',
    reason,
    status: 400,
    causedBy,
    rootCause: false,
  })
}

/**
 * ElasticsearchParseException, which ES names `parse_exception` (ElasticsearchException.getExceptionName drops the
 * class name's "Elasticsearch" prefix).
 */
export function elasticsearchParseException(reason: string, causedBy?: EsException): EsException {
  return new EsException({ type: 'parse_exception', reason, status: 400, causedBy })
}

/** java.lang.IllegalStateException, which the REST layer answers with 500. */
export function illegalStateException(reason: string, causedBy?: EsException): EsException {
  return new EsException({ type: 'illegal_state_exception', reason, status: 500, causedBy, rootCause: false })
}

/** java.lang.NumberFormatException (Long.parseLong, Float.parseFloat): `For input string: "x"`. */
export function numberFormatException(text: string, reason = `For input string: "${text}"`): EsException {
  return new EsException({ type: 'number_format_exception', reason, status: 400, rootCause: false })
}

export function parsingException(
  line: number,
  col: number,
  reason: string,
  causedBy?: EsException,
): EsException {
  return new EsException({
    type: 'parsing_exception',
    reason,
    status: 400,
    metadata: [
      ['line', line],
      ['col', col],
    ],
    causedBy,
  })
}

export function xContentParseException(
  line: number,
  col: number,
  message: string,
  causedBy?: EsException,
): EsException {
  return new EsException({
    type: 'x_content_parse_exception',
    reason: `[${line}:${col}] ${message}`,
    status: 400,
    causedBy,
    rootCause: false,
  })
}

/** The Jackson exception itself, as a cause: its getMessage() with the `at [Source: ...]` suffix. */
export function jacksonException(error: JsonParseError): EsException {
  return new EsException({
    type: exceptionTypeName(error.exception),
    reason: error.message,
    status: error.exception === 'StreamConstraintsException' ? 500 : 400,
    rootCause: false,
  })
}

/**
 * What JsonXContentParser throws when Jackson fails: XContentParseException (XContentEOFException for
 * end-of-input) with `[line:col] <Jackson message>`, caused by the Jackson exception. Stream constraint
 * violations are not JsonParseExceptions, so they pass through unwrapped.
 */
export function xContentParseExceptionFromJackson(error: JsonParseError): EsException {
  const cause = jacksonException(error)
  if (error.exception === 'StreamConstraintsException') return cause
  const type =
    error.exception === 'JsonEOFException' ? 'x_content_e_o_f_exception' : 'x_content_parse_exception'
  return new EsException({
    type,
    reason: `[${error.line}:${error.column}] ${error.message}`,
    status: 400,
    causedBy: cause,
    rootCause: false,
  })
}

/** DocumentParsingException: `[line:col] <message>` at the parser's token location. */
export function documentParsingException(
  line: number,
  col: number,
  message: string,
  causedBy?: EsException,
): EsException {
  return new EsException({
    type: 'document_parsing_exception',
    reason: `[${line}:${col}] ${message}`,
    status: 400,
    causedBy,
  })
}

/** MapperParsingException, raised for bad mappings (`Root mapping definition has unsupported parameters: ...`). */
export function mapperParsingException(reason: string, causedBy?: EsException): EsException {
  return new EsException({ type: 'mapper_parsing_exception', reason, status: 400, causedBy })
}

/** MapperException: a mapping refused as it is built (status 500 when it is the top exception). */
export function mapperException(reason: string): EsException {
  return new EsException({ type: 'mapper_exception', reason, status: 500 })
}

/** MapperService.parseMapping's wrapping of what failed in a mapping: "Failed to parse mapping: …", caused by it. */
export function failedToParseMapping(message: string): EsException {
  return mapperParsingException(`Failed to parse mapping: ${message}`, mapperParsingException(message))
}

/** The same wrapping of an error of any type: "Failed to parse mapping: <its reason>", caused by it. */
export function failedToParseMappingFrom(cause: EsException): EsException {
  return mapperParsingException(`Failed to parse mapping: ${cause.reason}`, cause)
}

/** ValidationException.getMessage over the collected errors. */
export function actionRequestValidationException(errors: readonly string[]): EsException {
  const reason = 'Validation Failed: ' + errors.map((e, i) => `${i + 1}: ${e};`).join('')
  return new EsException({ type: 'action_request_validation_exception', reason, status: 400 })
}
