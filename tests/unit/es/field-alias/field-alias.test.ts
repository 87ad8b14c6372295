// Field aliases (ES 8.17's FieldAliasMapper): the mapping's checks (TypeParser, validate, merge), documents that
// write to an alias, and searches that name one (queries, URI search, aggregations, sorts, `fields`,
// `docvalue_fields`, highlighting, function_score, scripts, explanations naming the target).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { filterJson } from '../filter-json.ts'

async function reviews(): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/reviews', {
    mappings: {
      properties: {
        content: { type: 'text', fields: { raw: { type: 'keyword' } } },
        rating: { type: 'integer' },
        comment: { type: 'alias', path: 'content' },
        exact: { type: 'alias', path: 'content.raw' },
        stars: { type: 'alias', path: 'rating' },
        user: { properties: { name: { type: 'keyword' }, handle: { type: 'alias', path: 'user.name' } } },
      },
    },
  })
  expect(created.status).toBe(200)
  await node.send('PUT', '/reviews/_doc/1', { content: 'Great product', rating: 5, user: { name: 'kim' } })
  await node.send('PUT', '/reviews/_doc/2', { content: 'Not great at all', rating: 2, user: { name: 'lee' } })
  await node.send('PUT', '/reviews/_doc/3', { content: 'Broke after a week', rating: 1 })
  await node.send('POST', '/reviews/_refresh')
  return node
}

async function search(node: TestNode, body: object | null, params = ''): Promise<string> {
  const response = await (body === null
    ? node.send('GET', `/reviews/_search${params}`)
    : node.send('POST', `/reviews/_search${params}`, body))
  expect(response.status).toBe(200)
  return response.body
}

/** An error body; its root cause is the innermost Elasticsearch exception (`rootCause`: the top one). */
function error(type: string, reason: string, causedBy = '', rootCause = causedBy === ''): string {
  const cause = causedBy === '' ? '' : `,"caused_by":${causedBy}`
  const root = rootCause ? `{"type":"${type}","reason":"${reason}"}` : causedBy
  return `{"error":{"root_cause":[${root}],"type":"${type}","reason":"${reason}"${cause}},"status":400}`
}

describe('field alias mappings', () => {
  it('prints an alias with its path, sorted among the properties', async () => {
    const node = await reviews()
    const response = await node.send('GET', '/reviews/_mapping/field/comment,user.handle')
    expect(response.body).toBe(
      '{"reviews":{"mappings":{"comment":{"full_name":"comment","mapping":{"comment":{"type":"alias",' +
        '"path":"content"}}},"user.handle":{"full_name":"user.handle","mapping":{"handle":{"type":"alias",' +
        '"path":"user.name"}}}}}}',
    )
  })

  it('requires a path and refuses other parameters, as a mapping parse failure', async () => {
    const node = await startNode()
    const missing = await node.send('PUT', '/a', { mappings: { properties: { a: { type: 'alias' } } } })
    const reason = 'The [path] property must be specified for field [a].'
    expect(missing.body).toBe(
      error(
        'mapper_parsing_exception',
        `Failed to parse mapping: ${reason}`,
        `{"type":"mapper_parsing_exception","reason":"${reason}"}`,
      ),
    )
    const extra = await node.send('PUT', '/a', {
      mappings: { properties: { a: { type: 'alias', path: 'b', store: true }, b: { type: 'long' } } },
    })
    const unsupported = 'Mapping definition for [a] has unsupported parameters:  [store : true]'
    expect(extra.body).toBe(
      error(
        'mapper_parsing_exception',
        `Failed to parse mapping: ${unsupported}`,
        `{"type":"mapper_parsing_exception","reason":"${unsupported}"}`,
      ),
    )
    expect((await node.send('HEAD', '/a')).status).toBe(404)
  })

  it('validates the path against the whole mapping as FieldAliasMapper.validate does', async () => {
    const node = await startNode()
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ a: { type: 'alias', path: 'a' } }, 'mapper_parsing_exception', 'an alias cannot refer to itself.'],
      [
        { a: { type: 'alias', path: 'missing' } },
        'mapper_parsing_exception',
        'an alias must refer to an existing field in the mappings.',
      ],
      [
        { a: { type: 'alias', path: 'o' }, o: { properties: { x: { type: 'long' } } } },
        'mapper_parsing_exception',
        'an alias must refer to an existing field in the mappings.',
      ],
      [
        { a: { type: 'alias', path: 'b' }, b: { type: 'alias', path: 'c' }, c: { type: 'long' } },
        'mapper_parsing_exception',
        'an alias cannot refer to another alias.',
      ],
      [
        { a: { type: 'alias', path: 'n.x' }, n: { type: 'nested', properties: { x: { type: 'long' } } } },
        'illegal_argument_exception',
        "an alias must have the same nested scope as its target. The alias is not nested, but the target's " +
          'nested scope is [n].',
      ],
    ]
    for (const [properties, type, why] of cases) {
      const response = await node.send('PUT', '/a', { mappings: { properties } })
      const path = (properties.a as { path: string }).path
      expect(response.body).toBe(error(type, `Invalid [path] value [${path}] for field alias [a]: ${why}`))
    }
  })

  it('takes a path to a field added in the same update, and to a runtime field, which it never reads', async () => {
    const node = await startNode()
    await node.send('PUT', '/a', {
      mappings: { runtime: { day: { type: 'keyword', script: "emit('mon')" } }, properties: {} },
    })
    const update = await node.send('PUT', '/a/_mapping', {
      properties: {
        d: { type: 'alias', path: 'day' },
        n: { type: 'alias', path: 'num' },
        num: { type: 'long' },
      },
    })
    expect(update.body).toBe('{"acknowledged":true}')
    await node.send('PUT', '/a/_doc/1?refresh', { num: 7 })
    const body = { fields: ['d', 'n'], _source: false }
    const response = await node.send('POST', '/a/_search?filter_path=hits.hits.fields', body)
    // FieldTypeLookup resolves aliases against mapped fields only: `d` names no field a search can read.
    expect(response.body).toBe('{"hits":{"hits":[{"fields":{"n":[7]}}]}}')
    const term = await node.send('POST', '/a/_search?filter_path=hits.total', {
      query: { term: { d: 'mon' } },
    })
    expect(term.body).toBe('{"hits":{"total":{"value":0,"relation":"eq"}}}')
  })

  it('merges an alias only with an alias, whose path replaces its own', async () => {
    const node = await reviews()
    const toKeyword = await node.send('PUT', '/reviews/_mapping', {
      properties: { comment: { type: 'keyword' } },
    })
    expect(toKeyword.body).toBe(
      error(
        'illegal_argument_exception',
        'Cannot merge a field alias mapping [comment] with a mapping that is not for a field alias.',
      ),
    )
    const toAlias = await node.send('PUT', '/reviews/_mapping', {
      properties: { rating: { type: 'alias', path: 'x' } },
    })
    expect(toAlias.body).toBe(
      error('illegal_argument_exception', 'mapper [rating] cannot be changed from type [integer] to [alias]'),
    )
    const moved = await node.send('PUT', '/reviews/_mapping', {
      properties: { comment: { type: 'alias', path: 'content.raw' } },
    })
    expect(moved.body).toBe('{"acknowledged":true}')
    expect(
      await search(node, { query: { term: { comment: 'Great product' } } }, '?filter_path=hits.total'),
    ).toBe('{"hits":{"total":{"value":1,"relation":"eq"}}}')
  })
})

describe('documents and field aliases', () => {
  it('refuses a value for an alias, and an alias as a copy_to target', async () => {
    const node = await reviews()
    const written = await node.send('PUT', '/reviews/_doc/9', { comment: 'no' })
    const reason = 'Cannot write to a field alias [comment].'
    // DocumentParser.throwOnCopyToOnFieldAlias: a DocumentParsingException at the value, `"no"` in {"comment":"no"}
    expect(written.body).toBe(error('document_parsing_exception', `[1:12] ${reason}`))
    const nulled = await node.send('PUT', '/reviews/_doc/9', { user: { handle: null } })
    expect(nulled.status).toBe(400)
    expect(nulled.body).toContain('"reason":"[1:19] Cannot write to a field alias [user.handle]."')
    await node.send('PUT', '/reviews/_mapping', {
      properties: { title: { type: 'text', copy_to: 'comment' } },
    })
    const copied = await node.send('PUT', '/reviews/_doc/9', { title: 'x' })
    const copyReason = 'Cannot copy to a field alias [comment].'
    // at the value copied, `"x"` in {"title":"x"}
    expect(copied.body).toBe(error('document_parsing_exception', `[1:10] ${copyReason}`))
    expect((await node.send('GET', '/reviews/_doc/9')).status).toBe(404)
  })
})

describe('searching field aliases', () => {
  it('runs queries on the target, explained with its name', async () => {
    const node = await reviews()
    const ids = '?filter_path=hits.hits._id'
    expect(await search(node, { query: { match: { comment: 'great' } } }, ids)).toBe(
      '{"hits":{"hits":[{"_id":"1"},{"_id":"2"}]}}',
    )
    expect(await search(node, { query: { range: { stars: { gte: 2, lt: 5 } } } }, ids)).toBe(
      '{"hits":{"hits":[{"_id":"2"}]}}',
    )
    expect(await search(node, { query: { exists: { field: 'user.handle' } } }, ids)).toBe(
      '{"hits":{"hits":[{"_id":"1"},{"_id":"2"}]}}',
    )
    expect(await search(node, null, `${ids}&q=comment:broke`)).toBe('{"hits":{"hits":[{"_id":"3"}]}}')
    const explained = await search(
      node,
      { query: { match: { comment: 'broke' } }, explain: true },
      '?filter_path=hits.hits._explanation.description',
    )
    expect(explained).toBe(
      '{"hits":{"hits":[{"_explanation":{"description":"weight(content:broke in 2) [PerFieldSimilarity], result of:"}}]}}',
    )
  })

  it('scores an alias matched with its target by a pattern as the target, its weight applied twice', async () => {
    const node = await reviews()
    const both = await search(
      node,
      { query: { query_string: { query: 'week', fields: ['co*^2'] } } },
      '?filter_path=hits.hits._score',
    )
    const target = await search(
      node,
      { query: { query_string: { query: 'week', fields: ['content^4'] } } },
      '?filter_path=hits.hits._score',
    )
    expect(both).toBe(target)
  })

  it('aggregates and sorts on the target values', async () => {
    const node = await reviews()
    const aggs = await search(
      node,
      { size: 0, aggs: { avg: { avg: { field: 'stars' } }, who: { terms: { field: 'user.handle' } } } },
      '?filter_path=aggregations',
    )
    expect(aggs).toBe(
      '{"aggregations":{"avg":{"value":2.6666666666666665},"who":{"doc_count_error_upper_bound":0,' +
        '"sum_other_doc_count":0,"buckets":[{"key":"kim","doc_count":1},{"key":"lee","doc_count":1}]}}}',
    )
    const sorted = await search(
      node,
      { sort: [{ stars: 'asc' }] },
      '?filter_path=hits.hits._id,hits.hits.sort',
    )
    expect(sorted).toBe(
      '{"hits":{"hits":[{"_id":"3","sort":[1]},{"_id":"2","sort":[2]},{"_id":"1","sort":[5]}]}}',
    )
  })

  it("refuses fielddata on an alias of a text field naming the target, TextFieldType's name()", async () => {
    const node = await reviews()
    const refusal =
      'Fielddata is disabled on [content] in [reviews]. Text fields are not optimised for operations that ' +
      'require per-document field data like aggregations and sorting, so these operations are disabled by ' +
      'default. Please use a keyword field instead. Alternatively, set fielddata=true on [content] in order to ' +
      'load field data by uninverting the inverted index. Note that this can use significant memory.'
    const bodies = [
      { size: 0, aggs: { t: { terms: { field: 'comment' } } } },
      { sort: ['comment'] },
      { docvalue_fields: ['comment'] },
    ]
    for (const body of bodies) {
      const response = await node.send('POST', '/reviews/_search', body)
      expect(filterJson(response.body, 'error.root_cause.reason')).toBe(
        `{"error":{"root_cause":[{"reason":"${refusal}"}]}}`,
      )
    }
  })

  it('fetches and highlights the target values under the alias name', async () => {
    const node = await reviews()
    const body = {
      query: { ids: { values: ['1'] } },
      _source: false,
      fields: ['exact'],
      docvalue_fields: ['stars'],
    }
    expect(await search(node, body, '?filter_path=hits.hits.fields')).toBe(
      '{"hits":{"hits":[{"fields":{"exact":["Great product"],"stars":[5]}}]}}',
    )
    const highlighted = await search(
      node,
      { query: { match: { comment: 'great' } }, highlight: { fields: { comment: {} } }, size: 1 },
      '?filter_path=hits.hits.highlight',
    )
    expect(highlighted).toBe('{"hits":{"hits":[{"highlight":{"comment":["<em>Great</em> product"]}}]}}')
  })

  it('suggests terms from the target', async () => {
    const node = await reviews()
    const suggested = await search(
      node,
      { size: 0, suggest: { fix: { text: 'grate', term: { field: 'comment' } } } },
      '?filter_path=suggest.fix.options.text',
    )
    expect(suggested).toBe('{"suggest":{"fix":[{"options":[{"text":"great"}]}]}}')
  })

  it('reads the target in function_score and in scripts', async () => {
    const node = await reviews()
    const scored = await search(
      node,
      { query: { function_score: { field_value_factor: { field: 'stars' } } } },
      '?filter_path=hits.hits._id,hits.hits._score',
    )
    expect(scored).toBe(
      '{"hits":{"hits":[{"_id":"1","_score":5.0},{"_id":"2","_score":2.0},{"_id":"3","_score":1.0}]}}',
    )
    // FieldValueFactorFunction and the decay functions keep (and explain with) the name the request gave
    const explained = await search(
      node,
      {
        query: {
          function_score: {
            query: { ids: { values: ['2'] } },
            functions: [
              { field_value_factor: { field: 'stars', factor: 2 } },
              { linear: { stars: { origin: 5, scale: 3 } } },
            ],
          },
        },
        explain: true,
      },
      '?filter_path=hits.hits._explanation.details.details.details.description',
    )
    expect(explained).toContain(`"description":"field value function: none(doc['stars'].value * factor=2.0)"`)
    expect(explained).toContain('"description":"Function for field stars:"')
    // TermVectorsService reads the values from `_source` at the name the request gave (MappingLookup.sourcePaths takes
    // concrete fields only), so an alias has no term vectors while its target has them
    const vectors = (fields: string) =>
      node.send('GET', `/reviews/_termvectors/2?fields=${fields}&filter_path=term_vectors.*.terms.great`)
    expect((await vectors('comment')).body).toBe('{}')
    expect((await vectors('content')).body).toContain('"great":{"term_freq":1')
    const scripted = await search(
      node,
      { query: { ids: { values: ['2'] } }, script_fields: { twice: { script: "doc['stars'].value * 2" } } },
      '?filter_path=hits.hits.fields',
    )
    expect(scripted).toBe('{"hits":{"hits":[{"fields":{"twice":[4]}}]}}')
  })
})
