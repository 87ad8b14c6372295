/**
 * `_cat/thread_pool[/{thread_pool_patterns}]` (RestThreadPoolAction, ES 8): one row per node (cluster state order)
 * and thread pool (by name), the pools kept to those any pattern (`*` wildcards, comma-separated; default `*`)
 * matches. Columns and aliases are ES's; node_name, name, active, queue and rejected show by default.
 *
 * The pools are the server's built-in ones (ThreadPool's builders), sized as ES sizes them for one allocated
 * processor and a heap of at least 750mb: fixed pools show `size` and their queue_size (-1: unbounded), scaling
 * pools `core`, `max` and their keep_alive. The playground runs no Java thread pools: every pool reads as on an
 * idle node that has run nothing (0 threads, active, queued, rejected, largest and completed); the process id is
 * unknown (empty). See docs/DEVIATIONS.md.
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { NODE_IP } from './cat-indices.ts'
import type { CatColumn, CatTable, CatValue } from './rest-table.ts'

const THREAD_POOL_COLUMNS: readonly CatColumn[] = [
  { name: 'node_name', aliases: ['nn'], desc: 'node name' },
  { name: 'node_id', aliases: ['id'], desc: 'persistent node id', hidden: true },
  { name: 'ephemeral_node_id', aliases: ['eid'], desc: 'ephemeral node id', hidden: true },
  { name: 'pid', aliases: ['p'], desc: 'process id', hidden: true },
  { name: 'host', aliases: ['h'], desc: 'host name', hidden: true },
  { name: 'ip', aliases: ['i'], desc: 'ip address', hidden: true },
  { name: 'port', aliases: ['po'], desc: 'bound transport port', hidden: true },
  { name: 'name', aliases: ['n'], desc: 'thread pool name' },
  { name: 'type', aliases: ['t'], desc: 'thread pool type', hidden: true },
  { name: 'active', aliases: ['a'], desc: 'number of active threads', right: true },
  { name: 'pool_size', aliases: ['psz'], desc: 'number of threads', right: true, hidden: true },
  { name: 'queue', aliases: ['q'], desc: 'number of tasks currently in queue', right: true },
  {
    name: 'queue_size',
    aliases: ['qs'],
    desc: 'maximum number of tasks permitted in queue',
    right: true,
    hidden: true,
  },
  { name: 'rejected', aliases: ['r'], desc: 'number of rejected tasks', right: true },
  {
    name: 'largest',
    aliases: ['l'],
    desc: 'highest number of seen active threads',
    right: true,
    hidden: true,
  },
  { name: 'completed', aliases: ['c'], desc: 'number of completed tasks', right: true, hidden: true },
  {
    name: 'core',
    aliases: ['cr'],
    desc: 'core number of threads in a scaling thread pool',
    right: true,
    hidden: true,
  },
  {
    name: 'max',
    aliases: ['mx'],
    desc: 'maximum number of threads in a scaling thread pool',
    right: true,
    hidden: true,
  },
  {
    name: 'size',
    aliases: ['sz'],
    desc: 'number of threads in a fixed thread pool',
    right: true,
    hidden: true,
  },
  { name: 'keep_alive', aliases: ['ka'], desc: 'thread keep alive time', right: true, hidden: true },
]

/** ThreadPool.Info: a fixed pool's size and queue, or a scaling pool's core, max and keep-alive. */
type PoolInfo =
  | { type: 'fixed'; size: number; queueSize: number }
  | { type: 'scaling'; core: number; max: number; keepAlive: string }

const fixed = (size: number, queueSize: number): PoolInfo => ({ type: 'fixed', size, queueSize })
const scaling = (core: number, max: number, keepAlive: string): PoolInfo => ({
  type: 'scaling',
  core,
  max,
  keepAlive,
})

/**
 * ThreadPool's built-in builders for one allocated processor: halfAllocatedProcessorsMaxFive and MaxTen give 1,
 * searchOrGetThreadPoolSize 2, oneEighthAllocatedProcessors 1, the generic pool's max boundedBy(4, 128, 512).
 */
const POOLS: ReadonlyMap<string, PoolInfo> = new Map([
  ['analyze', fixed(1, 16)],
  ['auto_complete', fixed(1, 100)],
  ['cluster_coordination', fixed(1, -1)],
  ['fetch_shard_started', scaling(1, 2, '5m')],
  ['fetch_shard_store', scaling(1, 2, '5m')],
  ['flush', scaling(1, 1, '5m')],
  ['force_merge', fixed(1, -1)],
  ['generic', scaling(4, 128, '30s')],
  ['get', fixed(2, 1000)],
  ['management', scaling(1, 1, '5m')],
  ['refresh', scaling(1, 1, '5m')],
  ['search', fixed(2, 1000)],
  ['search_coordination', fixed(1, 1000)],
  ['search_throttled', fixed(1, 100)],
  ['snapshot', scaling(1, 10, '5m')],
  ['snapshot_meta', scaling(1, 3, '30s')],
  ['system_critical_read', fixed(1, 2000)],
  ['system_critical_write', fixed(1, 1500)],
  ['system_read', fixed(1, 2000)],
  ['system_write', fixed(1, 1000)],
  ['warmer', scaling(1, 1, '5m')],
  ['write', fixed(1, 10000)],
])

/** The table for `patterns` (the path's comma-separated thread pool patterns; absent: every pool). */
export function catThreadPool(state: ClusterState, patterns: string | undefined): CatTable {
  const wanted = patterns === undefined ? ['*'] : patterns.split(',')
  const names = [...POOLS.keys()].filter((name) => wanted.some((pattern) => simpleMatch(pattern, name)))
  const rows: CatValue[][] = []
  for (const node of state.nodes) {
    for (const name of names) {
      const pool = POOLS.get(name)!
      rows.push([
        node.name,
        node.id,
        node.ephemeralId,
        null,
        NODE_IP,
        NODE_IP,
        9299 + node.address,
        name,
        pool.type,
        0,
        0,
        0,
        pool.type === 'fixed' ? pool.queueSize : -1,
        0,
        0,
        0,
        pool.type === 'scaling' ? pool.core : null,
        pool.type === 'scaling' ? pool.max : null,
        pool.type === 'fixed' ? pool.size : null,
        pool.type === 'scaling' ? pool.keepAlive : null,
      ])
    }
  }
  return { columns: THREAD_POOL_COLUMNS, rows }
}
