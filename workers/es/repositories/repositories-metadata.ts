/**
 * RepositoriesMetadata: the snapshot repositories registered in the cluster state, in the order they were first
 * put (a put of an existing name replaces it in place). Each RepositoryMetadata holds its name, type (`fs`, the one
 * type the playground builds), its settings as flat keys to text (Settings), and the repository's uuid (`_na_`
 * until the first RepositoryData is written). Rendered as `{"<name>": {"type", ["uuid",] "settings"}}`
 * (RepositoryMetadata.toXContent leaves the uuid out while it is `_na_`).
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { JsonOut } from '../xcontent/index.ts'
import { repositoryMissingException } from './repository-exceptions.ts'

export const UNKNOWN_REPOSITORY_UUID = '_na_'

export interface RepositoryMetadata {
  readonly name: string
  readonly type: string
  readonly settings: Readonly<Record<string, string>>
  readonly uuid: string
}

export function repositoriesOf(state: ClusterState): readonly RepositoryMetadata[] {
  return state.metadata.repositories ?? []
}

/** The registered repository `name`, or repository_missing_exception. */
export function repository(state: ClusterState, name: string): RepositoryMetadata {
  const found = repositoriesOf(state).find((repo) => repo.name === name)
  if (!found) throw repositoryMissingException(name)
  return found
}

function withRepositories(state: ClusterState, repositories: readonly RepositoryMetadata[]): ClusterState {
  return { ...state, metadata: { ...state.metadata, repositories } }
}

/** RepositoriesService.registerRepository on the master: a new one is appended, a changed one keeps its place and uuid. */
export function putRepository(state: ClusterState, metadata: RepositoryMetadata): ClusterState {
  const existing = repositoriesOf(state)
  const at = existing.findIndex((repo) => repo.name === metadata.name)
  if (at < 0) return withRepositories(state, [...existing, metadata])
  const kept = { ...metadata, uuid: existing[at]!.uuid }
  return withRepositories(
    state,
    existing.map((repo, i) => (i === at ? kept : repo)),
  )
}

/** RepositoriesService.unregisterRepository: the names may be `*` patterns handled by the caller. */
export function deleteRepositories(state: ClusterState, names: readonly string[]): ClusterState {
  for (const name of names) repository(state, name)
  return withRepositories(
    state,
    repositoriesOf(state).filter((repo) => !names.includes(repo.name)),
  )
}

/** The uuid the repository's first RepositoryData blob gave it. */
export function withRepositoryUuid(state: ClusterState, name: string, uuid: string): ClusterState {
  repository(state, name)
  return withRepositories(
    state,
    repositoriesOf(state).map((repo) => (repo.name === name ? { ...repo, uuid } : repo)),
  )
}

/** RepositoryMetadata.toXContent's fields for one repository. */
export function repositoryJson(metadata: RepositoryMetadata): JsonOut {
  return {
    type: metadata.type,
    ...(metadata.uuid === UNKNOWN_REPOSITORY_UUID ? {} : { uuid: metadata.uuid }),
    settings: { ...metadata.settings },
  }
}
