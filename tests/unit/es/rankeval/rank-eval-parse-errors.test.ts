// A `_rank_eval` body's parse errors (rankeval/rank-eval-spec.ts, rated-request-parser.ts, metric-parser.ts) as ES 8's
// ObjectParsers raise and nest them: the texts, types and `[line:col]` of each wrapper.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

interface ErrorJson {
  type: string
  reason: string
  caused_by?: ErrorJson
}

/** The error's chain of `type: reason`, outermost first. */
async function errorChain(body: string): Promise<string[]> {
  const node = await startNode()
  const response = await node.send('POST', '/_rank_eval', body)
  expect(response.status).toBe(400)
  const chain: string[] = []
  for (
    let e: ErrorJson | undefined = (JSON.parse(response.body) as { error: ErrorJson }).error;
    e;
    e = e.caused_by
  )
    chain.push(`${e.type}: ${e.reason}`)
  return chain
}

const request = '{"id": "a", "request": {"query": {"match_all": {}}}, "ratings": []}'

describe('_rank_eval parse errors', () => {
  it('an unknown metric is the registry named object error inside [metric]', async () => {
    expect(await errorChain(`{"requests": [${request}], "metric": {"precison": {}}}`)).toEqual([
      'x_content_parse_exception: [1:96] [rank_eval] failed to parse field [metric]',
      'named_object_not_found_exception: [1:96] unknown field [precison]',
    ])
  })

  it('a metric constructor refusal is a build failure, wrapped at the last field when every field was given', async () => {
    expect(await errorChain(`{"requests": [${request}], "metric": {"precision": {"k": 0}}}`)).toEqual([
      'x_content_parse_exception: [1:116] [rank_eval] failed to parse field [metric]',
      'x_content_parse_exception: Failed to build [precision] after last required field arrived',
      'illegal_argument_exception: Window size k must be positive.',
    ])
    const all = '{"k": 0, "ignore_unlabeled": true, "relevant_rating_threshold": -1}'
    expect(await errorChain(`{"requests": [${request}], "metric": {"precision": ${all}}}`)).toEqual([
      'x_content_parse_exception: [1:173] [rank_eval] failed to parse field [metric]',
      'x_content_parse_exception: [1:173] [precision] failed to parse field [relevant_rating_threshold]',
      'x_content_parse_exception: Failed to build [precision] after last required field arrived',
      'illegal_argument_exception: Relevant rating threshold for precision must be positive integer.',
    ])
  })

  it('a metric object must hold one metric; expected_reciprocal_rank requires maximum_relevance', async () => {
    expect(await errorChain(`{"requests": [${request}], "metric": {}}`)).toEqual([
      'x_content_parse_exception: [1:96] [rank_eval] failed to parse field [metric]',
      'parsing_exception: Failed to parse object: expecting token of type [FIELD_NAME] but found [END_OBJECT]',
    ])
    expect(
      await errorChain(`{"requests": [${request}], "metric": {"expected_reciprocal_rank": {}}}`),
    ).toEqual([
      'x_content_parse_exception: [1:125] [rank_eval] failed to parse field [metric]',
      'illegal_argument_exception: Required [maximum_relevance]',
    ])
    expect(await errorChain(`{"requests": [${request}], "metric": {"dcg": {"k": "x"}}}`)).toEqual([
      'x_content_parse_exception: [1:109] [rank_eval] failed to parse field [metric]',
      'x_content_parse_exception: [1:109] [dcg] failed to parse field [k]',
      'number_format_exception: For input string: "x"',
    ])
  })

  it("a rated request's search body fails where the search parser stopped", async () => {
    const body =
      '{"requests": [{"id": "a", "request": {"query": {"foo": {}}}, "ratings": []}], "metric": {"recall": {}}}'
    expect(await errorChain(body)).toEqual([
      'x_content_parse_exception: [1:56] [rank_eval] failed to parse field [requests]',
      'x_content_parse_exception: [1:56] [request] failed to parse field [request]',
      'parsing_exception: unknown query [foo]',
      'named_object_not_found_exception: [1:56] unknown field [foo]',
    ])
  })

  it("RatedRequest's and RatedDocument's constructor checks", async () => {
    const duplicate = '[{"_index": "i", "_id": "1", "rating": 1}, {"_index": "i", "_id": "1", "rating": 2}]'
    expect(
      await errorChain(
        `{"requests": [{"id": "a", "request": {}, "ratings": ${duplicate}}], "metric": {"precision": {}}}`,
      ),
    ).toEqual([
      'x_content_parse_exception: [1:137] [rank_eval] failed to parse field [requests]',
      'x_content_parse_exception: Failed to build [request] after last required field arrived',
      'illegal_argument_exception: Found duplicate rated document key [{"_index":"i","_id":"1"}] in evaluation request [a]',
    ])
    const emptyIndex =
      '{"requests": [{"id": "a", "request": {}, "ratings": [{"_index": "", "_id": "1", "rating": 1}]}], "metric": {"precision": {}}}'
    expect(await errorChain(emptyIndex)).toEqual([
      'x_content_parse_exception: [1:91] [rank_eval] failed to parse field [requests]',
      'x_content_parse_exception: [1:91] [request] failed to parse field [ratings]',
      'x_content_parse_exception: [1:91] [rated_document] failed to parse field [rating]',
      'x_content_parse_exception: Failed to build [rated_document] after last required field arrived',
      'illegal_argument_exception: Index must be set for each rated document',
    ])
    expect(
      await errorChain(
        '{"requests": [{"id": "a", "params": {"x": 1}, "ratings": []}], "metric": {"precision": {}}}',
      ),
    ).toEqual([
      'x_content_parse_exception: [1:60] [rank_eval] failed to parse field [requests]',
      'x_content_parse_exception: Failed to build [request] after last required field arrived',
      'illegal_argument_exception: If template parameters are supplied need to set id of template to apply them to too.',
    ])
  })

  it('the spec: unknown fields, required fields, no requests, no way to build a search', async () => {
    expect(await errorChain(`{"requests": [${request}], "metric": {"precision": {}}, "metrics": 1}`)).toEqual(
      ['x_content_parse_exception: [1:114] [rank_eval] unknown field [metrics] did you mean [metric]?'],
    )
    expect(await errorChain('{"metric": {"precision": {}}}')).toEqual([
      'illegal_argument_exception: Required [requests]',
    ])
    expect(await errorChain('{"requests": [], "metric": {"precision": {}}}')).toEqual([
      'x_content_parse_exception: Failed to build [rank_eval] after last required field arrived',
      'illegal_argument_exception: Cannot evaluate ranking if no search requests with rated results are provided. Seen: []',
    ])
    const templated = '{"id": "a", "params": {"q": "x"}, "template_id": "t", "ratings": []}'
    expect(await errorChain(`{"requests": [${templated}], "metric": {"precision": {}}}`)).toEqual([
      'x_content_parse_exception: Failed to build [rank_eval] after last required field arrived',
      'illegal_state_exception: Cannot evaluate ranking if neither template nor evaluation request is provided. Seen for request id: a',
    ])
  })

  it('a template_id no template has is ES NullPointerException', async () => {
    const node = await startNode()
    const response = await node.send('POST', '/_rank_eval', {
      templates: [{ id: 't', template: { source: '{"query": {"match_all": {}}}' } }],
      requests: [{ id: 'a', params: { q: 'x' }, template_id: 'other', ratings: [] }],
      metric: { precision: {} },
    })
    expect(response.status).toBe(500)
    expect(JSON.parse(response.body)).toMatchObject({
      error: { type: 'null_pointer_exception' },
      status: 500,
    })
  })
})
