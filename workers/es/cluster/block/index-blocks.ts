/**
 * ClusterBlocks of one index (IndexMetadata's INDEX_*_BLOCK), set while their `index.blocks.*` setting is true:
 * read_only (5, FORBIDDEN, "index read-only (api)", levels WRITE and METADATA_WRITE), read (7, "index read (api)",
 * READ), write (8, "index write (api)", WRITE), metadata (9, "index metadata (api)", METADATA_READ and
 * METADATA_WRITE) and read_only_allow_delete (12, TOO_MANY_REQUESTS, the flood-stage text, WRITE and
 * METADATA_WRITE). The playground enforces two levels:
 * - WRITE on document writes: a write to a blocked index fails on its shard request (TransportReplicationAction's
 *   ReroutePhase: none of these is retryable);
 * - METADATA_WRITE on adding a block (TransportAddIndexBlockAction.checkBlock).
 * Either fails with ClusterBlockException "index [x] blocked by: [...];" (one such sentence per blocked index),
 * whose status is the blocks' (403, or 429 when only the flood-stage block applies). Several blocks are listed by
 * id. APIBlock names the four a request may add (`_block/<name>`, index-block-action.ts) and the flood-stage one.
 */
import { EsException } from '../../errors/index.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'

type ClusterBlockLevel = 'READ' | 'WRITE' | 'METADATA_READ' | 'METADATA_WRITE'

/** APIBlock: the name a `_block` request gives, `index.blocks.<name>` its setting. */
export type ApiBlock = 'read_only' | 'read' | 'write' | 'metadata' | 'read_only_allow_delete'

interface ClusterBlock {
  readonly name: ApiBlock
  readonly id: number
  readonly description: string
  readonly status: 'FORBIDDEN' | 'TOO_MANY_REQUESTS'
  readonly levels: readonly ClusterBlockLevel[]
}

/** In APIBlock's order. */
const INDEX_BLOCKS: readonly ClusterBlock[] = [
  {
    name: 'read_only',
    id: 5,
    description: 'index read-only (api)',
    status: 'FORBIDDEN',
    levels: ['WRITE', 'METADATA_WRITE'],
  },
  { name: 'read', id: 7, description: 'index read (api)', status: 'FORBIDDEN', levels: ['READ'] },
  { name: 'write', id: 8, description: 'index write (api)', status: 'FORBIDDEN', levels: ['WRITE'] },
  {
    name: 'metadata',
    id: 9,
    description: 'index metadata (api)',
    status: 'FORBIDDEN',
    levels: ['METADATA_READ', 'METADATA_WRITE'],
  },
  {
    name: 'read_only_allow_delete',
    id: 12,
    description: 'disk usage exceeded flood-stage watermark, index has read-only-allow-delete block',
    status: 'TOO_MANY_REQUESTS',
    levels: ['WRITE', 'METADATA_WRITE'],
  },
]

const HTTP_STATUS = { FORBIDDEN: 403, TOO_MANY_REQUESTS: 429 } as const

/** APIBlock.fromName: the block a name gives, or null for none. */
export function apiBlock(name: string): ApiBlock | null {
  return INDEX_BLOCKS.find((block) => block.name === name)?.name ?? null
}

/** The setting that holds a block. */
export function blockSetting(block: ApiBlock): string {
  return `index.blocks.${block}`
}

/** Whether the index has the block (its setting is true). */
export function hasIndexBlock(metadata: IndexMetadata, block: ApiBlock): boolean {
  return metadata.otherSettings?.[blockSetting(block)] === 'true'
}

/** Whether a block holds a level: adding one that holds METADATA_WRITE is not itself checked against it. */
export function blockHasLevel(block: ApiBlock, level: ClusterBlockLevel): boolean {
  return INDEX_BLOCKS.find(({ name }) => name === block)!.levels.includes(level)
}

/**
 * ClusterBlocks.indicesBlockedException: the ClusterBlockException of the indices that have blocks at this level,
 * or null when none has.
 */
export function indicesBlockedException(
  indices: readonly IndexMetadata[],
  level: ClusterBlockLevel,
): EsException | null {
  const blocked = indices.flatMap((metadata) => {
    const blocks = INDEX_BLOCKS.filter(
      (block) => block.levels.includes(level) && hasIndexBlock(metadata, block.name),
    )
    return blocks.length === 0 ? [] : [{ index: metadata.name, blocks }]
  })
  if (blocked.length === 0) return null
  const reason = blocked
    .map(({ index, blocks }) => {
      const listed = blocks.map(({ status, id, description }) => `${status}/${id}/${description}`).join(', ')
      return `index [${index}] blocked by: [${listed}];`
    })
    .join('')
  // ClusterBlockException.status: the status shared by all its blocks, else the highest.
  const status = Math.max(
    ...blocked.flatMap(({ blocks }) => blocks.map((block) => HTTP_STATUS[block.status])),
  )
  return new EsException({ type: 'cluster_block_exception', reason, status })
}

/** The ClusterBlockException a document write to the index gets, or null when no write block is set. */
export function writeBlockException(metadata: IndexMetadata): EsException | null {
  return indicesBlockedException([metadata], 'WRITE')
}
