// An index's own analysis through EsNode: custom analyzers from `settings.analysis` index and search the
// fields that name them (and `default` replaces standard), survive a restart, show in GET /{index}, and
// serve `/{index}/_analyze`; a mapping naming an analyzer the index lacks, or a bad definition, fails
// creation with ES's error and creates nothing.
import { describe, expect, it } from 'vitest'
import { startNode } from './es-node-fixture.ts'

const settings = {
  settings: {
    analysis: {
      analyzer: {
        folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
        default: { type: 'english' },
      },
    },
  },
  mappings: { properties: { name: { type: 'text', analyzer: 'folded' }, body: { type: 'text' } } },
}

describe('index analysis settings', () => {
  it('index and search with the index analyzers, before and after a restart', async () => {
    const node = await startNode()
    expect((await node.send('PUT', '/cafes', settings)).status).toBe(200)
    await node.send('PUT', '/cafes/_doc/1', { name: 'Café Crème', body: 'jumping foxes' })
    await node.send('POST', '/cafes/_refresh')
    const hits = async (query: object): Promise<number> =>
      (JSON.parse((await node.send('POST', '/cafes/_count', { query })).body) as { count: number }).count
    expect(await hits({ match: { name: 'cafe creme' } })).toBe(1)
    // `default` is the english analyzer: "jumped fox" stems to jump, fox.
    expect(await hits({ match: { body: { query: 'jumped fox', operator: 'and' } } })).toBe(1)
    expect(await hits({ match: { body: 'jumper' } })).toBe(0)
    // query_string and q= analyse with the same search analyzer as match does.
    expect(await hits({ query_string: { query: 'body:jumped AND body:fox' } })).toBe(1)
    const restarted = await node.restart()
    expect(
      JSON.parse(
        (await restarted.send('POST', '/cafes/_count', { query: { match: { name: 'CAFE' } } })).body,
      ),
    ).toMatchObject({ count: 1 })
    const analyzed = await restarted.send('POST', '/cafes/_analyze', { field: 'name', text: 'Ça' })
    expect(JSON.parse(analyzed.body)).toEqual({
      tokens: [{ token: 'ca', start_offset: 0, end_offset: 2, type: '<ALPHANUM>', position: 0 }],
    })
    const stored = JSON.parse((await restarted.send('GET', '/cafes')).body) as {
      cafes: { settings: { index: { analysis: unknown } } }
    }
    expect(stored.cafes.settings.index.analysis).toEqual(settings.settings.analysis)
  })

  it('refuses a mapping that names an analyzer the index does not have', async () => {
    const node = await startNode()
    const response = await node.send('PUT', '/books', {
      mappings: { properties: { title: { type: 'text', analyzer: 'my_analyzer' } } },
    })
    const reason = 'analyzer [my_analyzer] has not been configured in mappings'
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [{ type: 'mapper_parsing_exception', reason: `Failed to parse mapping: ${reason}` }],
        type: 'mapper_parsing_exception',
        reason: `Failed to parse mapping: ${reason}`,
        caused_by: { type: 'illegal_argument_exception', reason },
      },
      status: 400,
    })
    expect((await node.send('HEAD', '/books')).status).toBe(404)
  })

  it('refuses an analyzer definition without a tokenizer', async () => {
    const node = await startNode()
    const response = await node.send('PUT', '/books', {
      settings: { analysis: { analyzer: { broken: { type: 'custom', filter: ['lowercase'] } } } },
    })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({ error: { type: 'illegal_argument_exception' } })
    expect((await node.send('HEAD', '/books')).status).toBe(404)
  })
})
