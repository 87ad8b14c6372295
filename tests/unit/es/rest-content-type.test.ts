// The Content-Type check of RestController.dispatchRequest: a request with a body must name an XContent media
// type, or the node answers 406 with sendContentTypeErrorMessage's simple error body before any handler runs.
import { describe, expect, it } from 'vitest'
import { isXContentMediaType } from '../../../workers/es/rest/content-type.ts'
import { RestController } from '../../../workers/es/rest/rest-controller.ts'
import type { RestRequest } from '../../../workers/protocol/es.ts'

describe('isXContentMediaType', () => {
  it.each([
    'application/json',
    'Application/JSON; charset=UTF-8',
    'application/x-ndjson',
    'application/*',
    'application/yaml',
    'application/smile',
    'application/cbor',
    'application/vnd.elasticsearch+json;compatible-with=8',
    'application/vnd.elasticsearch+x-ndjson; compatible-with=7',
  ])('reads a body sent as %s', (type) => expect(isXContentMediaType(type)).toBe(true))

  it.each([
    'application/x-www-form-urlencoded',
    'text/plain',
    'text/json',
    'json',
    'application/vnd.elasticsearch+json;compatible-with=eight',
    'application/vnd.elasticsearch+xml',
  ])('refuses %s', (type) => expect(isXContentMediaType(type)).toBe(false))
})

describe('RestController content type', () => {
  let handled = 0
  const controller = new RestController().register('POST', '/{index}/_doc', () => {
    handled++
    return { status: 201, contentType: 'application/json', body: '{}' }
  })
  const post = (body: string | null, contentType?: string | null): Promise<unknown> => {
    const request: RestRequest = { method: 'POST', path: '/i/_doc', params: [], body }
    return controller.dispatch(contentType === undefined ? request : { ...request, contentType })
  }

  it('answers 406 for a body in a type ES does not read, or with no type, and runs no handler', async () => {
    expect(await post('{}', 'application/x-www-form-urlencoded')).toEqual({
      status: 406,
      contentType: 'application/json',
      body: '{"error":"Content-Type header [application/x-www-form-urlencoded] is not supported","status":406}',
    })
    expect(await post('{}', null)).toMatchObject({
      status: 406,
      body: '{"error":"Content-Type header is missing","status":406}',
    })
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
