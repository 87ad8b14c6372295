// Highlighting `flattened` fields as ES 8.17 does it (DefaultHighlighter over FlattenedFieldMapper's field types; the
// flattened docs: "no support for ... highlighting"): the values are fetched from the source and printed with
// Object.toString (the root's object as `{a=red, b={c=red}}`), each one keyword token, so no query term matches them:
// no highlight, but no_match_size fragments of that text. A key's index field is `<root>._keyed`, whose terms
// (`key\0value`) match nothing either; with require_field_match false the root's terms do match a key's values.
// Runtime fields (a long one here) highlight as ES's runtime field queries let them (runtime-fields-apis.test.ts has
// the keyword ones).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/test', {
    mappings: {
      runtime: { size: { type: 'long', script: { source: 'emit(params._source.labels.size())' } } },
      properties: { labels: { type: 'flattened' }, title: { type: 'text' } },
    },
  })
  const labels = { color: 'red', tags: ['red', 'blue'], owner: { team: 'red', id: 7, ratio: 0.5, on: true } }
  await node.send('PUT', '/test/_doc/1?refresh=true', { labels, title: 'a red car' })
})

async function highlight(body: object): Promise<unknown> {
  const response = await node.send('POST', '/test/_search?filter_path=hits.hits.highlight', body)
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as unknown
}

const hit = (fields: object): unknown => ({ hits: { hits: [{ highlight: fields }] } })
// filter_path leaves nothing of a hit without a highlight
const NONE = {}

describe('highlighting a flattened field', () => {
  it('gives no fragment for the root or a key, named or by pattern', async () => {
    const fields = { labels: {}, 'labels.color': {}, 'labels.tags': {}, '*': {} }
    const query = { bool: { should: [{ term: { labels: 'red' } }, { match: { title: 'red' } }] } }
    expect(await highlight({ query, highlight: { fields } })).toEqual(hit({ title: ['a <em>red</em> car'] }))
    expect(await highlight({ query: { term: { 'labels.color': 'red' } }, highlight: { fields } })).toEqual(
      NONE,
    )
  })

  it("no_match_size shows the fetched values' Object.toString", async () => {
    const options = { no_match_size: 100 }
    const fields = { labels: options, 'labels.owner': options, 'labels.tags': options }
    expect(await highlight({ query: { term: { labels: 'red' } }, highlight: { fields } })).toEqual(
      hit({
        // the no-match passage is the first value (CustomFieldHighlighter.getSummaryWhenNoPassages)
        'labels.tags': ['red'],
        'labels.owner': ['{team=red, id=7, ratio=0.5, on=true}'],
        labels: ['{color=red, tags=[red, blue], owner={team=red, id=7, ratio=0.5, on=true}}'],
      }),
    )
  })

  it("without require_field_match a key's values take the root's terms", async () => {
    const body = {
      query: { term: { labels: 'red' } },
      highlight: { require_field_match: false, fields: { 'labels.tags': {}, labels: {} } },
    }
    expect(await highlight(body)).toEqual(hit({ 'labels.tags': ['<em>red</em>'] }))
  })
})

describe('highlighting a runtime long field', () => {
  it('has no terms to highlight; no_match_size shows its value', async () => {
    const query = { term: { size: 3 } }
    expect(await highlight({ query, highlight: { fields: { size: {} } } })).toEqual(NONE)
    expect(await highlight({ query, highlight: { fields: { size: { no_match_size: 5 } } } })).toEqual(
      hit({ size: ['3'] }),
    )
  })
})
