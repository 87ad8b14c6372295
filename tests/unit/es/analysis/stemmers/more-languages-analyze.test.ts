// The greek, brazilian, irish, armenian, basque and lithuanian analyzers, the estonian stemmer, the
// `lowercase` filter's `language` and serbian_normalization through the _analyze REST action, with ES's
// token JSON (offsets of the original text, <ALPHANUM> types, positions with stop-word gaps) and error body.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
})

const analyze = async (body: object): Promise<{ status: number; body: unknown }> => {
  const response = await node.send('POST', '/_analyze', body)
  return { status: response.status, body: JSON.parse(response.body) }
}

const token = (text: string, start: number, end: number, position: number) => ({
  token: text,
  start_offset: start,
  end_offset: end,
  type: '<ALPHANUM>',
  position,
})

describe('language analyzers through _analyze', () => {
  it.each([
    ['greek', 'Ο άνθρωπος', [token('ανθρωπ', 2, 10, 1)]],
    ['brazilian', 'Os quilômetros', [token('quilometr', 3, 14, 1)]],
    ['irish', "b'fhearr le n-athair", [token('fearr', 0, 8, 0), token('athair', 14, 20, 3)]],
    ['armenian', 'Արծիվներ և', [token('արծ', 0, 8, 0)]],
    ['basque', 'Zaldiak eta mendiari', [token('zaldi', 0, 7, 0), token('mendi', 12, 20, 2)]],
    ['lithuanian', 'Vaikai ir profesoriai', [token('vaik', 0, 6, 0), token('profesor', 10, 21, 2)]],
  ])('analyzer %s', async (analyzer, text, tokens) => {
    expect(await analyze({ analyzer, text })).toEqual({ status: 200, body: { tokens } })
  })

  it('the stemmer filter estonian and serbian_normalization', async () => {
    expect(
      await analyze({
        tokenizer: 'whitespace',
        filter: [{ type: 'stemmer', language: 'estonian' }],
        text: 'raamatutele',
      }),
    ).toEqual({ status: 200, body: { tokens: [{ ...token('raama', 0, 11, 0), type: 'word' }] } })
    expect(
      await analyze({
        tokenizer: 'whitespace',
        filter: ['lowercase', 'serbian_normalization'],
        text: 'Ђорђе',
      }),
    ).toEqual({ status: 200, body: { tokens: [{ ...token('djordje', 0, 5, 0), type: 'word' }] } })
  })

  it('the lowercase filter with a language, and an unsupported one', async () => {
    expect(
      await analyze({
        tokenizer: 'whitespace',
        filter: [{ type: 'lowercase', language: 'irish' }],
        text: 'nAthair',
      }),
    ).toEqual({ status: 200, body: { tokens: [{ ...token('n-athair', 0, 7, 0), type: 'word' }] } })
    const reason = 'language [latin] not support for lower case'
    expect(
      await analyze({
        tokenizer: 'whitespace',
        filter: [{ type: 'lowercase', language: 'latin' }],
        text: 'x',
      }),
    ).toEqual({
      status: 400,
      body: {
        error: {
          root_cause: [{ type: 'illegal_argument_exception', reason }],
          type: 'illegal_argument_exception',
          reason,
        },
        status: 400,
      },
    })
  })
})
