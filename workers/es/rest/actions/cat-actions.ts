/**
 * The _cat API (AbstractCatAction subclasses): indices, shards, nodes, health, count, aliases and
 * allocation, each a table rendered by RestTable with the request's `v`, `h`, `s`, `ts`, `bytes`,
 * `format` and `help` parameters. An `{index}` path segment is an index expression; a missing concrete
 * index answers index_not_found_exception.
 */
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded } from '../responses.ts'
import { renderCatTable, type CatTable } from '../cat/rest-table.ts'
import { CAT_ALIASES, catCount, catIndices, catShards } from '../cat/cat-indices.ts'
import { catAllocation, catHealth, catNodes } from '../cat/cat-nodes.ts'
import { localClusterState } from './local-cluster-state.ts'
import { paramAsBoolean } from './rest-params.ts'

type TableBuilder = (context: RestContext, req: RestHandlerRequest) => CatTable

const TABLES: ReadonlyArray<[path: string, withIndex: boolean, build: TableBuilder]> = [
  [
    'indices',
    true,
    (context, req) => {
      const indices = context.indices.resolve(req.path.index)
      const state = localClusterState(context, indices)
      return catIndices(state, indices, context.clock.now(), req.params.get('health'))
    },
  ],
  [
    'shards',
    true,
    (context, req) => {
      const indices = context.indices.resolve(req.path.index)
      const state = localClusterState(context, indices)
      return catShards(state, indices, context.clock.now(), context.identity.nodeName)
    },
  ],
  ['count', true, (context, req) => catCount(context.indices.resolve(req.path.index), context.clock.now())],
  ['aliases', true, () => CAT_ALIASES],
  [
    'nodes',
    false,
    (context, req) => {
      return catNodes(localClusterState(context, []), paramAsBoolean(req.params.get('full_id')))
    },
  ],
  [
    'health',
    false,
    (context) => catHealth(localClusterState(context, context.indices.all()), context.clock.now()),
  ],
  [
    'allocation',
    false,
    (context) => {
      const indices = context.indices.all()
      return catAllocation(localClusterState(context, indices), indices, context.clock.now())
    },
  ],
]

export function registerCatActions(controller: RestController, context: RestContext): void {
  for (const [name, withIndex, build] of TABLES) {
    const handler = (req: RestHandlerRequest) =>
      guarded(() => renderCatTable(build(context, req), req.params))
    controller.register('GET', `/_cat/${name}`, handler)
    if (withIndex) controller.register('GET', `/_cat/${name}/{index}`, handler)
  }
}
