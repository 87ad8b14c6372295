// `exists` on an object field: ExistsQueryBuilder.getMappedFields tries `name.*` when no field has the name, so the
// query matches the documents with a value in any of the object's fields (and an unmapped name matches none).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

describe('exists on an object field', () => {
  it("matches the documents holding any of the object's fields", async () => {
    const node = await startNode()
    const docs: Array<[string, object]> = [
      ['1', { user: { name: 'ana', address: { city: 'Lisbon' } } }],
      ['2', { user: { address: { city: 'Porto' } } }],
      ['3', { user: {} }],
      ['4', { other: 1 }],
    ]
    for (const [id, doc] of docs) await node.send('PUT', `/idx/_doc/${id}`, doc)
    await node.send('POST', '/idx/_refresh')
    const ids = async (field: string): Promise<string[]> => {
      const response = await node.send('GET', '/idx/_search', { query: { exists: { field } } })
      const body = JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }
      expect(body.hits.hits.every((hit) => hit._score === 1)).toBe(true)
      return body.hits.hits.map((hit) => hit._id).sort()
    }
    expect(await ids('user')).toEqual(['1', '2'])
    expect(await ids('user.address')).toEqual(['1', '2'])
    expect(await ids('user.name')).toEqual(['1'])
    expect(await ids('nothing')).toEqual([])
  })
})
