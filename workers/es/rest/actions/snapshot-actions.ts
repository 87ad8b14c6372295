/**
 * The snapshot APIs (RestCreateSnapshotAction, RestGetSnapshotsAction, RestDeleteSnapshotAction,
 * RestSnapshotsStatusAction) and `_cat/snapshots`, ES 8.17:
 * - PUT|POST /_snapshot/<repo>/<snap> [{indices, ignore_unavailable, include_global_state, partial}]: with
 *   `wait_for_completion=true` `{"snapshot": SnapshotInfo}` once it is done, else `{"accepted":true}` at once while
 *   it runs (snapshots/snapshots-service.ts).
 * - GET /_snapshot/<repo>/<names>: `{"snapshots": [...], "total", "remaining": 0}`, sorted by start time then name;
 *   names are a comma list of names, `*` patterns and `_all` (`_current`: none run for long here); a missing name
 *   is snapshot_missing_exception unless `ignore_unavailable`.
 * - DELETE /_snapshot/<repo>/<snap>: `{"acknowledged":true}`.
 * - GET /_snapshot/<repo>/<snap>/_status: `{"snapshots": [status...]}` (snapshots/snapshot-status.ts);
 *   GET /_snapshot[/<repo>]/_status lists the running ones: none once a request returned.
 * - GET /_cat/snapshots[/<repo>]: every snapshot of the repository (of every repository without one).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { parseOptionalBody } from '../request-body.ts'
import { scalarText } from '../../index/index-settings.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { STRICT_EXPAND_OPEN_CLOSED, type IndicesOptions } from '../../cluster/metadata/indices-options.ts'
import { repositoriesOf, repository } from '../../repositories/repositories-metadata.ts'
import type { RepositoriesService } from '../../repositories/repositories-service.ts'
import type { BlobStoreRepository, ShardSnapshot } from '../../repositories/blob-store-repository.ts'
import { snapshotMissingException } from '../../snapshots/snapshot-exceptions.ts'
import { snapshotInfoJson, type SnapshotInfo } from '../../snapshots/snapshot-info.ts'
import { snapshotEntry, type SnapshotsService } from '../../snapshots/snapshots-service.ts'
import { snapshotStatusJson } from '../../snapshots/snapshot-status.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { renderCatTable } from '../cat/rest-table.ts'
import { catSnapshots } from '../cat/cat-snapshots.ts'
import { paramAsBoolean } from './rest-params.ts'

/** CreateSnapshotRequest's IndicesOptions: open, closed and hidden indices, strict. */
const SNAPSHOT_INDICES: IndicesOptions = { ...STRICT_EXPAND_OPEN_CLOSED, expandHidden: true }

export function registerSnapshotActions(
  controller: RestController,
  context: RestContext,
  repositories: RepositoriesService,
  snapshots: SnapshotsService,
): void {
  const create = (req: RestHandlerRequest) => guarded(() => createSnapshot(context, snapshots, req))
  controller
    .register('PUT', '/_snapshot/{repository}/{snapshot}', create, 'snapshot.create')
    .register('POST', '/_snapshot/{repository}/{snapshot}', create, 'snapshot.create')
    .register(
      'GET',
      '/_snapshot/{repository}/{snapshot}',
      (req) => guarded(() => getSnapshots(context, repositories, req)),
      'snapshot.get',
    )
    .register(
      'DELETE',
      '/_snapshot/{repository}/{snapshot}',
      (req) => guarded(() => deleteSnapshots(context, repositories, snapshots, req)),
      'snapshot.delete',
    )
    .register('GET', '/_snapshot/_status', () => json(200, { snapshots: [] }), 'snapshot.status')
    .register(
      'GET',
      '/_snapshot/{repository}/_status',
      (req) =>
        guarded(() => {
          repository(context.client.cluster.state(), req.path.repository!)
          return json(200, { snapshots: [] })
        }),
      'snapshot.status',
    )
    .register(
      'GET',
      '/_snapshot/{repository}/{snapshot}/_status',
      (req) => guarded(() => snapshotsStatus(context, repositories, req)),
      'snapshot.status',
    )
  const cat = (req: RestHandlerRequest) => guarded(() => catSnapshotsTable(context, repositories, req))
  controller
    .register('GET', '/_cat/snapshots', cat, 'cat.snapshots')
    .register('GET', '/_cat/snapshots/{repository}', cat, 'cat.snapshots')
}

function booleanField(body: XContentObject, key: string, fallback: boolean): boolean {
  const value = body.get(key)
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') return value === 'true'
  return fallback
}

/** `indices` as a comma-separated string or an array of names. */
function indicesField(body: XContentObject): string | undefined {
  const value = body.get('indices')
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(scalarText).join(',')
  return undefined
}

async function createSnapshot(
  context: RestContext,
  snapshots: SnapshotsService,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const body = parseOptionalBody(req.request.body)
  const ignoreUnavailable = booleanField(body, 'ignore_unavailable', false)
  const { completion } = await snapshots.createSnapshot({
    repository: req.path.repository!,
    snapshot: req.path.snapshot!,
    indices: indicesField(body),
    indicesOptions: { ...SNAPSHOT_INDICES, ignoreUnavailable },
    includeGlobalState: booleanField(body, 'include_global_state', true),
    partial: booleanField(body, 'partial', false),
  })
  if (paramAsBoolean(req.params.get('wait_for_completion')))
    return json(200, { snapshot: snapshotInfoJson(await completion) })
  completion.catch(() => undefined)
  return json(200, { accepted: true })
}

/** The repository's snapshots `names` selects, sorted by start time then name. */
async function selectSnapshots(
  repo: BlobStoreRepository,
  repositoryName: string,
  names: string,
  ignoreUnavailable: boolean,
): Promise<SnapshotInfo[]> {
  const data = await repo.repositoryData()
  const patterns = names.split(',')
  const selected = data.snapshots.filter((entry) =>
    patterns.some((p) => p === '_all' || (p.includes('*') ? simpleMatch(p, entry.name) : p === entry.name)),
  )
  for (const name of patterns) {
    if (name === '_all' || name === '_current' || name.includes('*')) continue
    if (!data.snapshots.some((entry) => entry.name === name) && !ignoreUnavailable)
      throw snapshotMissingException(repositoryName, name)
  }
  const infos = await Promise.all(selected.map((entry) => repo.snapshotInfo(entry.uuid)))
  return infos
    .flatMap((info) => (info === null ? [] : [info]))
    .sort((a, b) => a.startTime - b.startTime || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

async function getSnapshots(
  context: RestContext,
  repositories: RepositoriesService,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const name = req.path.repository!
  const repo = repositories.open(context.client.cluster.state(), name)
  const ignoreUnavailable = paramAsBoolean(req.params.get('ignore_unavailable'))
  const infos = await selectSnapshots(repo, name, req.path.snapshot!, ignoreUnavailable)
  return json(200, {
    snapshots: infos.map((info) => snapshotInfoJson(info)),
    total: infos.length,
    remaining: 0,
  })
}

async function deleteSnapshots(
  context: RestContext,
  repositories: RepositoriesService,
  snapshots: SnapshotsService,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const name = req.path.repository!
  const repo = repositories.open(context.client.cluster.state(), name)
  const infos = await selectSnapshots(repo, name, req.path.snapshot!, false)
  for (const info of infos) await snapshots.deleteSnapshot(name, info.name)
  return json(200, { acknowledged: true })
}

async function snapshotsStatus(
  context: RestContext,
  repositories: RepositoriesService,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const name = req.path.repository!
  const repo = repositories.open(context.client.cluster.state(), name)
  const data = await repo.repositoryData()
  const ignoreUnavailable = paramAsBoolean(req.params.get('ignore_unavailable'))
  const statuses = []
  for (const snapshot of req.path.snapshot!.split(',')) {
    if (!data.snapshots.some((entry) => entry.name === snapshot)) {
      if (ignoreUnavailable) continue
      throw snapshotMissingException(name, snapshot)
    }
    const info = await repo.snapshotInfo(snapshotEntry(data, name, snapshot).uuid)
    if (info === null) throw snapshotMissingException(name, snapshot)
    const shards = new Map<string, Map<number, ShardSnapshot>>()
    for (const index of info.indices) {
      const held = new Map<number, ShardSnapshot>()
      const id = data.indices[index]?.id
      const count = id === undefined ? null : await repo.indexMetadata(id, info.uuid)
      for (let shard = 0; id !== undefined && shard < (count?.numberOfShards ?? 0); shard++) {
        const blob = await repo.shardSnapshot(id, shard, info.uuid)
        if (blob !== null) held.set(shard, blob)
      }
      shards.set(index, held)
    }
    statuses.push(snapshotStatusJson(info, shards))
  }
  return json(200, { snapshots: statuses })
}

async function catSnapshotsTable(
  context: RestContext,
  repositories: RepositoriesService,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const state = context.client.cluster.state()
  const names =
    req.path.repository === undefined ? repositoriesOf(state).map((repo) => repo.name) : [req.path.repository]
  const infos: SnapshotInfo[] = []
  for (const name of names)
    infos.push(...(await selectSnapshots(repositories.open(state, name), name, '_all', false)))
  return renderCatTable(catSnapshots(infos), req.params)
}
