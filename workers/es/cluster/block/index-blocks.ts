/**
 * The ClusterBlocks of one index (IndexMetadata's INDEX_*_BLOCK), set while their `index.blocks.*` setting is true:
 * read_only (5, FORBIDDEN, "index read-only (api)", levels WRITE and METADATA_WRITE), read (7, "index read (api)",
 * READ), write (8, "index write (api)", WRITE), metadata (9, "index metadata (api)", METADATA_READ and
 * METADATA_WRITE) and read_only_allow_delete (12, TOO_MANY_REQUESTS, the flood-stage text, WRITE and
 * METADATA_WRITE; the only one that lets the index be deleted). APIBlock names the four a request may add
 * (`_block/<name>`, index-block-action.ts) and the flood-stage one. Where they are checked, together with the
 * cluster's global blocks, is cluster-blocks.ts's business.
 */
import type { EsException } from '../../errors/index.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { indexBlockException, type ClusterBlock, type ClusterBlockLevel } from './cluster-block.ts'

/** APIBlock: the name a `_block` request gives, `index.blocks.<name>` its setting. */
export type ApiBlock = 'read_only' | 'read' | 'write' | 'metadata' | 'read_only_allow_delete'

interface IndexBlock extends ClusterBlock {
  readonly name: ApiBlock
}

/** In APIBlock's order. */
const INDEX_BLOCKS: readonly IndexBlock[] = [
  {
    name: 'read_only',
    id: 5,
    description: 'index read-only (api)',
    status: 'FORBIDDEN',
    levels: ['WRITE', 'METADATA_WRITE'],
    allowReleaseResources: false,
  },
  {
    name: 'read',
    id: 7,
    description: 'index read (api)',
    status: 'FORBIDDEN',
    levels: ['READ'],
    allowReleaseResources: false,
  },
  {
    name: 'write',
    id: 8,
    description: 'index write (api)',
    status: 'FORBIDDEN',
    levels: ['WRITE'],
    allowReleaseResources: false,
  },
  {
    name: 'metadata',
    id: 9,
    description: 'index metadata (api)',
    status: 'FORBIDDEN',
    levels: ['METADATA_READ', 'METADATA_WRITE'],
    allowReleaseResources: false,
  },
  {
    name: 'read_only_allow_delete',
    id: 12,
    description: 'disk usage exceeded flood-stage watermark, index has read-only-allow-delete block',
    status: 'TOO_MANY_REQUESTS',
    levels: ['WRITE', 'METADATA_WRITE'],
    allowReleaseResources: true,
  },
]

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

/** ClusterBlocks.Builder.addBlocks: the blocks the index's settings set, in APIBlock order. */
export function indexBlocks(metadata: IndexMetadata): ClusterBlock[] {
  return INDEX_BLOCKS.filter((block) => hasIndexBlock(metadata, block.name))
}

/**
 * The ClusterBlockException a document write to the index gets on its shard request (TransportReplicationAction's
 * ReroutePhase, after the bulk checked the global blocks), or null when no write block is set.
 */
export function writeBlockException(metadata: IndexMetadata): EsException | null {
  const blocks = indexBlocks(metadata).filter((block) => block.levels.includes('WRITE'))
  return blocks.length === 0 ? null : indexBlockException(new Map([[metadata.name, blocks]]))
}
