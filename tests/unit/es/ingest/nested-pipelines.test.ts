// IngestDocument.executePipeline (ES 8.17): at most 100 pipelines run nested in one another (MAX_PIPELINES,
// `es.ingest.max_pipelines`), a GraphStructureException past that; a pipeline already running is a cycle.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

type Node = Awaited<ReturnType<typeof startNode>>

/** Pipelines p0 .. p(n-1), each calling the next; the last one sets `reached`. */
async function chain(node: Node, n: number) {
  for (let i = 0; i < n; i++) {
    const last = i === n - 1
    const processors = last
      ? [{ set: { field: 'reached', value: true } }]
      : [{ pipeline: { name: `p${i + 1}` } }]
    const put = await node.send('PUT', `/_ingest/pipeline/p${i}`, { processors })
    expect(put.status).toBe(200)
  }
}

describe('nested pipelines', () => {
  it('runs 100 pipelines nested in one another', async () => {
    const node = await startNode()
    await chain(node, 100)
    const put = await node.send('PUT', '/test/_doc/1?pipeline=p0', {})
    expect(put.status).toBe(201)
  })

  it('refuses a 101st nested pipeline with a graph_structure_exception', async () => {
    const node = await startNode()
    await chain(node, 101)
    const put = await node.send('PUT', '/test/_doc/1?pipeline=p0', {})
    expect(put.status).toBe(500)
    expect(JSON.parse(put.body)).toMatchObject({
      error: {
        root_cause: [
          {
            type: 'graph_structure_exception',
            reason: 'Too many nested pipelines. Cannot have more than 100 nested pipelines',
          },
        ],
      },
    })
  })
})
