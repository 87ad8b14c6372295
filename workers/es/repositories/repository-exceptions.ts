/**
 * The exceptions of ES 8's repositories package as the REST layer renders them: RepositoryException (500,
 * `[<repository>] <message>`), its subclasses RepositoryMissingException (404, `[<repository>] missing`) and
 * RepositoryVerificationException (500). RepositoriesService wraps a failure to build a repository in
 * `[<repository>] failed to create repository`, its cause the repository's own RepositoryException.
 */
import { EsException } from '../errors/index.ts'

export function repositoryException(
  repository: string,
  message: string,
  causedBy?: EsException,
): EsException {
  return new EsException({
    type: 'repository_exception',
    reason: `[${repository}] ${message}`,
    status: 500,
    ...(causedBy ? { causedBy } : {}),
  })
}

export function repositoryMissingException(repository: string): EsException {
  return new EsException({
    type: 'repository_missing_exception',
    reason: `[${repository}] missing`,
    status: 404,
  })
}

export function repositoryVerificationException(repository: string, message: string): EsException {
  return new EsException({
    type: 'repository_verification_exception',
    reason: `[${repository}] ${message}`,
    status: 500,
  })
}

/** RepositoriesService.createRepository's wrapping of a repository that cannot be built. */
export function failedToCreateRepository(repository: string, cause: EsException): EsException {
  return repositoryException(repository, 'failed to create repository', cause)
}
