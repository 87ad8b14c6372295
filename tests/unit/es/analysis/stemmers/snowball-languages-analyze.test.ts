// The Danish, Swedish, Norwegian and Finnish analyzers and the Snowball French and Spanish programs through
// the _analyze REST action (ES 8's RestAnalyzeAction) on a node: the built-in analyzers by name, with
// `stopwords` and `stem_exclusion` in index settings, the `snowball` and `stemmer` filters given inline,
// and the `_<language>_` stop sets by name.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  const created = await node.send('PUT', '/nordic', {
    settings: {
      number_of_shards: 1,
      number_of_replicas: 0,
      analysis: {
        analyzer: {
          danish_kept: { type: 'danish', stem_exclusion: ['undersøgelse'] },
          swedish_plain: { type: 'swedish', stopwords: '_none_' },
          french_snowball: { tokenizer: 'standard', filter: ['lowercase', 'french_stemmer'] },
        },
        filter: { french_stemmer: { type: 'stemmer', language: 'french' } },
      },
    },
  })
  if (created.status !== 200) throw new Error(created.body)
})

interface AnalyzedToken {
  token: string
  start_offset: number
  end_offset: number
  type: string
  position: number
}

async function analyze(path: string, body: object): Promise<AnalyzedToken[]> {
  const response = await node.send('POST', path, body)
  if (response.status !== 200) throw new Error(response.body)
  return (JSON.parse(response.body) as { tokens: AnalyzedToken[] }).tokens
}

const terms = (tokens: AnalyzedToken[]): string[] => tokens.map((t) => t.token)

describe('_analyze with the language analyzers', () => {
  it('danish', async () => {
    expect(await analyze('/_analyze', { analyzer: 'danish', text: 'Undersøgelse af løverne' })).toEqual([
      { token: 'undersøg', start_offset: 0, end_offset: 12, type: '<ALPHANUM>', position: 0 },
      { token: 'løv', start_offset: 16, end_offset: 23, type: '<ALPHANUM>', position: 2 },
    ])
  })

  it('swedish', async () => {
    expect(
      terms(await analyze('/_analyze', { analyzer: 'swedish', text: 'Jaktkarlarne och ombytes' })),
    ).toEqual(['jaktkarl', 'ombyt'])
  })

  it('norwegian', async () => {
    expect(
      terms(await analyze('/_analyze', { analyzer: 'norwegian', text: 'havnedistriktene det mengder' })),
    ).toEqual(['havnedistrikt', 'mengd'])
  })

  it('finnish', async () => {
    expect(
      terms(await analyze('/_analyze', { analyzer: 'finnish', text: 'edeltäjiinsä olla talossani' })),
    ).toEqual(['edeltäj', 'talo'])
  })

  it('stem_exclusion and stopwords from the index settings', async () => {
    expect(
      terms(await analyze('/nordic/_analyze', { analyzer: 'danish_kept', text: 'undersøgelse undersøg' })),
    ).toEqual(['undersøgelse', 'undersøg'])
    expect(
      terms(await analyze('/nordic/_analyze', { analyzer: 'swedish_plain', text: 'och jaktkarlens' })),
    ).toEqual(['och', 'jaktkarl'])
  })
})

describe('_analyze with the snowball and stemmer filters', () => {
  it('snowball French and stemmer spanish inline', async () => {
    expect(
      terms(
        await analyze('/_analyze', {
          tokenizer: 'whitespace',
          filter: [{ type: 'snowball', language: 'French' }],
          text: 'chevaux représentations',
        }),
      ),
    ).toEqual(['cheval', 'représent'])
    expect(
      terms(
        await analyze('/_analyze', {
          tokenizer: 'whitespace',
          filter: [{ type: 'stemmer', language: 'spanish' }],
          text: 'dependencias haciéndolo',
        }),
      ),
    ).toEqual(['dependent', 'hac'])
  })

  it('a stemmer filter defined in the index settings', async () => {
    expect(
      terms(await analyze('/nordic/_analyze', { analyzer: 'french_snowball', text: 'Les premières' })),
    ).toEqual(['le', 'premi'])
  })

  it.each([
    ['_danish_', 'og hunden', ['hunden']],
    ['_swedish_', 'och hunden', ['hunden']],
    ['_norwegian_', 'ikkje hunden', ['hunden']],
    ['_finnish_', 'minä koira', ['koira']],
  ])('the %s stop set by name', async (stopwords, text, expected) => {
    expect(
      terms(
        await analyze('/_analyze', { tokenizer: 'whitespace', filter: [{ type: 'stop', stopwords }], text }),
      ),
    ).toEqual(expected)
  })
})
