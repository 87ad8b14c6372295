// `POST /{index}/_disk_usage` (rest/actions/disk-usage-action.ts over action/disk-usage-shard-action.ts and
// index/shard/index-disk-usage-analyzer.ts): ES 8's response shape (IndexDiskUsageStats), its refusal without
// run_expensive_tasks, and byte counts read from the playground's segment files.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface FieldUsage {
  total: string
  total_in_bytes: number
  inverted_index: { total: string; total_in_bytes: number }
  stored_fields_in_bytes: number
  doc_values_in_bytes: number
  points_in_bytes: number
  norms_in_bytes: number
  term_vectors_in_bytes: number
  knn_vectors_in_bytes: number
}
interface IndexUsage {
  store_size: string
  store_size_in_bytes: number
  all_fields: FieldUsage
  fields: Record<string, FieldUsage>
}

async function books(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/books', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        title: { type: 'text' },
        genre: { type: 'keyword' },
        pages: { type: 'integer' },
        v: { type: 'dense_vector', dims: 2 },
      },
    },
  })
  await node.send('PUT', '/books/_doc/1', {
    title: 'The quick brown fox',
    genre: 'fable',
    pages: 120,
    v: [1, 2],
  })
  await node.send('PUT', '/books/_doc/2', { title: 'A lazy dog', genre: 'fable', pages: 80, v: [3, 4] })
  return node
}

const REFUSAL =
  'analyzing the disk usage of an index is expensive and resource-intensive, the parameter ' +
  '[run_expensive_tasks] must be set to [true] in order for the task to be performed.'

describe('_disk_usage', () => {
  it.each(['', '?run_expensive_tasks', '?run_expensive_tasks=false'])(
    'is refused without run_expensive_tasks (%s)',
    async (query) => {
      const node = await books()
      const response = await node.send('POST', `/books/_disk_usage${query}`)
      expect(response.status).toBe(400)
      expect(JSON.parse(response.body)).toMatchObject({
        error: { type: 'illegal_argument_exception', reason: REFUSAL },
      })
      const bad = await node.send('POST', '/books/_disk_usage?run_expensive_tasks=yes')
      expect((JSON.parse(bad.body) as { error: { reason: string } }).error.reason).toBe(
        'Failed to parse value [yes] as only [true] or [false] are allowed.',
      )
    },
  )

  it('answers _shards and each field per structure, flushing first so unrefreshed documents count', async () => {
    const node = await books()
    const response = await node.send('POST', '/books/_disk_usage?run_expensive_tasks=true')
    expect(response.status).toBe(200)
    const body = JSON.parse(response.body) as { _shards: object; books: IndexUsage }
    expect(Object.keys(body)).toEqual(['_shards', 'books'])
    expect(body._shards).toEqual({ total: 1, successful: 1, failed: 0 })
    const usage = body.books
    expect(Object.keys(usage)).toEqual(['store_size', 'store_size_in_bytes', 'all_fields', 'fields'])
    expect(Object.keys(usage.fields)).toEqual([
      '_id',
      '_primary_term',
      '_seq_no',
      '_source',
      '_version',
      'genre',
      'pages',
      'title',
      'v',
    ])
    const fields = usage.fields
    expect(Object.keys(fields.title!)).toEqual([
      'total',
      'total_in_bytes',
      'inverted_index',
      'stored_fields',
      'stored_fields_in_bytes',
      'doc_values',
      'doc_values_in_bytes',
      'points',
      'points_in_bytes',
      'norms',
      'norms_in_bytes',
      'term_vectors',
      'term_vectors_in_bytes',
      'knn_vectors',
      'knn_vectors_in_bytes',
    ])
    // the numeric column: a 12-byte header and two 8-byte values; the vectors' column also lists docs and starts
    expect(fields.pages).toMatchObject({ doc_values_in_bytes: 28, inverted_index: { total_in_bytes: 0 } })
    expect(fields.v).toMatchObject({ knn_vectors_in_bytes: 64, doc_values_in_bytes: 0 })
    // the `_id`s "1" and "2" uncompressed, and one norm byte per document for the text field
    expect(fields._id!.stored_fields_in_bytes).toBe(2)
    expect(fields.title!.norms_in_bytes).toBe(2)
    expect(fields.title!.inverted_index.total_in_bytes).toBeGreaterThan(0)
    expect(fields._source!.stored_fields_in_bytes).toBeGreaterThan(0)
    // all_fields sums the fields; the fields take at most the store's bytes
    const sum = Object.values(fields).reduce((total, field) => total + field.total_in_bytes, 0)
    expect(usage.all_fields.total_in_bytes).toBe(sum)
    expect(sum).toBeLessThanOrEqual(usage.store_size_in_bytes)
    expect(usage.all_fields.points_in_bytes + usage.all_fields.term_vectors_in_bytes).toBe(0)
    expect(usage.store_size).toBe(`${usage.store_size_in_bytes}b`)
  })

  it('sums shards per index, sorts indices, and resolves wildcards to closed indices only by default', async () => {
    const node = await books()
    await node.send('PUT', '/other', { settings: { number_of_shards: 2 } })
    await node.send('PUT', '/other/_doc/a', { n: 1 })
    const response = await node.send('POST', '/other,books/_disk_usage?run_expensive_tasks=true&flush=false')
    const body = JSON.parse(response.body) as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['_shards', 'books', 'other'])
    expect(body._shards).toEqual({ total: 3, successful: 3, failed: 0 })
    // AnalyzeIndexDiskUsageRequest.DEFAULT_INDICES_OPTIONS expands wildcards to closed indices, and needs one
    const wildcard = await node.send('POST', '/b*/_disk_usage?run_expensive_tasks=true')
    expect(wildcard.status).toBe(404)
    const open = await node.send('POST', '/b*/_disk_usage?run_expensive_tasks=true&expand_wildcards=open')
    expect(Object.keys(JSON.parse(open.body) as object)).toEqual(['_shards', 'books'])
  })
})
