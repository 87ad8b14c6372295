/**
 * ClusterBlocks for one index's write level: the blocks index.blocks.read_only (5, FORBIDDEN, "index read-only
 * (api)"), index.blocks.write (8, FORBIDDEN, "index write (api)") and index.blocks.read_only_allow_delete (12,
 * TOO_MANY_REQUESTS, the flood-stage text) put on document writes while set to true (IndexMetadata's
 * INDEX_*_BLOCK). A write to a blocked index fails on its shard request (TransportReplicationAction's
 * ReroutePhase: none of these is retryable) with ClusterBlockException "index [x] blocked by: [...];", whose
 * status is the blocks' (403, or 429 when only the flood-stage block applies). Several blocks are listed by id.
 */
import { EsException } from '../../errors/index.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'

interface ClusterBlock {
  readonly setting: string
  readonly id: number
  readonly description: string
  readonly status: 'FORBIDDEN' | 'TOO_MANY_REQUESTS'
}

const WRITE_BLOCKS: readonly ClusterBlock[] = [
  { setting: 'index.blocks.read_only', id: 5, description: 'index read-only (api)', status: 'FORBIDDEN' },
  { setting: 'index.blocks.write', id: 8, description: 'index write (api)', status: 'FORBIDDEN' },
  {
    setting: 'index.blocks.read_only_allow_delete',
    id: 12,
    description: 'disk usage exceeded flood-stage watermark, index has read-only-allow-delete block',
    status: 'TOO_MANY_REQUESTS',
  },
]

const HTTP_STATUS = { FORBIDDEN: 403, TOO_MANY_REQUESTS: 429 } as const

/** The ClusterBlockException a document write to the index gets, or null when no write block is set. */
export function writeBlockException(metadata: IndexMetadata): EsException | null {
  const blocks = WRITE_BLOCKS.filter(({ setting }) => metadata.otherSettings?.[setting] === 'true')
  if (blocks.length === 0) return null
  const listed = blocks.map(({ status, id, description }) => `${status}/${id}/${description}`).join(', ')
  // ClusterBlockException.status: the status shared by all its blocks, else the highest.
  const status = Math.max(...blocks.map((block) => HTTP_STATUS[block.status]))
  return new EsException({
    type: 'cluster_block_exception',
    reason: `index [${metadata.name}] blocked by: [${listed}];`,
    status,
  })
}
