/**
 * `_cat/segments` with ES 8.17's columns (RestSegmentsAction): one row per segment of every active copy that
 * answered, indices in name order, shards in number order, copies in routing table order, segments in generation
 * order. `size.memory` is always 0 (a plain number), as ES 8 reports it.
 */
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { SegmentStats } from '../../index/shard/shard-segments.ts'
import { ByteSize } from './byte-size.ts'
import { NODE_IP } from './cat-indices.ts'
import type { CatColumn, CatTable, CatValue } from './rest-table.ts'

const SEGMENTS_COLUMNS: readonly CatColumn[] = [
  { name: 'index', aliases: ['i', 'idx'], desc: 'index name' },
  { name: 'shard', aliases: ['s', 'sh'], desc: 'shard name' },
  { name: 'prirep', aliases: ['p', 'pr', 'primaryOrReplica'], desc: 'primary or replica' },
  { name: 'ip', desc: 'ip of node where it lives' },
  { name: 'id', desc: 'unique id of node where it lives', hidden: true },
  { name: 'segment', aliases: ['seg'], desc: 'segment name' },
  { name: 'generation', aliases: ['g', 'gen'], desc: 'segment generation', right: true },
  { name: 'docs.count', aliases: ['dc', 'docsCount'], desc: 'number of docs in segment', right: true },
  {
    name: 'docs.deleted',
    aliases: ['dd', 'docsDeleted'],
    desc: 'number of deleted docs in segment',
    right: true,
  },
  { name: 'size', aliases: ['si'], desc: 'segment size in bytes', right: true },
  { name: 'size.memory', aliases: ['sm', 'sizeMemory'], desc: 'segment memory in bytes', right: true },
  { name: 'committed', aliases: ['ic', 'isCommitted'], desc: 'is segment committed' },
  { name: 'searchable', aliases: ['is', 'isSearchable'], desc: 'is segment searched' },
  { name: 'version', aliases: ['v', 'ver'], desc: 'version' },
  { name: 'compound', aliases: ['ico', 'isCompound'], desc: 'is segment compound' },
]

export interface CopySegments {
  copy: ShardRouting
  segments: readonly SegmentStats[]
}

export function catSegments(state: ClusterState, copies: readonly CopySegments[]): CatTable {
  const ordered = [...copies].sort((a, b) =>
    a.copy.index < b.copy.index ? -1 : a.copy.index > b.copy.index ? 1 : a.copy.shard - b.copy.shard,
  )
  const rows: CatValue[][] = []
  for (const { copy, segments } of ordered) {
    const ip = state.nodes.some((node) => node.id === copy.nodeId) ? NODE_IP : null
    for (const segment of segments) {
      rows.push([
        copy.index,
        copy.shard,
        copy.primary ? 'p' : 'r',
        ip,
        copy.nodeId,
        segment.name,
        segment.generation,
        segment.numDocs,
        segment.deletedDocs,
        new ByteSize(segment.sizeInBytes),
        0,
        String(segment.committed),
        String(segment.search),
        segment.version,
        String(segment.compound),
      ])
    }
  }
  return { columns: SEGMENTS_COLUMNS, rows }
}
