// The romanian, catalan, hungarian and turkish analyzers and the `stemmer` / `snowball` filters' italian,
// portuguese, romanian, catalan, hungarian and turkish through GET /_analyze on a node, as a Dev Tools request reaches them:
// tokens with offsets, types and positions (a removed stop word leaves a position gap), the analyzers'
// `stopwords` and `stem_exclusion` settings in an index's analysis settings.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  const created = await node.send('PUT', '/snowball_langs', {
    settings: {
      number_of_shards: 1,
      number_of_replicas: 0,
      analysis: {
        analyzer: {
          ro_keep: { type: 'romanian', stem_exclusion: ['absenţa'] },
          hu_own_stop: { type: 'hungarian', stopwords: ['jó'] },
          it_snowball: { tokenizer: 'standard', filter: ['lowercase', 'it_stem'] },
        },
        filter: { it_stem: { type: 'snowball', language: 'Italian' } },
      },
    },
  })
  if (created.status !== 200) throw new Error(created.body)
})

interface Token {
  token: string
  start_offset: number
  end_offset: number
  type: string
  position: number
}

async function analyze(path: string, body: object): Promise<Token[]> {
  const response = await node.send('GET', path, body)
  if (response.status !== 200) throw new Error(response.body)
  return (JSON.parse(response.body) as { tokens: Token[] }).tokens
}

const alphanum = (token: string, start: number, end: number, position: number): Token => ({
  token,
  start_offset: start,
  end_offset: end,
  type: '<ALPHANUM>',
  position,
})

describe('built-in analyzers through _analyze', () => {
  it('romanian', async () => {
    expect(await analyze('/_analyze', { analyzer: 'romanian', text: 'Modificările îl absenţa' })).toEqual([
      alphanum('modificăr', 0, 12, 0),
      alphanum('absenţ', 16, 23, 2),
    ])
  })

  it('catalan: the elided article goes, the offsets keep it', async () => {
    expect(await analyze('/_analyze', { analyzer: 'catalan', text: "Diccionari de l'Institut" })).toEqual([
      alphanum('diccion', 0, 10, 0),
      alphanum('inst', 14, 24, 2),
    ])
  })

  it('hungarian', async () => {
    expect(await analyze('/_analyze', { analyzer: 'hungarian', text: 'a játékosokkal' })).toEqual([
      alphanum('játékos', 2, 14, 1),
    ])
  })
})

describe('turkish through _analyze', () => {
  it('the turkish analyzer: apostrophe cut, Turkish lowercasing, stop words', async () => {
    expect(await analyze('/_analyze', { analyzer: 'turkish', text: "IŞIK ve Kıbrıs'ta" })).toEqual([
      alphanum('ışık', 0, 4, 0),
      alphanum('kıbrıs', 8, 17, 2),
    ])
  })

  it('the lowercase filter with language turkish', async () => {
    const tokens = await analyze('/_analyze', {
      tokenizer: 'whitespace',
      filter: [{ type: 'lowercase', language: 'turkish' }],
      text: 'DIŞ',
    })
    expect(tokens.map((t) => t.token)).toEqual(['dış'])
  })
})

describe('the stemmer and snowball filters through _analyze', () => {
  it.each([
    ['italian', 'abbandonarla', 'abbandon'],
    ['portuguese', 'celebrações', 'celebr'],
    ['romanian', 'momentului', 'moment'],
    ['catalan', 'aplicacions', 'aplic'],
    ['hungarian', 'jóváhagyásához', 'jóváhagyás'],
    ['turkish', 'duygularıyla', 'duygu'],
  ])('stemmer %s', async (language, word, stem) => {
    const tokens = await analyze('/_analyze', {
      tokenizer: 'whitespace',
      filter: [{ type: 'stemmer', language }],
      text: word,
    })
    expect(tokens.map((t) => t.token)).toEqual([stem])
  })

  it('a snowball filter defined in the index', async () => {
    expect(
      await analyze('/snowball_langs/_analyze', { analyzer: 'it_snowball', text: 'Abitualmente' }),
    ).toEqual([alphanum('abitual', 0, 12, 0)])
  })
})

describe('analyzer settings in the index', () => {
  it('romanian stem_exclusion', async () => {
    const tokens = await analyze('/snowball_langs/_analyze', { analyzer: 'ro_keep', text: 'absenţa absenţi' })
    expect(tokens.map((t) => t.token)).toEqual(['absenţa', 'absenţ'])
  })

  it('hungarian stopwords replace _hungarian_', async () => {
    const tokens = await analyze('/snowball_langs/_analyze', { analyzer: 'hu_own_stop', text: 'a jó játék' })
    expect(tokens.map((t) => [t.token, t.position])).toEqual([
      ['a', 0],
      ['játe', 2],
    ])
  })
})
