/**
 * The Elasticsearch index rows of the cluster view: each copy labelled as _cat/shards names it
 * (`P es-node-2 STARTED`, `R UNASSIGNED`), unassigned copies marked, and the health line's wording.
 */
import { describe, expect, it } from 'vitest'
import type { EsClusterSummary } from '../../../workers/protocol/es.ts'
import { esIndexRows, healthSummary } from '../../../web/cluster-view/es-index-rows.ts'

const summary: EsClusterSummary = {
  status: 'yellow',
  activeShards: 1,
  unassignedShards: 1,
  indices: [
    {
      name: 'views',
      open: true,
      status: 'yellow',
      shards: [
        [
          { primary: true, state: 'STARTED', node: 'es-node-2' },
          { primary: false, state: 'UNASSIGNED', node: null },
        ],
      ],
    },
  ],
}

describe('esIndexRows', () => {
  it('labels every copy and marks the unassigned ones', () => {
    expect(esIndexRows(summary)).toEqual([
      {
        name: 'views',
        open: true,
        status: 'yellow',
        shards: [
          [
            { label: 'P es-node-2 STARTED', primary: true, unassigned: false },
            { label: 'R UNASSIGNED', primary: false, unassigned: true },
          ],
        ],
      },
    ])
  })

  it('has no rows while no master answered', () => {
    expect(esIndexRows(null)).toEqual([])
  })
})

describe('healthSummary', () => {
  it('counts shard copies as GET _cluster/health does', () => {
    expect(healthSummary(summary)).toBe('yellow: 1 active shard copy, 1 unassigned')
    expect(healthSummary({ ...summary, status: 'green', activeShards: 2, unassignedShards: 0 })).toBe(
      'green: 2 active shard copies, 0 unassigned',
    )
  })
})
