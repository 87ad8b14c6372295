// Error bodies as Elasticsearch 8 writes them. Expected strings are the compact forms of responses quoted in:
// - index_not_found: ES reference docs / countless issues, e.g. elastic/elasticsearch#29503 shows the same layout
//   for invalid_index_name_exception (type, reason, index_uuid, index; status last);
// - resource_already_exists_exception: the create-index API docs example;
// - version conflict: ES docs "Optimistic concurrency control" / index API (index_uuid, shard, index; 409);
// - parsing_exception line/col: SearchModule query parse errors (e.g. "unknown query [matchh]");
// - mapper_parsing_exception caused by json_parse_exception: medcl/elasticsearch-analysis-mmseg#39;
// - no handler found: RestController.handleBadRequest (source), bulk newline: ES 8 responses in issue threads.
import { describe, expect, it } from 'vitest'
import {
  EsException,
  errorResponseBody,
  exceptionFields,
  exceptionTypeName,
} from '../../../../workers/es/errors/es-exception.ts'
import {
  actionRequestValidationException,
  documentParsingException,
  illegalArgumentException,
  indexNotFoundException,
  jacksonException,
  mapperParsingException,
  parsingException,
  resourceAlreadyExistsException,
  versionConflictEngineException,
  versionConflictSeqNo,
  xContentParseException,
  xContentParseExceptionFromJackson,
} from '../../../../workers/es/errors/exceptions.ts'
import {
  incorrectHttpMethodResponse,
  noHandlerFoundResponse,
} from '../../../../workers/es/errors/rest-errors.ts'
import type { JsonParseError } from '../../../../workers/es/xcontent/json-parse-error.ts'
import { parseJson } from '../../../../workers/es/xcontent/json-parser.ts'
import { toJson } from '../../../../workers/es/xcontent/json-writer.ts'

function jsonError(text: string): JsonParseError {
  try {
    parseJson(text)
  } catch (e) {
    return e as JsonParseError
  }
  throw new Error('parsed')
}

const SRC = '(org.elasticsearch.common.io.stream.ByteBufferStreamInput)'

describe('errorResponseBody', () => {
  it('index_not_found_exception', () => {
    const cause =
      '{"type":"index_not_found_exception","reason":"no such index [missing]","resource.type":"index_or_alias","resource.id":"missing","index_uuid":"_na_","index":"missing"}'
    expect(errorResponseBody(indexNotFoundException('missing'))).toBe(
      `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":404}`,
    )
  })

  it('resource_already_exists_exception', () => {
    const cause =
      '{"type":"resource_already_exists_exception","reason":"index [my-index-000001/4nFB4jydQ4WYj7d8MUxCkA] already exists","index_uuid":"4nFB4jydQ4WYj7d8MUxCkA","index":"my-index-000001"}'
    expect(
      errorResponseBody(resourceAlreadyExistsException('my-index-000001', '4nFB4jydQ4WYj7d8MUxCkA')),
    ).toBe(`{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":400}`)
  })

  it('version_conflict_engine_exception, both variants', () => {
    const shard = { index: 'my-index', uuid: 'Lu7MkcsXQ-6WbrDm8PmYbw', shard: 0 }
    const meta = '"index_uuid":"Lu7MkcsXQ-6WbrDm8PmYbw","shard":"0","index":"my-index"'
    const exists = `{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, document already exists (current version [1])",${meta}}`
    expect(
      errorResponseBody(
        versionConflictEngineException(shard, '1', 'document already exists (current version [1])'),
      ),
    ).toBe(`{"error":{"root_cause":[${exists}],${exists.slice(1, -1)}},"status":409}`)
    expect(
      versionConflictSeqNo(shard, '1', { seqNo: 5, primaryTerm: 1 }, { seqNo: 6, primaryTerm: 1 }).reason,
    ).toBe(
      '[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [6] and primary term [1]',
    )
    expect(versionConflictSeqNo(shard, '1', { seqNo: 5, primaryTerm: 1 }, null).reason).toBe(
      '[1]: version conflict, required seqNo [5], primary term [1]. but no document was found',
    )
  })

  it('parsing_exception carries numeric line and col after reason', () => {
    const cause = '{"type":"parsing_exception","reason":"unknown query [matchh]","line":1,"col":21}'
    expect(errorResponseBody(parsingException(1, 21, 'unknown query [matchh]'))).toBe(
      `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":400}`,
    )
  })

  it('root cause stops at the deepest ElasticsearchException; causes print in full', () => {
    const json = illegalArgumentException('For input string: "abc"')
    const error = documentParsingException(
      1,
      15,
      "failed to parse field [age] of type [long] in document with id '1'. Preview of field's value: 'abc'",
      json,
    )
    const reason =
      "[1:15] failed to parse field [age] of type [long] in document with id '1'. Preview of field's value: 'abc'"
    expect(errorResponseBody(error)).toBe(
      `{"error":{"root_cause":[{"type":"document_parsing_exception","reason":"${reason}"}],` +
        `"type":"document_parsing_exception","reason":"${reason}",` +
        `"caused_by":{"type":"illegal_argument_exception","reason":"For input string: \\"abc\\""}},"status":400}`,
    )
    const nested = mapperParsingException('outer', mapperParsingException('inner', json))
    expect(errorResponseBody(nested)).toContain(
      '"root_cause":[{"type":"mapper_parsing_exception","reason":"inner"}]',
    )
  })

  it('a plain Java exception on top is its own root cause', () => {
    expect(
      errorResponseBody(illegalArgumentException('The bulk request must be terminated by a newline [\\n]')),
    ).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"The bulk request must be terminated by a newline [\\\\n]"}],' +
        '"type":"illegal_argument_exception","reason":"The bulk request must be terminated by a newline [\\\\n]"},"status":400}',
    )
  })

  it('a malformed body: x_content_parse_exception caused by json_parse_exception', () => {
    const e = jsonError('{ "query": { match_all: {} } }')
    const jackson = `Unexpected character ('m' (code 109)): was expecting double-quote to start field name\\n at [Source: ${SRC}; line: 1, column: 14]`
    expect(errorResponseBody(xContentParseExceptionFromJackson(e))).toBe(
      `{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:14] ${jackson}"}],` +
        `"type":"x_content_parse_exception","reason":"[1:14] ${jackson}",` +
        `"caused_by":{"type":"json_parse_exception","reason":"${jackson}"}},"status":400}`,
    )
    expect(xContentParseExceptionFromJackson(jsonError('{')).type).toBe('x_content_e_o_f_exception')
    const depth = xContentParseExceptionFromJackson(jsonError('['.repeat(1001)))
    expect([depth.type, depth.status]).toEqual(['stream_constraints_exception', 500])
    expect(jacksonException(jsonError('[1,]')).type).toBe('json_parse_exception')
    expect(xContentParseException(2, 3, 'x').reason).toBe('[2:3] x')
  })

  it('action_request_validation_exception numbers each error', () => {
    const e = actionRequestValidationException(['index is missing', 'source is missing'])
    expect(toJson(exceptionFields(e))).toBe(
      '{"type":"action_request_validation_exception","reason":"Validation Failed: 1: index is missing;2: source is missing;"}',
    )
  })

  it('exception type names follow getExceptionName', () => {
    expect(exceptionTypeName('JsonEOFException')).toBe('json_e_o_f_exception')
    expect(exceptionTypeName('ElasticsearchParseException')).toBe('parse_exception')
    expect(exceptionTypeName('XContentParseException')).toBe('x_content_parse_exception')
  })

  it('EsException is an Error with the reason as message', () => {
    const e = new EsException({ type: 't', reason: 'r', status: 418 })
    expect(e).toBeInstanceOf(Error)
    expect([e.message, e.rootCause, e.metadata.length]).toEqual(['r', true, 0])
  })
})

describe('RestController bodies', () => {
  it('no handler found: 400 and no status field', () => {
    expect(noHandlerFoundResponse('/x', 'GET')).toEqual({
      status: 400,
      body: '{"error":"no handler found for uri [/x] and method [GET]"}',
    })
  })

  it('incorrect HTTP method: 405 with status', () => {
    expect(incorrectHttpMethodResponse('/_cat/indices', 'PUT', ['GET'])).toEqual({
      status: 405,
      body: '{"error":"Incorrect HTTP method for uri [/_cat/indices] and method [PUT], allowed: [GET]","status":405}',
    })
  })
})

// ElasticsearchException.guessRootCauses(Throwable): an XContentParseException whose cause is another one or an
// ElasticsearchException reports its cause's root causes. Responses quoted in issue threads show the nested
// ObjectParser form: `[bool] failed to parse field [filter]` caused by `[bool] failed to parse field [must]` caused
// by an illegal_argument_exception has the inner x_content_parse_exception as its root cause.
describe('root causes of nested parse exceptions', () => {
  it('unwraps XContentParseExceptions to the innermost one, or to an ElasticsearchException below it', () => {
    const iae = illegalArgumentException('field name is null or empty')
    const must = xContentParseException(1, 193, '[bool] failed to parse field [must]', iae)
    const filter = xContentParseException(1, 193, '[bool] failed to parse field [filter]', must)
    expect(errorResponseBody(filter)).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:193] [bool] failed to parse field [must]"}],' +
        '"type":"x_content_parse_exception","reason":"[1:193] [bool] failed to parse field [filter]",' +
        '"caused_by":{"type":"x_content_parse_exception","reason":"[1:193] [bool] failed to parse field [must]",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"field name is null or empty"}}},"status":400}',
    )
    const parsing = parsingException(1, 30, 'invalid source type: range')
    const sources = xContentParseException(1, 12, '[composite] failed to parse field [sources]', parsing)
    expect(errorResponseBody(sources)).toContain(
      '"root_cause":[{"type":"parsing_exception","reason":"invalid source type: range","line":1,"col":30}]',
    )
  })

  it('an ElasticsearchException does not enter an XContentParseException cause', () => {
    const inner = xContentParseException(1, 2, 'inner', illegalArgumentException('x'))
    const outer = new EsException({
      type: 'search_phase_execution_exception',
      reason: 'outer',
      status: 400,
      causedBy: inner,
    })
    expect(errorResponseBody(outer)).toContain('"root_cause":[{"type":"search_phase_execution_exception"')
  })
})
