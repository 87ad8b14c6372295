// `highlight` through the REST layer with ES 8's exact output: the YAML REST tests search.highlight/10_unified,
// 40_keyword_ignore and 70_number_of_fragments, the phrase example of elastic/elasticsearch#29561 as ES 8.9+
// (Weight#matches mode, #96068) highlights it, and the "Highlighting" reference page's options.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function indexWith(mappings: object, docs: Array<[string, object]>): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/test', { settings: { number_of_shards: 1 }, mappings })
  for (const [id, doc] of docs) await node.send('PUT', `/test/_doc/${id}`, doc)
  await node.send('POST', '/test/_refresh')
  return node
}

async function highlights(node: TestNode, body: object): Promise<unknown[]> {
  const response = JSON.parse((await node.send('GET', '/test/_search', body)).body) as {
    hits: { hits: Array<{ highlight?: unknown }> }
  }
  return response.hits.hits.map((hit) => hit.highlight)
}

const hamlet = 'What dreams may come, when we have shuffled off this mortal coil, must give us pause.'

describe('highlight', () => {
  it('10_unified: a multi_match over text* highlighted with fields *', async () => {
    const node = await indexWith({ properties: { text: { type: 'text' } } }, [
      ['1', { text: 'The quick brown fox is brown.' }],
    ])
    const body = {
      query: { multi_match: { query: 'quick brown fox', fields: ['text*'] } },
      highlight: { type: 'unified', fields: { '*': {} } },
    }
    expect(await highlights(node, body)).toEqual([
      { text: ['The <em>quick</em> <em>brown</em> <em>fox</em> is <em>brown</em>.'] },
    ])
  })

  it('70_number_of_fragments: the plain type accepted', async () => {
    const node = await indexWith({ properties: { field1: { type: 'text' } } }, [
      ['1', { field1: 'The quick brown fox' }],
    ])
    const body = {
      query: { match: { field1: 'fox' } },
      highlight: { type: 'plain', number_of_fragments: 3, fields: { field1: {} } },
    }
    expect(await highlights(node, body)).toEqual([{ field1: ['The quick brown <em>fox</em>'] }])
  })

  it('40_keyword_ignore: values over ignore_above are not highlighted', async () => {
    const node = await indexWith(
      { properties: { k1: { type: 'keyword' }, k2: { type: 'keyword', ignore_above: 3 } } },
      [
        ['1', { k1: '123', k2: '123' }],
        ['2', { k1: '1234', k2: '1234' }],
      ],
    )
    const body = {
      query: { prefix: { k1: '12' } },
      highlight: { require_field_match: false, fields: { k2: { type: 'unified' } } },
    }
    expect(await highlights(node, body)).toEqual([{ k2: ['<em>123</em>'] }, undefined])
  })

  it('a phrase is one span in Weight#matches mode, its terms alone without require_field_match', async () => {
    const node = await indexWith({ properties: { message: { type: 'text' } } }, [['1', { message: hamlet }]])
    const query = { match_phrase: { message: 'this mortal coil' } }
    expect(await highlights(node, { query, highlight: { fields: { message: {} } } })).toEqual([
      {
        message: [
          'What dreams may come, when we have shuffled off <em>this mortal coil</em>, must give us pause.',
        ],
      },
    ])
    const loose = { query, highlight: { require_field_match: false, fields: { message: {} } } }
    expect(await highlights(node, loose)).toEqual([
      {
        message: [
          'What dreams may come, when we have shuffled off <em>this</em> <em>mortal</em> <em>coil</em>, must give us pause.',
        ],
      },
    ])
  })

  it('require_field_match: a match on another field highlights only with require_field_match false', async () => {
    const node = await indexWith({ properties: { title: { type: 'text' }, body: { type: 'text' } } }, [
      ['1', { title: 'brown fox', body: 'a brown dog' }],
    ])
    const query = { match: { title: 'brown' } }
    expect(await highlights(node, { query, highlight: { fields: { body: {}, title: {} } } })).toEqual([
      { title: ['<em>brown</em> fox'] },
    ])
    expect(
      await highlights(node, {
        query,
        highlight: { require_field_match: false, fields: { body: {}, title: {} } },
      }),
    ).toEqual([{ title: ['<em>brown</em> fox'], body: ['a <em>brown</em> dog'] }])
  })

  it('multi-valued fields: one fragment per value with a match; number_of_fragments 0 keeps every value whole', async () => {
    const node = await indexWith({ properties: { tags: { type: 'text' } } }, [
      ['1', { tags: ['red fox', 'blue whale', 'grey fox'] }],
    ])
    const query = { match: { tags: 'fox' } }
    expect(await highlights(node, { query, highlight: { fields: { tags: {} } } })).toEqual([
      { tags: ['red <em>fox</em>', 'grey <em>fox</em>'] },
    ])
    expect(
      await highlights(node, { query, highlight: { fields: { tags: { number_of_fragments: 0 } } } }),
    ).toEqual([{ tags: ['red <em>fox</em>', 'grey <em>fox</em>'] }])
  })

  it('pre_tags, post_tags, the html encoder, highlight_query and no_match_size', async () => {
    const node = await indexWith({ properties: { a: { type: 'text' }, b: { type: 'text' } } }, [
      ['1', { a: 'Tom & <Jerry> run', b: 'The quick brown fox jumps over the lazy dog' }],
    ])
    const body = {
      query: { match: { a: 'jerry' } },
      highlight: {
        pre_tags: ['<b>'],
        post_tags: ['</b>'],
        encoder: 'html',
        fields: { a: {}, b: { no_match_size: 10 } },
      },
    }
    expect(await highlights(node, body)).toEqual([
      { a: ['Tom &amp; &lt;<b>Jerry</b>&gt; run'], b: ['The quick brown'] },
    ])
    const withQuery = {
      query: { match: { a: 'jerry' } },
      highlight: { fields: { b: { highlight_query: { match: { b: 'lazy' } } } } },
    }
    expect(await highlights(node, withQuery)).toEqual([
      { b: ['The quick brown fox jumps over the <em>lazy</em> dog'] },
    ])
  })

  it('fragment_size cuts long sentences; order score puts the best fragment first', async () => {
    const text =
      'Alpha beta gamma. Delta epsilon fox zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau fox fox upsilon phi chi psi omega.'
    const node = await indexWith({ properties: { t: { type: 'text' } } }, [['1', { t: text }]])
    const query = { match: { t: 'alpha fox' } }
    const [byOffset] = await highlights(node, { query, highlight: { fields: { t: { fragment_size: 30 } } } })
    const [byScore] = await highlights(node, {
      query,
      highlight: { order: 'score', fields: { t: { fragment_size: 30 } } },
    })
    const fragments = (byOffset as { t: string[] }).t
    expect(fragments[0]).toBe('<em>Alpha</em> beta gamma.')
    expect(fragments.length).toBeGreaterThan(1)
    expect([...(byScore as { t: string[] }).t].sort()).toEqual([...fragments].sort())
  })

  it('highlight comes after _source and before sort', async () => {
    const node = await indexWith({ properties: { t: { type: 'text' }, n: { type: 'long' } } }, [
      ['1', { t: 'fox', n: 1 }],
    ])
    const body = (
      await node.send('GET', '/test/_search', {
        query: { match: { t: 'fox' } },
        sort: ['n'],
        highlight: { fields: { t: {} } },
      })
    ).body
    expect(body).toContain('"_source":{"t":"fox","n":1},"highlight":{"t":["<em>fox</em>"]},"sort":[1]}')
  })

  it('errors: an unknown key, an unknown tags_schema, an unknown type, fvh without term vectors', async () => {
    const node = await indexWith({ properties: { t: { type: 'text' } } }, [['1', { t: 'fox' }]])
    const unknown = await node.send('GET', '/test/_search', '{"highlight":{"foo":1,"fields":{"t":{}}}}')
    expect(unknown.status).toBe(400)
    expect(unknown.body).toContain(
      '"type":"x_content_parse_exception","reason":"[1:15] [highlight] unknown field [foo]"',
    )
    const schema = await node.send('GET', '/test/_search', {
      highlight: { tags_schema: 'x', fields: { t: {} } },
    })
    expect(schema.body).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"Unknown tag schema [x]"}',
    )
    const type = await node.send('GET', '/test/_search', {
      query: { match: { t: 'fox' } },
      highlight: { type: 'nope', fields: { t: {} } },
    })
    expect(type.status).toBe(400)
    expect(type.body).toContain('"reason":"unknown highlighter type [nope] for the field [t]"')
    const fvh = await node.send('GET', '/test/_search', {
      query: { match: { t: 'fox' } },
      highlight: { type: 'fvh', fields: { t: {} } },
    })
    expect(fvh.body).toContain(
      '"reason":"the field [t] should be indexed with term vector with position offsets to be used with fast vector highlighter"',
    )
  })
})
