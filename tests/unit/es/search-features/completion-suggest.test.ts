// The `completion` field and suggester, as ES 8.17 answers them: the mapping with its defaults, inputs as a string,
// an array or objects with weights (and the errors for bad ones), options ordered by weight then text, one per
// document, reduced across shards, skip_duplicates, fuzzy, `size: 0` searches, and the errors of the request.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import { startNode } from '../node/es-node-fixture.ts'

const SONGS: Array<[string, object]> = [
  [
    '1',
    {
      title: 'Nevermind',
      suggest: [
        { input: 'Nevermind', weight: 10 },
        { input: 'Nirvana', weight: 34 },
      ],
    },
  ],
  ['2', { title: 'Nirvana Unplugged', suggest: { input: ['Nirvana Unplugged', 'Unplugged'], weight: '20' } }],
  ['3', { title: 'Nine Lives', suggest: 'Nine Lives' }],
  ['4', { title: 'Nirvana', suggest: { input: 'Nirvana', weight: 34 } }],
  ['5', { title: 'Nights', suggest: { input: 'Nights in White Satin', weight: 5 } }],
]

async function music(shards: number): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: shards, number_of_replicas: 0 },
    mappings: { properties: { title: { type: 'text' }, suggest: { type: 'completion' } } },
  })
  for (const [id, doc] of SONGS) await cluster.json(1, 'PUT', `/idx/_doc/${id}`, doc)
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

type Option = { text: string; _id: string; _score: number; _index: string; _source: object }

async function options(cluster: TestCluster, suggestion: object): Promise<Array<[string, string, number]>> {
  const response = (await cluster.json(1, 'POST', '/idx/_search', {
    size: 0,
    suggest: { song: suggestion },
  })) as { suggest: { song: Array<{ options: Option[] }> } }
  return response.suggest.song[0]!.options.map((o) => [o.text, o._id, o._score])
}

describe('completion field mapping', () => {
  it('shows its defaults in GET _mapping', async () => {
    const cluster = await music(1)
    const mapping = await cluster.json(1, 'GET', '/idx/_mapping')
    expect(mapping).toEqual({
      idx: {
        mappings: {
          properties: {
            suggest: {
              type: 'completion',
              analyzer: 'simple',
              preserve_separators: true,
              preserve_position_increments: true,
              max_input_length: 50,
            },
            title: { type: 'text' },
          },
        },
      },
    })
  })

  it('refuses unknown parameters and a max_input_length below 1', async () => {
    const { cluster } = await clusterWithIndex(1, { mappings: { properties: { a: { type: 'keyword' } } } })
    const bad = await cluster.send(1, 'PUT', '/other', {
      mappings: { properties: { s: { type: 'completion', foo: 1 } } },
    })
    expect(bad.status).toBe(400)
    expect(errorOf(bad.body)).toMatchObject({
      type: 'mapper_parsing_exception',
      reason: 'Failed to parse mapping: unknown parameter [foo] on mapper [s] of type [completion]',
    })
    const short = await cluster.send(1, 'PUT', '/other', {
      mappings: { properties: { s: { type: 'completion', max_input_length: 0 } } },
    })
    expect(errorOf(short.body)).toMatchObject({
      reason: 'Failed to parse mapping: [max_input_length] must be > 0 but was [0]',
    })
  })

  it('refuses semantic_text, which the playground does not build', async () => {
    const { cluster } = await clusterWithIndex(1, { mappings: { properties: { a: { type: 'keyword' } } } })
    const response = await cluster.send(1, 'PUT', '/other', {
      mappings: { properties: { t: { type: 'semantic_text' } } },
    })
    expect(errorOf(response.body)).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'the [semantic_text] field type is not available in the playground',
    })
  })

  it('refuses bad weights and inputs with the field parse failure', async () => {
    const cluster = await music(1)
    const cases: Array<[object, string]> = [
      [{ input: 'x', weight: 1.5 }, 'weight must be an integer, but was [1.5]'],
      [{ input: 'x', weight: 'heavy' }, 'weight must be an integer, but was [heavy]'],
      [{ input: 'x', weight: -1 }, 'weight must be in the interval [0..2147483647], but was [-1]'],
      [{ input: 'x', weight: true }, 'weight must be a number or string, but was [VALUE_TRUE]'],
      [{ input: 3 }, 'input must be a string or array, but was [VALUE_NUMBER]'],
      [{ input: ['a', 1] }, 'input array must have string values, but was [VALUE_NUMBER]'],
      [{ input: 'x', boost: 2 }, 'unknown field name [boost], must be one of [input, weight, contexts]'],
    ]
    for (const [value, reason] of cases) {
      const response = await cluster.send(1, 'PUT', '/idx/_doc/bad', { suggest: value })
      expect(errorOf(response.body)).toMatchObject({
        type: 'document_parsing_exception',
        reason: expect.stringContaining("in document with id 'bad'") as unknown,
        caused_by: { type: 'illegal_argument_exception', reason },
      })
    }
    // located where the parser stands once it has read the value for the preview: the value's last token
    const located = await cluster.send(1, 'PUT', '/idx/_doc/bad', {
      title: 't',
      suggest: { input: 'x', weight: 1.5 },
    })
    expect(located.body).toContain('"reason":"[1:49] failed to parse field [suggest] of type [completion]')
  })
})

describe('completion suggester', () => {
  // Equal weight and text: on one shard the lower doc id first; across shards the lower shard first (with 3
  // shards, murmur3 routes doc 4 to a lower shard than doc 1).
  for (const [shards, first, second] of [
    [1, '1', '4'],
    [3, '4', '1'],
  ] as const) {
    it(`answers the best documents by weight then text (${shards} shard(s))`, async () => {
      const cluster = await music(shards)
      const sources = new Map(SONGS)
      const response = (await cluster.json(1, 'POST', '/idx/_search', {
        size: 0,
        suggest: { song: { prefix: 'nir', completion: { field: 'suggest' } } },
      })) as { hits: object; suggest: object }
      expect(response.suggest).toEqual({
        song: [
          {
            text: 'nir',
            offset: 0,
            length: 3,
            options: [
              { text: 'Nirvana', _index: 'idx', _id: first, _score: 34, _source: sources.get(first) },
              { text: 'Nirvana', _index: 'idx', _id: second, _score: 34, _source: sources.get(second) },
              { text: 'Nirvana Unplugged', _index: 'idx', _id: '2', _score: 20, _source: SONGS[1]![1] },
            ],
          },
        ],
      })
      expect(
        await options(cluster, { prefix: 'nir', completion: { field: 'suggest', skip_duplicates: true } }),
      ).toEqual([
        ['Nirvana', first, 34],
        ['Nirvana Unplugged', '2', 20],
      ])
      expect(await options(cluster, { text: 'n', completion: { field: 'suggest', size: 2 } })).toEqual([
        ['Nirvana', first, 34],
        ['Nirvana', second, 34],
      ])
    })
  }

  it('matches across separators and with fuzzy edits, scoring weight × shared prefix', async () => {
    const cluster = await music(1)
    expect(await options(cluster, { prefix: 'nights in', completion: { field: 'suggest' } })).toEqual([
      ['Nights in White Satin', '5', 5],
    ])
    expect(await options(cluster, { prefix: 'nightsin', completion: { field: 'suggest' } })).toEqual([])
    expect(
      await options(cluster, { prefix: 'nrv', completion: { field: 'suggest', fuzzy: { fuzziness: 1 } } }),
    ).toEqual([
      ['Nirvana', '1', 34],
      ['Nirvana', '4', 34],
      ['Nirvana Unplugged', '2', 20],
    ])
  })

  it('reports its request errors', async () => {
    const cluster = await music(1)
    const search = async (suggest: object) =>
      (await cluster.send(1, 'POST', '/idx/_search', { suggest: { s: suggest } })).body
    expect(errorOf(await search({ prefix: 'n', completion: { field: 'suggest', foo: 1 } }))).toMatchObject({
      type: 'x_content_parse_exception',
      reason: '[1:63] [completion] unknown field [foo]',
    })
    expect(
      errorOf(await search({ prefix: 'n', completion: { field: 'suggest', fuzzy: { fuzziness: 3 } } })),
    ).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'Valid edit distances are [0, 1, 2] but was [3]',
    })
    expect(errorOf(await search({ prefix: 'n', completion: { size: 1 } }))).toMatchObject({
      type: 'parse_exception',
      reason: 'the required field option [field] is missing',
    })
    expect(errorOf(await search({ prefix: 'n', completion: { field: 'suggest', size: 0 } }))).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'size must be positive',
    })
    const wrongField = errorOf(await search({ prefix: 'n', completion: { field: 'title' } })) as {
      root_cause: Array<{ reason: string }>
    }
    expect(wrongField.root_cause[0]!.reason).toBe('Field [title] is not a completion suggest field')
  })

  it('keeps suggesting after a node restart (flushed and from the translog)', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx', { mappings: { properties: { suggest: { type: 'completion' } } } })
    await node.send('PUT', '/idx/_doc/1', SONGS[1]![1])
    await node.send('POST', '/idx/_flush')
    await node.send('PUT', '/idx/_doc/2', { suggest: { input: 'Unplugged in New York', weight: 3 } })
    const restarted = await node.restart()
    await restarted.send('POST', '/idx/_refresh')
    const response = await restarted.send('POST', '/idx/_search', {
      suggest: { s: { prefix: 'unp', completion: { field: 'suggest' } } },
    })
    const body = JSON.parse(response.body) as { suggest: { s: Array<{ options: Option[] }> } }
    expect(body.suggest.s[0]!.options.map((o) => [o.text, o._id, o._score])).toEqual([
      ['Unplugged', '1', 20],
      ['Unplugged in New York', '2', 3],
    ])
  })
})
