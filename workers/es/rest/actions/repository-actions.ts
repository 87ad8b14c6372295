/**
 * The snapshot repository APIs (RestPutRepositoryAction, RestGetRepositoriesAction, RestDeleteRepositoryAction,
 * RestVerifyRepositoryAction) and `_cat/repositories`, ES 8.17:
 * - PUT|POST /_snapshot/<repo> {"type", "settings"}: the name is checked (RepositoriesService.validate), a missing
 *   type is a validation failure, a type ES does not know is `[repo] repository type [x] does not exist`, and
 *   an fs repository is built on this node first: a location outside path.repo is `[repo] failed to create
 *   repository` caused by FsRepository's refusal. Then the master registers it and, unless `verify=false`, every
 *   node verifies it; `{"acknowledged":true}`.
 * - GET /_snapshot[/<names>]: `{"<name>": {type, [uuid,] settings}}` in registration order; `_all` and `*`
 *   patterns match, a missing name is repository_missing_exception.
 * - DELETE /_snapshot/<names>: unregisters them (their files stay); `{"acknowledged":true}`.
 * - POST /_snapshot/<repo>/_verify: the master writes a test blob, each master-eligible and data node reads it
 *   back: `{"nodes": {"<id>": {"name"}}}`, or repository_verification_exception listing the nodes that failed.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { parseRequestBody } from '../request-body.ts'
import { scalarText } from '../../index/index-settings.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import {
  repositoriesOf,
  repository,
  repositoryJson,
  UNKNOWN_REPOSITORY_UUID,
  type RepositoryMetadata,
} from '../../repositories/repositories-metadata.ts'
import type { RepositoriesService } from '../../repositories/repositories-service.ts'
import {
  failedToCreateRepository,
  repositoryException,
  repositoryVerificationException,
} from '../../repositories/repository-exceptions.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { renderCatTable } from '../cat/rest-table.ts'
import { catRepositories } from '../cat/cat-snapshots.ts'
import { requireBody } from './template-request.ts'

/** Types a real 8.17 node has but the playground does not build. */
const UNBUILT_TYPES = new Set(['url', 'source'])

export function registerRepositoryActions(
  controller: RestController,
  context: RestContext,
  repositories: RepositoriesService,
): void {
  const put = (req: RestHandlerRequest) => guarded(() => putRepository(context, repositories, req))
  controller
    .register('PUT', '/_snapshot/{repository}', put, 'snapshot.create_repository')
    .register('POST', '/_snapshot/{repository}', put, 'snapshot.create_repository')
    .register(
      'GET',
      '/_snapshot',
      (req) => guarded(() => getRepositories(context, req)),
      'snapshot.get_repository',
    )
    .register(
      'GET',
      '/_snapshot/{repository}',
      (req) => guarded(() => getRepositories(context, req)),
      'snapshot.get_repository',
    )
    .register(
      'DELETE',
      '/_snapshot/{repository}',
      (req) => guarded(() => deleteRepositories(context, req)),
      'snapshot.delete_repository',
    )
    .register(
      'POST',
      '/_snapshot/{repository}/_verify',
      (req) =>
        guarded(() =>
          verify(context, repositories, repository(context.client.cluster.state(), req.path.repository!)),
        ),
      'snapshot.verify_repository',
    )
    .register(
      'GET',
      '/_cat/repositories',
      (req) =>
        guarded(() =>
          renderCatTable(catRepositories(repositoriesOf(context.client.cluster.state())), req.params),
        ),
      'cat.repositories',
    )
}

/** RepositoriesService.validate: the name's own checks (the file name characters are not checked here). */
function validateName(name: string): void {
  if (name === '') throw repositoryException(name, 'cannot be empty')
  if (name.includes('#')) throw repositoryException(name, "must not contain '#'")
}

/** Settings from a JSON object: nested objects as dotted keys, every value as its text. */
function flatSettings(
  value: XContentValue | undefined,
  prefix = '',
  out: Record<string, string> = {},
): Record<string, string> {
  if (!(value instanceof Map)) return out
  for (const [key, field] of value) {
    if (field instanceof Map) flatSettings(field, `${prefix}${key}.`, out)
    else if (Array.isArray(field))
      field.forEach((item, i) => (out[`${prefix}${key}.${i}`] = scalarText(item)))
    else if (field !== null) out[`${prefix}${key}`] = scalarText(field)
  }
  return out
}

async function putRepository(
  context: RestContext,
  repositories: RepositoriesService,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const name = req.path.repository!
  const body = parseRequestBody(requireBody(req))
  const type = body.get('type')
  if (typeof type !== 'string' || type === '') throw actionRequestValidationException(['type is missing'])
  validateName(name)
  if (UNBUILT_TYPES.has(type))
    throw illegalArgumentException(
      `[playground] repositories of type [${type}] are not built here: use type [fs]`,
    )
  if (type !== 'fs') throw repositoryException(name, `repository type [${type}] does not exist`)
  const metadata: RepositoryMetadata = {
    name,
    type,
    settings: flatSettings(body.get('settings')),
    uuid: UNKNOWN_REPOSITORY_UUID,
  }
  const dir = repositories.directory(metadata)
  if (typeof dir !== 'string') throw failedToCreateRepository(name, dir)
  const state = await context.client.cluster.execute({ type: 'put_repository', metadata })
  if (req.params.get('verify') !== 'false') await verify(context, repositories, repository(state, name))
  return json(200, { acknowledged: true })
}

/** The registered repositories the comma list names (`_all` and `*` patterns match), in registration order. */
function selectRepositories(context: RestContext, names: string | undefined): RepositoryMetadata[] {
  const all = repositoriesOf(context.client.cluster.state())
  if (names === undefined || names === '_all' || names === '') return [...all]
  const patterns = names.split(',')
  for (const name of patterns)
    if (name !== '_all' && !name.includes('*')) repository(context.client.cluster.state(), name)
  return all.filter((repo) => patterns.some((p) => p === '_all' || simpleMatch(p, repo.name)))
}

function getRepositories(context: RestContext, req: RestHandlerRequest): RestResponse {
  const selected = selectRepositories(context, req.path.repository)
  return json(200, Object.fromEntries(selected.map((repo) => [repo.name, repositoryJson(repo)])))
}

async function deleteRepositories(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const names = selectRepositories(context, req.path.repository).map((repo) => repo.name)
  await context.client.cluster.execute({ type: 'delete_repository', names })
  return json(200, { acknowledged: true })
}

async function verify(
  context: RestContext,
  repositories: RepositoriesService,
  metadata: RepositoryMetadata,
): Promise<RestResponse> {
  const seed = context.newUuid()
  const blobs = await repositories.startVerification(metadata, seed)
  const answers = await context.client.eachNode({ type: 'verify_repository', repository: metadata, seed })
  await blobs.write([[`tests-${seed}/master.dat`, null]])
  const verified = answers.flatMap((answer) => (answer.type === 'repository_verified' ? [answer] : []))
  const failed = verified.filter((answer) => answer.failure !== null)
  if (failed.length > 0) {
    const listed = failed.map((answer) => `[${answer.node}, '${answer.failure}']`).join(', ')
    throw repositoryVerificationException(metadata.name, `[${listed}]`)
  }
  return json(200, {
    nodes: Object.fromEntries(verified.map((answer) => [answer.node, { name: answer.name }])),
  })
}
