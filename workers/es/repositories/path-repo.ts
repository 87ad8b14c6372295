/**
 * path.repo and the fs repository's `location` (Environment.resolveRepoDir over PathUtils.get(roots, path), and
 * FsRepository's constructor checks). A location resolves against each path.repo root in turn: an absolute one is
 * taken as it is, a relative one below the root; the first result that, normalized (`.` and `..` folded, repeated
 * and trailing `/` dropped), lies inside that root is the repository's directory. With none, FsRepository refuses
 * the location, saying whether path.repo is empty. Paths are POSIX (the playground's nodes run Linux images).
 */
import type { EsException } from '../errors/index.ts'
import { repositoryException } from './repository-exceptions.ts'

/** A POSIX path normalized as java.nio's UnixPath.normalize does (relative stays relative). */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/')
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop()
    else if (part !== '..' || !absolute) parts.push(part)
  }
  return (absolute ? '/' : '') + parts.join('/')
}

function inside(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`)
}

/** Environment.resolveRepoDir: the directory `location` names inside one of `roots`, or null. */
export function resolveRepoDir(roots: readonly string[], location: string): string | null {
  for (const rawRoot of roots) {
    const root = normalizePath(rawRoot)
    const resolved = normalizePath(location.startsWith('/') ? location : `${root}/${location}`)
    if (inside(resolved, root)) return resolved
  }
  return null
}

/** FsRepository's constructor: the repository's directory, or the RepositoryException it throws. */
export function fsRepositoryDir(
  repository: string,
  roots: readonly string[],
  location: string | undefined,
): string | EsException {
  if (location === undefined || location === '') return repositoryException(repository, 'missing location')
  const dir = resolveRepoDir(roots, location)
  if (dir !== null) return dir
  return repositoryException(
    repository,
    roots.length > 0
      ? `location [${location}] doesn't match any of the locations specified by path.repo`
      : `location [${location}] doesn't match any of the locations specified by path.repo because this setting is empty`,
  )
}
