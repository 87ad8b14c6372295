// A document id longer than 512 UTF-8 bytes (DocWriteRequest.validateDocIdLength, run by IndexRequest.validate
// after its compare-and-set checks, and so by BulkRequest.validate for each index and create item): refused with
// an action_request_validation_exception naming the id and its byte count; exactly 512 bytes is taken.
// YAML REST test index/10_with_id ("Index with ID": an id of 'a's is a bad_request).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const validation = (...errors: string[]): string => {
  const reason = `Validation Failed: ${errors.map((error, i) => `${i + 1}: ${error};`).join('')}`
  const cause = `{"type":"action_request_validation_exception","reason":${JSON.stringify(reason)}}`
  return `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":400}`
}
const tooLong = (id: string, bytes: number): string =>
  `id [${id}] is too long, must be no longer than 512 bytes but was: ${bytes}`

describe('document ids longer than 512 bytes', () => {
  it('index and create refuse them, counting UTF-8 bytes; 512 bytes is taken', async () => {
    const { send } = await startNode()
    const long = 'a'.repeat(513)
    expect((await send('PUT', `/idx/_doc/${long}`, { foo: 'bar' })).body).toBe(validation(tooLong(long, 513)))
    expect((await send('PUT', `/idx/_create/${long}`, { foo: 'bar' })).body).toBe(
      validation(tooLong(long, 513)),
    )
    // 171 three-byte characters: 513 bytes in 171 UTF-16 units.
    const wide = '中'.repeat(171)
    const refused = await send('PUT', `/idx/_doc/${encodeURIComponent(wide)}`, { foo: 'bar' })
    expect(refused.body).toBe(validation(tooLong(wide, 513)))
    // The compare-and-set errors come first.
    expect((await send('PUT', `/idx/_doc/${long}?if_seq_no=1`, { foo: 'bar' })).body).toBe(
      validation('ifSeqNo is set, but primary term is [0]', tooLong(long, 513)),
    )
    expect((await send('GET', '/idx')).status).toBe(404)
    expect((await send('PUT', `/idx/_doc/${'a'.repeat(512)}`, { foo: 'bar' })).status).toBe(201)
  })

  it('_bulk refuses the whole request for an index or create item with one', async () => {
    const { send } = await startNode()
    const long = 'b'.repeat(600)
    const body =
      '{"index":{"_index":"idx","_id":"1"}}\n{"a":1}\n' +
      `{"create":{"_index":"idx","_id":"${long}"}}\n{"a":1}\n`
    expect((await send('POST', '/_bulk', body)).body).toBe(validation(tooLong(long, 600)))
    expect((await send('GET', '/idx')).status).toBe(404)
  })
})
