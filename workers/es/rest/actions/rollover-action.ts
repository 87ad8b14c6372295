/**
 * POST /{alias or data stream}/_rollover[/{new_index}] (TransportRolloverAction, ES 8.17). The body may
 * give `conditions` (rollover-conditions.ts) and, for an alias, the new index's `settings`, `mappings` and
 * `aliases`. The names are resolved and checked first (a dry run fails as the real one would: an existing or
 * invalid new index name); the conditions are evaluated on the write index's primaries (docs as of their
 * last refresh, store size, the largest primary's size and docs) and its age. Unless it is a dry run or
 * the conditions are not met, the master rolls over (metadata-rollover-service.ts) and the answer waits for
 * the new index's primaries. Answer: acknowledged, shards_acknowledged, old_index, new_index, rolled_over,
 * dry_run, lazy (always false: lazy rollover is not supported), conditions.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  resourceAlreadyExistsException,
  validateIndexName,
} from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody } from '../request-body.ts'
import { paramAsBoolean } from './rest-params.ts'
import { waitForActivePrimaries } from './index-actions.ts'
import { fieldParseError } from '../../cluster/metadata/field-parse-error.ts'
import {
  areConditionsMet,
  conditionsValidationErrors,
  evaluateConditions,
  parseRolloverConditions,
  type RolloverCondition,
  type RolloverStats,
} from '../../cluster/metadata/rollover-conditions.ts'
import {
  checkNoDuplicatedAliasInIndexTemplate,
  planRollover,
  type RolloverPlan,
} from '../../cluster/metadata/metadata-rollover-service.ts'
import { backingIndexMetadata } from '../../cluster/metadata/metadata-data-stream-service.ts'
import {
  buildIndexMetadata,
  type CreateIndexBody,
} from '../../cluster/metadata/metadata-create-index-service.ts'
import { esIndexMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import { collectShardStats } from '../../action/cluster-shard-stats.ts'
import { copiesStats } from '../cat/shard-stats.ts'

export function registerRolloverAction(controller: RestController, context: RestContext): void {
  const rollover = (req: RestHandlerRequest) => guarded(() => rolloverIndex(context, req))
  controller
    .register('POST', '/{index}/_rollover', rollover, 'indices.rollover')
    .register('POST', '/{index}/_rollover/{new_index}', rollover, 'indices.rollover')
}

interface RolloverRequest {
  conditions: RolloverCondition[]
  create: CreateIndexBody
}

async function rolloverIndex(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const target = req.path.index!
  const request = parseRolloverRequest(req.request.body)
  const errors = conditionsValidationErrors(request.conditions)
  if (errors.length > 0) throw actionRequestValidationException(errors)
  const hasCreateBody = Object.values(request.create).some((value) => value !== undefined)
  const state = context.client.cluster.state()
  const now = context.clock.now()
  const plan = planRollover(state, target, req.path.new_index ?? null, hasCreateBody, now)
  if (plan.kind === 'alias') validateAliasRollover(state, plan, target)
  const results = evaluateConditions(
    request.conditions,
    await writeIndexStats(context, state, plan.source, now),
  )
  const dryRun = paramAsBoolean(req.params.get('dry_run'))
  const rolledOver = !dryRun && areConditionsMet(request.conditions, results)
  let shardsAcknowledged = false
  if (rolledOver) {
    const metadata = newIndexMetadata(state, plan, request.create, context.newUuid(), now)
    const newIndexName = plan.kind === 'alias' ? plan.unresolved : null
    await context.client.cluster.execute({ type: 'rollover', target, newIndexName, metadata })
    shardsAcknowledged = await waitForActivePrimaries(context, metadata.name)
  }
  return json(200, {
    acknowledged: rolledOver,
    shards_acknowledged: shardsAcknowledged,
    old_index: plan.source,
    new_index: plan.rollover,
    rolled_over: rolledOver,
    dry_run: dryRun,
    lazy: false,
    conditions: new Map<string, JsonOut>(results),
  })
}

/** RolloverRequest.PARSER: conditions, settings, mappings, aliases. */
function parseRolloverRequest(body: string | null): RolloverRequest {
  const request: RolloverRequest = { conditions: [], create: {} }
  if (body === null) return request
  for (const [key, value] of parseRequestBody(body)) {
    if (key === 'conditions') request.conditions = parseRolloverConditions(body, value)
    else if (key === 'settings' || key === 'mappings' || key === 'aliases') request.create[key] = value
    else throw fieldParseError(body, key, `[rollover] unknown field [${key}]`)
  }
  return request
}

/** rolloverClusterState with onlyValidate: the new index's name must be valid and free. */
function validateAliasRollover(
  state: ClusterState,
  plan: RolloverPlan & { kind: 'alias' },
  alias: string,
): void {
  const invalid = validateIndexName(plan.rollover)
  if (invalid) throw invalid
  const existing = state.metadata.indices[plan.rollover]
  if (existing) throw resourceAlreadyExistsException(plan.rollover, existing.uuid)
  checkNoDuplicatedAliasInIndexTemplate(state, plan.rollover, alias)
}

function newIndexMetadata(
  state: ClusterState,
  plan: RolloverPlan,
  body: CreateIndexBody,
  uuid: string,
  now: number,
): IndexMetadata {
  if (plan.kind === 'data_stream') {
    return backingIndexMetadata(state, plan.dataStream.name, plan.generation, uuid, now)
  }
  const metadata = buildIndexMetadata(state, plan.rollover, body, uuid, now)
  return plan.unresolved === plan.rollover ? metadata : { ...metadata, providedName: plan.unresolved }
}

/** The write index's figures: its primaries' statistics (IndicesStatsRequest on the source) and its age. */
async function writeIndexStats(
  context: RestContext,
  state: ClusterState,
  index: string,
  now: number,
): Promise<RolloverStats> {
  const stats = await collectShardStats(context)
  const primaries = copiesStats(
    stats,
    (state.routingTable[index] ?? []).flatMap((copies) => copies.filter((copy) => copy.primary)),
  )
  const creationDate = esIndexMetadata(state.metadata.indices[index]!).creationDate
  return {
    ageMillis: now - creationDate,
    docs: primaries.reduce((sum, shard) => sum + shard.docs, 0),
    sizeBytes: primaries.reduce((sum, shard) => sum + shard.store.bytes, 0),
    maxPrimaryShardBytes: Math.max(0, ...primaries.map((shard) => shard.store.bytes)),
    maxPrimaryShardDocs: Math.max(0, ...primaries.map((shard) => shard.docs)),
  }
}
