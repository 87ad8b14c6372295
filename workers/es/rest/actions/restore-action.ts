/**
 * POST /_snapshot/<repo>/<snap>/_restore (RestRestoreSnapshotAction, ES 8.17) with {indices, ignore_unavailable,
 * rename_pattern, rename_replacement, include_global_state, include_aliases, index_settings,
 * ignore_index_settings}: the indices are chosen, renamed and checked here and added by the master
 * (snapshots/restore-service.ts), their primaries recovering from the snapshot. `{"accepted":true}` once the
 * master added them; with `wait_for_completion=true` the RestoreInfo once every restored primary has started:
 * `{"snapshot": {"snapshot", "indices", "shards": {total, failed, successful}}}`. The snapshot's global state
 * (templates, persistent settings) is not restored (docs/DEVIATIONS.md).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { parseOptionalBody } from '../request-body.ts'
import { normalizeSettings, scalarText } from '../../index/index-settings.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import type { RepositoriesService } from '../../repositories/repositories-service.ts'
import { snapshotEntry } from '../../snapshots/snapshots-service.ts'
import { snapshotMissingException, snapshotRestoreException } from '../../snapshots/snapshot-exceptions.ts'
import {
  renamedIndices,
  restoredMetadata,
  selectIndices,
  type RestoreRequest,
  type RestoredIndex,
} from '../../snapshots/restore-service.ts'
import { isActive } from '../../cluster/state/shard-routing.ts'
import { MASTER_TIMEOUT_MS } from '../../node/cluster-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { paramAsBoolean } from './rest-params.ts'

export function registerRestoreAction(
  controller: RestController,
  context: RestContext,
  repositories: RepositoriesService,
): void {
  controller.register(
    'POST',
    '/_snapshot/{repository}/{snapshot}/_restore',
    (req) => guarded(() => restore(context, repositories, req)),
    'snapshot.restore',
  )
}

function stringField(body: XContentObject, key: string): string | undefined {
  const value = body.get(key)
  return typeof value === 'string' ? value : undefined
}

function listField(value: XContentValue | undefined): string[] {
  if (typeof value === 'string') return value.split(',').filter((item) => item !== '')
  if (Array.isArray(value)) return value.map(scalarText)
  return []
}

function restoreRequest(body: XContentObject): RestoreRequest {
  const indices = body.get('indices')
  const settings = body.get('index_settings')
  return {
    indices: indices === undefined ? undefined : listField(indices).join(','),
    ignoreUnavailable: body.get('ignore_unavailable') === true,
    renamePattern: stringField(body, 'rename_pattern'),
    renameReplacement: stringField(body, 'rename_replacement'),
    includeAliases: body.get('include_aliases') !== false,
    indexSettings:
      settings instanceof Map
        ? Object.fromEntries([...normalizeSettings(settings)].map(([key, value]) => [key, scalarText(value)]))
        : {},
    ignoreIndexSettings: listField(body.get('ignore_index_settings')),
  }
}

async function restore(
  context: RestContext,
  repositories: RepositoriesService,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const repositoryName = req.path.repository!
  const snapshot = req.path.snapshot!
  const request = restoreRequest(parseOptionalBody(req.request.body))
  const repo = repositories.open(context.client.cluster.state(), repositoryName)
  const data = await repo.repositoryData()
  const entry = snapshotEntry(data, repositoryName, snapshot)
  const info = await repo.snapshotInfo(entry.uuid)
  if (info === null) throw snapshotMissingException(repositoryName, snapshot)
  const refuse = (why: string) => snapshotRestoreException(repositoryName, snapshot, entry.uuid, why)
  const chosen = selectIndices(info.indices, request)
  const names = renamedIndices(chosen, request, refuse)
  const restored: RestoredIndex[] = []
  const restoreUuid = context.newUuid()
  for (const index of chosen) {
    const indexId = data.indices[index]!.id
    const snapshotted = await repo.indexMetadata(indexId, entry.uuid)
    if (snapshotted === null) throw refuse(`index [${index}] is missing from the repository`)
    const source = {
      repository: repositoryName,
      snapshot,
      snapshotUuid: entry.uuid,
      indexId,
      index,
      restoreUuid,
    }
    restored.push(
      restoredMetadata(snapshotted, names.get(index)!, context.newUuid(), request, source, refuse),
    )
  }
  await context.client.cluster.execute({ type: 'restore_snapshot', indices: restored })
  if (!paramAsBoolean(req.params.get('wait_for_completion'))) return json(200, { accepted: true })
  const restoredNames = restored.map((index) => index.metadata.name)
  const state = await context.client.cluster.waitFor(
    (s) =>
      restoredNames.every((name) =>
        (s.routingTable[name] ?? []).every((copies) => copies.some((copy) => copy.primary && isActive(copy))),
      ),
    MASTER_TIMEOUT_MS,
  )
  const total = restored.reduce((n, index) => n + index.metadata.numberOfShards, 0)
  const successful = restoredNames.reduce(
    (n, name) =>
      n +
      (state?.routingTable[name] ?? []).filter((copies) => copies.some((c) => c.primary && isActive(c)))
        .length,
    0,
  )
  return json(200, {
    snapshot: { snapshot, indices: restoredNames, shards: { total, failed: total - successful, successful } },
  })
}
