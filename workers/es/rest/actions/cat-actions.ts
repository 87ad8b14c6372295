/**
 * The _cat API: `GET _cat`, the list of the tables (RestCatAction, cat-help.ts), and the tables (AbstractCatAction
 * subclasses): indices, shards, segments, nodes, nodeattrs, health, master, count,
 * aliases, allocation, templates, component_templates, plugins, pending_tasks, recovery (`active_only`),
 * thread_pool, tasks and fielddata, each a table rendered by RestTable with the request's `v`, `h`, `s`, `ts`, `bytes`, `format` and
 * `help` parameters; `count` is a search's exact hit count, for the body's `query` or the URI's `q`
 * (RestCountAction). An `{index}` path segment is an index expression (alias names for `_cat/aliases`, a
 * template name or pattern for the template tables, a pool name or pattern for `_cat/thread_pool`); a missing
 * concrete index answers index_not_found_exception.
 */
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import type { RestApi } from '../rest-api-params.ts'
import { guarded } from '../responses.ts'
import { resolveMetadataReadable } from './metadata-read.ts'
import { executeSearch } from './search-actions.ts'
import { parseSearchRequest } from '../../search/search-request.ts'
import { renderCatTable, type CatTable } from '../cat/rest-table.ts'
import { catAliases, catCount, catIndices } from '../cat/cat-indices.ts'
import { catShards } from '../cat/cat-shards.ts'
import { aliasesForIndices } from './alias-actions.ts'
import { catAllocation, catHealth, catNodes } from '../cat/cat-nodes.ts'
import { collectShardStats } from '../../action/cluster-shard-stats.ts'
import { paramAsBoolean } from './rest-params.ts'
import { segmentsOfCopies } from './segment-actions.ts'
import { catSegments } from '../cat/cat-segments.ts'
import { catTemplates } from '../cat/cat-templates.ts'
import { catComponentTemplates } from '../cat/cat-component-templates.ts'
import { catMaster } from '../cat/cat-master.ts'
import { catNodeAttrs } from '../cat/cat-nodeattrs.ts'
import { catPlugins } from '../cat/cat-plugins.ts'
import { catPendingTasks } from '../cat/cat-pending-tasks.ts'
import { catRecovery } from '../cat/cat-recovery.ts'
import { recoveryStates } from './recovery-action.ts'
import { catThreadPool } from '../cat/cat-thread-pool.ts'
import { catTasks } from '../cat/cat-tasks.ts'
import { catFielddata } from '../cat/cat-fielddata.ts'
import { CAT_HELP } from '../cat/cat-help.ts'
import { listTaskInfos } from './tasks-actions.ts'
import { taskGroups } from '../../tasks/transport-tasks-action.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_CLOSED,
  STRICT_EXPAND_OPEN_CLOSED_HIDDEN,
  type IndicesOptions,
} from '../../cluster/metadata/indices-options.ts'

/** The `_cat` tables: `cat.<name>` in rest-api-params.ts. */
type CatTableName = RestApi extends infer Api ? (Api extends `cat.${infer Name}` ? Name : never) : never

type TableBuilder = (context: RestContext, req: RestHandlerRequest) => CatTable | Promise<CatTable>

const TABLES: ReadonlyArray<[path: CatTableName, withIndex: boolean, build: TableBuilder]> = [
  [
    'indices',
    true,
    async (context, req) => {
      const indices = resolveMetadataReadable(context, req.path.index, catIndicesOptions(req))
      const stats = await collectShardStats(context)
      return catIndices(context.client.cluster.state(), indices, stats, req.params.get('health'))
    },
  ],
  [
    'shards',
    true,
    async (context, req) => {
      // RestShardsAction: its cluster state and stats requests take strictExpandHidden, not the request's options
      const indices = resolveMetadataReadable(context, req.path.index, STRICT_EXPAND_OPEN_CLOSED_HIDDEN)
      const stats = await collectShardStats(context)
      return catShards(context.client.cluster.state(), indices, stats, context.clock.now())
    },
  ],
  [
    'count',
    true,
    async (context, req) => {
      // RestCountAction (cat): a size-0 search counting exactly, its query the body's `query` or the URI's `q`
      const started = context.clock.now()
      const parsed = parseSearchRequest(req.request.body, req.params, true, context.analyze, started)
      const { body } = await executeSearch(context, req, parsed, true, started)
      return catCount(Number(body.count), started)
    },
  ],
  // `_cat/aliases/{index}`: for this table the path names aliases, as ES's `{alias}` does.
  ['aliases', true, (context, req) => catAliases(aliasesForIndices(context, undefined, aliasNames(req)))],
  [
    'nodes',
    false,
    (context, req) => catNodes(context.client.cluster.state(), paramAsBoolean(req.params.get('full_id'))),
  ],
  [
    'nodeattrs',
    false,
    (context, req) => catNodeAttrs(context.client.cluster.state(), paramAsBoolean(req.params.get('full_id'))),
  ],
  [
    'segments',
    true,
    async (context, req) => {
      const result = await segmentsOfCopies(context, req.path.index ?? null)
      const copies = result.responses.flatMap(({ copy, response }) =>
        response?.type === 'segments' ? [{ copy, segments: response.segments }] : [],
      )
      return catSegments(context.client.cluster.state(), copies)
    },
  ],
  ['health', false, (context) => catHealth(context.client.cluster.state(), context.clock.now())],
  ['master', false, (context) => catMaster(context.client.cluster.state())],
  // `_cat/templates/{name}`: for this table the path names a template (or a `*` pattern).
  ['templates', true, (context, req) => catTemplates(context.client.cluster.state(), req.path.index)],
  // `_cat/component_templates/{name}`: the path names a component template (or a `*` pattern).
  [
    'component_templates',
    true,
    (context, req) => catComponentTemplates(context.client.cluster.state(), req.path.index),
  ],
  [
    'allocation',
    false,
    async (context) => catAllocation(context.client.cluster.state(), await collectShardStats(context)),
  ],
  ['plugins', false, () => catPlugins()],
  [
    'recovery',
    true,
    async (context, req) => {
      const states = await recoveryStates(context, req.path.index, req.params)
      return catRecovery(states, paramAsBoolean(req.params.get('active_only')), context.clock.now())
    },
  ],
  ['pending_tasks', false, async (context) => catPendingTasks(await context.client.cluster.pendingTasks())],
  // `_cat/thread_pool/{thread_pool_patterns}`: for this table the path names thread pools.
  ['thread_pool', true, (context, req) => catThreadPool(context.client.cluster.state(), req.path.index)],
  // `_cat/fielddata/{fields}`: for this table the path names fields.
  ['fielddata', true, () => catFielddata()],
  [
    'tasks',
    false,
    async (context, req) => {
      const { tasks } = await listTaskInfos(context, req)
      const flag = (name: string): boolean => paramAsBoolean(req.params.get(name))
      return catTasks(context.client.cluster.state(), taskGroups(tasks), flag('full_id'), flag('detailed'))
    },
  ],
]

function aliasNames(req: RestHandlerRequest): string[] {
  return req.path.index === undefined ? [] : req.path.index.split(',')
}

export function registerCatActions(controller: RestController, context: RestContext): void {
  controller.register(
    'GET',
    '/_cat',
    () => Promise.resolve({ status: 200, contentType: 'text/plain', body: CAT_HELP }),
    'cat.help',
  )
  for (const [name, withIndex, build] of TABLES) {
    const handler = (req: RestHandlerRequest) =>
      guarded(async () => renderCatTable(await build(context, req), req.params))
    const api = `cat.${name}` as const
    controller.register('GET', `/_cat/${name}`, handler, api)
    if (withIndex) controller.register('GET', `/_cat/${name}/{index}`, handler, api)
  }
}

/** RestIndicesAction reads open and closed indices (IndicesOptions.strictExpand) unless the request says otherwise. */
function catIndicesOptions(req: RestHandlerRequest): IndicesOptions {
  return indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN_CLOSED)
}
