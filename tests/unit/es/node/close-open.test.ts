// POST _close / _open through EsNode, as exact compact JSON. Sources: the indices.close / indices.open REST
// API specs and YAML REST tests (indices.open/10_basic.yml, 20_multiple_indices.yml), RestCloseIndexAction,
// TransportCloseIndexAction (DestructiveOperations, CloseIndexRequest's strictExpandOpen), CloseIndexResponse
// (EMPTY and IndexResult), MetadataIndexStateService (closeRoutingTable sets index.verified_before_close),
// IndexClosedException ("closed", 400), MetadataUpdateSettingsService and AbstractScopedSettings.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from './es-node-fixture.ts'

function errorBody(fields: string, status: number): string {
  return `{"error":{"root_cause":[{${fields}}],${fields}},"status":${status}}`
}

function closedError(index: string, uuid: string): string {
  return errorBody(
    `"type":"index_closed_exception","reason":"closed","index_uuid":"${uuid}","index":"${index}"`,
    400,
  )
}

function illegalArgument(reason: string): string {
  return errorBody(`"type":"illegal_argument_exception","reason":"${reason}"`, 400)
}

async function uuidOf(node: TestNode, index: string): Promise<string> {
  const body = JSON.parse((await node.send('GET', `/${index}`)).body) as Record<
    string,
    { settings: { index: { uuid: string } } }
  >
  return body[index]!.settings.index.uuid
}

async function nodeWithDocs(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/books', { settings: { number_of_replicas: 0 } })
  await node.send('PUT', '/books/_doc/1?refresh=true', { title: 'Café' })
  await node.send('PUT', '/notes/_doc/1?refresh=true', { title: 'open' })
  return node
}

describe('POST /<index>/_close and /_open', () => {
  it('answer CloseIndexResponse and ShardsAcknowledgedResponse; closing again answers the empty response', async () => {
    const node = await nodeWithDocs()
    expect((await node.send('POST', '/books/_close')).body).toBe(
      '{"acknowledged":true,"shards_acknowledged":true,"indices":{"books":{"closed":true}}}',
    )
    expect((await node.send('POST', '/books/_close')).body).toBe(
      '{"acknowledged":true,"shards_acknowledged":false,"indices":{}}',
    )
    expect((await node.send('POST', '/books/_open')).body).toBe(
      '{"acknowledged":true,"shards_acknowledged":true}',
    )
    expect((await node.send('POST', '/books/_open')).body).toBe(
      '{"acknowledged":true,"shards_acknowledged":true}',
    )
    expect((await node.send('GET', '/books/_doc/1')).body).toContain('"found":true')
  })

  it('refuse a missing index list, patterns while destructive_requires_name is true, and missing indices', async () => {
    const node = await nodeWithDocs()
    const missingList = await node.send('POST', '/_close')
    expect(missingList.body).toBe(
      errorBody(
        '"type":"action_request_validation_exception","reason":"Validation Failed: 1: index is missing;"',
        400,
      ),
    )
    for (const path of ['/b*/_close', '/_all/_close', '/books,n*/_open']) {
      expect((await node.send('POST', path)).body).toBe(
        illegalArgument('Wildcard expressions or all indices are not allowed'),
      )
    }
    expect((await node.send('POST', '/nope/_close')).status).toBe(404)
    expect((await node.send('POST', '/nope/_close?ignore_unavailable=true')).body).toBe(
      '{"acknowledged":true,"shards_acknowledged":false,"indices":{}}',
    )
    expect((await node.send('POST', '/books/_close?wait_for_active_shards=x')).body).toBe(
      illegalArgument('cannot parse ActiveShardCount[x]'),
    )
    expect((await node.send('GET', '/books/_count')).status).toBe(200)
  })

  it('expand patterns to open indices for _close and closed ones for _open once names are not required', async () => {
    const node = await nodeWithDocs()
    await node.send('PUT', '/_cluster/settings', {
      persistent: { 'action.destructive_requires_name': false },
    })
    await node.send('POST', '/notes/_close')
    expect((await node.send('POST', '/*/_close')).body).toBe(
      '{"acknowledged":true,"shards_acknowledged":true,"indices":{"books":{"closed":true}}}',
    )
    expect((await node.send('POST', '/_all/_open?expand_wildcards=open')).body).toBe(
      '{"acknowledged":true,"shards_acknowledged":true}',
    )
    expect((await node.send('GET', '/_cat/indices?h=index,status&s=index')).body).toBe(
      'books close\nnotes close\n',
    )
    await node.send('POST', '/*/_open')
    expect((await node.send('GET', '/_cat/indices?h=index,status&s=index')).body).toBe(
      'books open\nnotes open\n',
    )
  })

  it('a closed index refuses reads and writes with index_closed_exception; patterns skip it', async () => {
    const node = await nodeWithDocs()
    const uuid = await uuidOf(node, 'books')
    await node.send('POST', '/books/_close')
    const closed = closedError('books', uuid)
    for (const [method, path, body] of [
      ['GET', '/books/_search', undefined],
      ['GET', '/books/_count', undefined],
      ['GET', '/books/_doc/1', undefined],
      ['PUT', '/books/_doc/2', { title: 'x' }],
      ['POST', '/books/_update/1', { doc: { title: 'y' } }],
      ['DELETE', '/books/_doc/1', undefined],
      ['POST', '/books/_refresh', undefined],
      ['POST', '/books/_analyze', { text: 'a b' }],
      ['GET', '/books,notes/_search', undefined],
    ] as const) {
      const response = await node.send(method, path, body)
      expect(response.body, `${method} ${path}`).toBe(closed)
      expect(response.status).toBe(400)
    }
    const bulk = await node.send('POST', '/_bulk', '{"index":{"_index":"books","_id":"3"}}\n{"a":1}\n')
    expect(bulk.body).toContain(
      `"status":400,"error":{"type":"index_closed_exception","reason":"closed","index_uuid":"${uuid}","index":"books"}`,
    )
    expect((await node.send('GET', '/*/_search?filter_path=hits.total.value')).body).toBe(
      '{"hits":{"total":{"value":1}}}',
    )
  })

  it('a closed index keeps its metadata: GET, _settings with verified_before_close, _cluster/state, _cat/indices', async () => {
    const node = await nodeWithDocs()
    const uuid = await uuidOf(node, 'books')
    await node.send('POST', '/books/_close')
    expect((await node.send('GET', '/books')).status).toBe(200)
    expect((await node.send('GET', '/books/_settings?filter_path=**.index.verified*')).body).toBe(
      '{"books":{"settings":{"index":{"verified_before_close":"true"}}}}',
    )
    expect((await node.send('GET', '/books/_mapping')).body).toContain('"title"')
    const state = await node.send('GET', '/_cluster/state/blocks,metadata/books?filter_path=blocks,**.state')
    expect(state.body).toBe(
      '{"blocks":{"indices":{"books":{"4":{"description":"index closed","retryable":false,"levels":["read","write"]}}}},' +
        '"metadata":{"indices":{"books":{"state":"close"}}}}',
    )
    // RestIndicesAction prints no statistics for a closed index: its last columns are blank.
    const [header, row] = (await node.send('GET', '/_cat/indices/books?v')).body.split('\n')
    expect(header).toBe(
      'health status index uuid                   pri rep docs.count docs.deleted store.size pri.store.size dataset.size',
    )
    expect(row!.trimEnd()).toBe(`green  close  books ${uuid}   1   0`)
    expect((await node.send('PUT', '/books/_settings', { 'index.verified_before_close': false })).body).toBe(
      illegalArgument(
        'can not update private setting [index.verified_before_close]; this setting is managed by Elasticsearch',
      ),
    )
    await node.send('POST', '/books/_open')
    expect((await node.send('GET', '/books/_settings?filter_path=**.verified*')).body).toBe('{}')
    expect((await node.send('GET', '/_cluster/state/blocks?filter_path=blocks')).body).toBe('{"blocks":{}}')
  })
})

describe('analysis settings of a closed index', () => {
  const folding = {
    analysis: { analyzer: { folding: { tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] } } },
  }

  it('are refused on an open index, taken on a closed one, and used after _open', async () => {
    const node = await nodeWithDocs()
    const uuid = await uuidOf(node, 'books')
    expect((await node.send('PUT', '/books/_settings', folding)).body).toBe(
      illegalArgument(
        `Can't update non dynamic settings [[index.analysis.analyzer.folding.tokenizer, index.analysis.analyzer.folding.filter]] for open indices [[books/${uuid}]]`,
      ),
    )
    await node.send('POST', '/books/_close')
    expect((await node.send('PUT', '/books/_settings', folding)).body).toBe('{"acknowledged":true}')
    expect((await node.send('PUT', '/books/_settings', { number_of_shards: 2 })).body).toBe(
      illegalArgument('final books setting [index.number_of_shards], not updateable'),
    )
    await node.send('POST', '/books/_open')
    const tokens = await node.send('POST', '/books/_analyze', { analyzer: 'folding', text: 'Café' })
    expect(tokens.body).toContain('"token":"cafe"')
    expect((await node.send('GET', '/books/_settings?filter_path=**.analysis')).body).toBe(
      '{"books":{"settings":{"index":{"analysis":{"analyzer":{"folding":{"filter":["lowercase","asciifolding"],"tokenizer":"standard"}}}}}}}',
    )
  })

  it('that do not build, or drop an analyzer the mapping names, change nothing', async () => {
    const node = await startNode()
    await node.send('PUT', '/t', {
      settings: { analysis: { analyzer: { mine: { tokenizer: 'whitespace' } } } },
      mappings: { properties: { body: { type: 'text', analyzer: 'mine' } } },
    })
    await node.send('POST', '/t/_close')
    const before = (await node.send('GET', '/t/_settings')).body
    const bad = await node.send('PUT', '/t/_settings', { 'analysis.analyzer.mine.tokenizer': 'nope' })
    expect(bad.status).toBe(400)
    const dropped = await node.send('PUT', '/t/_settings', {
      'analysis.analyzer.mine.tokenizer': null,
      'analysis.analyzer.mine.type': null,
    })
    expect(dropped.body).toContain('"type":"mapper_parsing_exception"')
    expect((await node.send('GET', '/t/_settings')).body).toBe(before)
  })
})

describe('a closed index across a restart', () => {
  it('stays closed over the same storage, and opens with its documents', async () => {
    const first = await nodeWithDocs()
    await first.send('POST', '/books/_close')
    const second = await first.restart()
    expect((await second.send('GET', '/_cat/indices/books?h=status')).body).toBe('close\n')
    expect((await second.send('GET', '/books/_search')).status).toBe(400)
    await second.send('POST', '/books/_open')
    expect((await second.send('GET', '/books/_search?q=title:café&filter_path=hits.total.value')).body).toBe(
      '{"hits":{"total":{"value":1}}}',
    )
  })
})

describe('closed indices in the cluster APIs, and the request details ES 8.17 reads', () => {
  /** Index.hashCode (31 × name's String hash + uuid's) bucketed as a fresh HashSet of 16 buckets does. */
  function hashSetOrder(entries: Array<[string, string]>): Array<[string, string]> {
    const hash = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 0)
    const bucket = ([name, uuid]: [string, string]) => {
      const h = (Math.imul(31, hash(name)) + hash(uuid)) | 0
      return (h ^ (h >>> 16)) & 15
    }
    return entries
      .map((entry, order) => ({ entry, order, bucket: bucket(entry) }))
      .sort((a, b) => a.bucket - b.bucket || a.order - b.order)
      .map(({ entry }) => entry)
  }

  it('list open indices refusing a static setting in HashSet<Index> order', async () => {
    const node = await nodeWithDocs()
    await node.send('PUT', '/cards', { settings: { number_of_replicas: 0 } })
    const names = ['books', 'cards', 'notes']
    const uuids = await Promise.all(names.map((name) => uuidOf(node, name)))
    const listed = hashSetOrder(names.map((name, i) => [name, uuids[i]!]))
      .map(([name, uuid]) => `[${name}/${uuid}]`)
      .join(', ')
    expect((await node.send('PUT', '/books,cards,notes/_settings', { codec: 'best_compression' })).body).toBe(
      illegalArgument(`Can't update non dynamic settings [[index.codec]] for open indices [${listed}]`),
    )
  })

  it('take *,-* as naming nothing, and index-setting in any case', async () => {
    const node = await nodeWithDocs()
    expect((await node.send('POST', '/*,-*/_close')).body).toBe(
      '{"acknowledged":true,"shards_acknowledged":false,"indices":{}}',
    )
    const closed = await node.send('POST', '/books/_close?wait_for_active_shards=Index-Setting')
    expect(closed.body).toBe(
      '{"acknowledged":true,"shards_acknowledged":true,"indices":{"books":{"closed":true}}}',
    )
    expect(closed.warnings).toHaveLength(1)
    expect(closed.warnings![0]).toContain(
      "the 'index-setting' value for this parameter should no longer be used",
    )
  })

  it('_cluster/state: every block, patterns reach open indices only, a closed index named outright is kept', async () => {
    const node = await nodeWithDocs()
    await node.send('POST', '/books/_close')
    const block = '{"4":{"description":"index closed","retryable":false,"levels":["read","write"]}}'
    const state = JSON.parse((await node.send('GET', '/_cluster/state/blocks,metadata/n*')).body) as {
      blocks: unknown
      metadata: { indices: object }
    }
    expect(JSON.stringify(state.blocks)).toBe(`{"indices":{"books":${block}}}`)
    expect(Object.keys(state.metadata.indices)).toEqual(['notes'])
    for (const path of ['/_cluster/state/metadata/b*', '/_cluster/state/metadata/_all']) {
      const body = JSON.parse((await node.send('GET', path)).body) as { metadata: { indices: object } }
      expect(Object.keys(body.metadata.indices)).not.toContain('books')
    }
    const named = JSON.parse((await node.send('GET', '/_cluster/state/metadata/books,nope')).body) as {
      metadata: { indices: object }
    }
    expect(Object.keys(named.metadata.indices)).toEqual(['books'])
  })

  it('_cluster/health: the indices found (closed included), red while a named one is missing', async () => {
    const node = await nodeWithDocs()
    await node.send('POST', '/books/_close')
    const health = JSON.parse((await node.send('GET', '/_cluster/health/b*,nope?timeout=1s')).body) as {
      status: string
      timed_out: boolean
      active_primary_shards: number
    }
    expect(health).toMatchObject({ status: 'red', timed_out: true, active_primary_shards: 1 })
    const found = JSON.parse((await node.send('GET', '/_cluster/health/b*')).body) as {
      active_primary_shards: number
    }
    expect(found.active_primary_shards).toBe(1)
  })

  it('_cluster/health: expand_wildcards chooses the indices a pattern finds (cluster.health/30_indices_options)', async () => {
    const node = await nodeWithDocs()
    await node.send('POST', '/books/_close')
    const health = async (expand: string): Promise<{ active_primary_shards: number; indices: object }> =>
      JSON.parse(
        (await node.send('GET', `/_cluster/health/books,notes*?level=indices&expand_wildcards=${expand}`))
          .body,
      ) as { active_primary_shards: number; indices: object }
    const open = await health('open')
    expect([open.active_primary_shards, Object.keys(open.indices)]).toEqual([2, ['books', 'notes']])
    const closed = await health('closed')
    expect([closed.active_primary_shards, Object.keys(closed.indices)]).toEqual([1, ['books']])
    const none = await health('none')
    expect([none.active_primary_shards, Object.keys(none.indices)]).toEqual([1, ['books']])
  })
})
