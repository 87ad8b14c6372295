// The Content-Type checks of ES 8's HTTP layer and RestController.dispatchRequest: a header ParsedMediaType cannot parse
// is a 400 media_type_header_exception before any routing; a request with a body must name an XContent media type,
// or the node answers 406 with sendContentTypeErrorMessage's simple error body before any handler runs.
import { describe, expect, it } from 'vitest'
import { EsException } from '../../../workers/es/errors/index.ts'
import { isXContentMediaType, parseContentType } from '../../../workers/es/rest/content-type.ts'
import { RestController } from '../../../workers/es/rest/rest-controller.ts'
import type { RestRequest } from '../../../workers/protocol/es.ts'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatOutcome } from '../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from '../scenario/wasm.ts'

describe('isXContentMediaType', () => {
  it.each([
    'application/json',
    'Application/JSON; charset=UTF-8',
    'application/json;;',
    'application/x-ndjson',
    'application/*',
    'application/yaml',
    'application/smile',
    'application/cbor',
    'application/vnd.elasticsearch+json;compatible-with=8',
    'application/vnd.elasticsearch+x-ndjson; compatible-with=7',
  ])('reads a body sent as %s', (type) => expect(isXContentMediaType(parseContentType(type))).toBe(true))

  it.each([
    'application/x-www-form-urlencoded',
    'text/plain',
    'text/json',
    'application/vnd.elasticsearch+json;compatible-with=eight',
    'application/vnd.elasticsearch+xml',
    // a media range and */* parse as no type at all
    'application/json, text/plain',
    '*/*',
  ])('refuses %s', (type) => expect(isXContentMediaType(parseContentType(type))).toBe(false))
})

// ParsedMediaType.parseMediaType's IllegalArgumentExceptions (its own tests: RestRequestTests'
// testMalformedContentTypeHeader, ParsedMediaTypeTests' testMalformedParameters)
describe('parseContentType', () => {
  const failure = (header: string): unknown => {
    try {
      parseContentType(header)
    } catch (error) {
      return error instanceof EsException ? { reason: error.reason, cause: error.causedBy?.reason } : error
    }
    return null
  }
  const headerFailure = 'Invalid media-type value on headers [Content-Type]'

  it.each([
    'application',
    'json',
    'text/:ain; charset=utf-8',
    'text/plain";charset=utf-8',
    ':',
    '/',
    't:/plain',
    'a/b[',
  ])('refuses the media type of %s', (header) =>
    expect(failure(header)).toEqual({ reason: headerFailure, cause: `invalid media-type [${header}]` }),
  )

  it.each([
    'application/json; charsetunknown',
    'application/json; char=set=unknown',
    'application/json;k =y',
    'application/json;k= y',
  ])('refuses the parameters of %s', (header) =>
    expect(failure(header)).toEqual({
      reason: headerFailure,
      cause: `invalid parameters for header [${header}]`,
    }),
  )

  it('lower-cases and trims the type, skips blank parameters', () => {
    expect(parseContentType(' Application/JSON ;  Charset=UTF-8 ;; ')).toEqual({
      type: 'application',
      subtype: 'json',
      parameters: new Map([['charset', 'utf-8']]),
    })
  })
})

describe('RestController content type', () => {
  let handled = 0
  const controller = new RestController().register(
    'POST',
    '/{index}/_doc',
    () => {
      handled++
      return { status: 201, contentType: 'application/json', body: '{}' }
    },
    'index',
  )
  const post = (body: string | null, contentType?: string | null): Promise<unknown> => {
    const request: RestRequest = { method: 'POST', path: '/i/_doc', params: [], body }
    return controller.dispatch(contentType === undefined ? request : { ...request, contentType })
  }

  it('answers 406 for a body in a type ES does not read, or with no type, and runs no handler', async () => {
    expect(await post('{}', 'application/x-www-form-urlencoded')).toEqual({
      status: 406,
      contentType: 'application/json',
      error: true,
      body: '{"error":"Content-Type header [application/x-www-form-urlencoded] is not supported","status":406}',
    })
    expect(await post('{}', null)).toMatchObject({
      status: 406,
      body: '{"error":"Content-Type header is missing","status":406}',
    })
    expect(handled).toBe(0)
  })

  it('answers 400 media_type_header_exception for a header it cannot parse, whatever the path or body', async () => {
    const badRequest = {
      status: 400,
      contentType: 'application/json',
      error: true,
      body:
        '{"error":{"root_cause":[{"type":"media_type_header_exception","reason":"Invalid media-type value on headers [Content-Type]"}],' +
        '"type":"media_type_header_exception","reason":"Invalid media-type value on headers [Content-Type]",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"invalid media-type [application]"}},"status":400}',
    }
    expect(await post('{}', 'application')).toEqual(badRequest)
    expect(await post(null, 'application')).toEqual(badRequest)
    const unknownPath = await controller.dispatch({
      method: 'GET',
      path: '/_nowhere/at/all',
      params: [],
      body: null,
      contentType: 'application',
    })
    expect(unknownPath).toEqual(badRequest)
    expect(handled).toBe(0)
  })

  it('takes JSON, no body whatever the type, and Dev Tools requests (no contentType)', async () => {
    expect(await post('{}', 'application/json')).toMatchObject({ status: 201 })
    expect(await post(null, 'text/plain')).toMatchObject({ status: 201 })
    expect(await post('', null)).toMatchObject({ status: 201 })
    expect(await post('{}')).toMatchObject({ status: 201 })
    expect(handled).toBe(4)
  })
})

describe('curl with a Content-Type ES cannot parse', () => {
  it('prints the 400 body the node answers', async () => {
    const cluster = await headlessTestCluster(1, 1, 1)
    const [step] = await runScenario(
      `curl -s -XPOST 'localhost:9200/x/_doc?pretty' -H 'Content-Type: application' -d '{"a":1}'`,
      cluster,
    )
    expect(formatOutcome(step!.outcome)).toBe(
      [
        '{',
        '  "error" : {',
        '    "root_cause" : [',
        '      {',
        '        "type" : "media_type_header_exception",',
        '        "reason" : "Invalid media-type value on headers [Content-Type]"',
        '      }',
        '    ],',
        '    "type" : "media_type_header_exception",',
        '    "reason" : "Invalid media-type value on headers [Content-Type]",',
        '    "caused_by" : {',
        '      "type" : "illegal_argument_exception",',
        '      "reason" : "invalid media-type [application]"',
        '    }',
        '  },',
        '  "status" : 400',
        '}',
        '',
      ].join('\n'),
    )
  })
})
