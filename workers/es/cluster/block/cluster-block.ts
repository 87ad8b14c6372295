/**
 * ClusterBlock, ClusterBlockLevel and ClusterBlockException (ES 8): a block is an id, a description, a REST status,
 * the levels it blocks and whether it lets resources be released (an index be deleted). None of the playground's
 * blocks is retryable and none carries a uuid, so a block's Java hash is Objects.hash(id, null) and a set of them
 * iterates as a HashSet of that hash does (`hashSetOrder`): by descending id for the ids ES uses (1 to 15).
 *
 * ClusterBlockException's reason is "blocked by: [S/id/description, ...];" for global blocks, or one
 * "index [x] blocked by: [...];" sentence per index (in HashMap order of the names) for index-level ones; its status is
 * the highest status among the blocks that are not TOO_MANY_REQUESTS, or 429 when every block is.
 */
import { EsException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { javaHashMapKeyOrder, javaHashOrder } from '../../../net/java-hash.ts'

/** ClusterBlockLevel, in enum order (EnumSet iteration order). */
export const CLUSTER_BLOCK_LEVELS = ['READ', 'WRITE', 'METADATA_READ', 'METADATA_WRITE'] as const
export type ClusterBlockLevel = (typeof CLUSTER_BLOCK_LEVELS)[number]

type BlockStatus = 'FORBIDDEN' | 'TOO_MANY_REQUESTS'

export interface ClusterBlock {
  readonly id: number
  readonly description: string
  readonly status: BlockStatus
  readonly levels: readonly ClusterBlockLevel[]
  /** ClusterBlock.isAllowReleaseResources: the block does not stop an index from being deleted. */
  readonly allowReleaseResources: boolean
}

const HTTP_STATUS: Readonly<Record<BlockStatus, number>> = { FORBIDDEN: 403, TOO_MANY_REQUESTS: 429 }

/** The order a java.util.HashSet of these blocks iterates in (hash: Objects.hash(id, null) = 961 + 31 × id). */
export function hashSetOrder(blocks: readonly ClusterBlock[]): ClusterBlock[] {
  return javaHashOrder(blocks, (block) => (961 + 31 * block.id) | 0)
}

/** Sets.union(left, right): a new HashSet of both, without duplicates. */
export function unionOf(left: readonly ClusterBlock[], right: readonly ClusterBlock[]): ClusterBlock[] {
  return hashSetOrder([...left, ...right.filter((block) => !left.includes(block))])
}

function described(blocks: readonly ClusterBlock[]): string {
  return hashSetOrder(blocks)
    .map(({ status, id, description }) => `${status}/${id}/${description}`)
    .join(', ')
}

/** ClusterBlockException.status. */
function statusOf(blocks: readonly ClusterBlock[]): number {
  const hard = blocks.filter((block) => block.status !== 'TOO_MANY_REQUESTS')
  return hard.length === 0 ? 429 : Math.max(...hard.map((block) => HTTP_STATUS[block.status]))
}

/** new ClusterBlockException(globalLevelBlocks). */
export function globalBlockException(blocks: readonly ClusterBlock[]): EsException {
  return new EsException({
    type: 'cluster_block_exception',
    reason: `blocked by: [${described(blocks)}];`,
    status: statusOf(blocks),
  })
}

/** new ClusterBlockException(indexLevelBlocks): the map is a HashMap, so the indices come in its order. */
export function indexBlockException(
  blocksByIndex: ReadonlyMap<string, readonly ClusterBlock[]>,
): EsException {
  const reason = javaHashMapKeyOrder([...blocksByIndex.keys()])
    .map((index) => `index [${index}] blocked by: [${described(blocksByIndex.get(index)!)}];`)
    .join('')
  return new EsException({
    type: 'cluster_block_exception',
    reason,
    status: statusOf([...blocksByIndex.values()].flat()),
  })
}

/** ClusterBlock.toXContent: `"<id>": {description, retryable, levels}`, the levels lower-cased in enum order. */
export function blockJson(block: ClusterBlock): [string, JsonOut] {
  return [
    String(block.id),
    {
      description: block.description,
      retryable: false,
      levels: CLUSTER_BLOCK_LEVELS.filter((level) => block.levels.includes(level)).map((level) =>
        level.toLowerCase(),
      ),
    },
  ]
}
