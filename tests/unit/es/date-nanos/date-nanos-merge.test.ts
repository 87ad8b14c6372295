// The coordinating node merges the shards' sorted hits as TopDocs.merge does, on the raw longs: a date_nanos
// index's nanoseconds against a date index's milliseconds, so in a descending sort across both (without
// `numeric_type`) any date_nanos hit comes before a date one, whatever their instants (search/240_date_nanos).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

describe('date_nanos merged with date', () => {
  it('compares nanoseconds with milliseconds as plain longs, and nanoseconds exactly', async () => {
    const node = await startNode()
    await node.send('PUT', '/date_ns', { mappings: { properties: { date: { type: 'date_nanos' } } } })
    await node.send('PUT', '/date_ms', { mappings: { properties: { date: { type: 'date' } } } })
    await node.send('PUT', '/date_ns/_doc/ns_1', { date: '2018-10-29T12:12:12.123456789Z' })
    await node.send('PUT', '/date_ns/_doc/ns_2', { date: '2018-10-29T12:12:12.123456790Z' })
    await node.send('PUT', '/date_ms/_doc/ms_1?refresh=true', { date: '2018-10-29T12:12:12.987Z' })
    await node.send('POST', '/date_ns/_refresh')
    const response = await node.send('GET', '/date*/_search', { _source: false, sort: [{ date: 'desc' }] })
    expect(response.body).toContain(
      '"hits":[{"_index":"date_ns","_id":"ns_2","_score":null,"sort":[1540815132123456790]},' +
        '{"_index":"date_ns","_id":"ns_1","_score":null,"sort":[1540815132123456789]},' +
        '{"_index":"date_ms","_id":"ms_1","_score":null,"sort":[1540815132987]}]',
    )
  })
})
