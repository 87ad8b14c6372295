// path.repo and an fs repository's location (Environment.resolveRepoDir, FsRepository's checks and texts).
import { describe, expect, it } from 'vitest'
import {
  fsRepositoryDir,
  normalizePath,
  resolveRepoDir,
} from '../../../../workers/es/repositories/path-repo.ts'
import type { EsException } from '../../../../workers/es/errors/index.ts'

function reason(result: string | EsException): string {
  if (typeof result === 'string') throw new Error(`expected a refusal, got ${result}`)
  return `${result.type}: ${result.reason}`
}

describe('path.repo', () => {
  it('normalizes paths as java.nio does', () => {
    expect(normalizePath('/mount//backups/./a/../b/')).toBe('/mount/backups/b')
    expect(normalizePath('a/../../b')).toBe('../b')
  })

  it('takes an absolute location inside a root, a relative one below the first root that holds it', () => {
    expect(resolveRepoDir(['/mount/backups'], '/mount/backups/my_backup')).toBe('/mount/backups/my_backup')
    expect(resolveRepoDir(['/mount/backups'], 'my_backup')).toBe('/mount/backups/my_backup')
    expect(resolveRepoDir(['/a', '/mount/backups'], '/mount/backups/x')).toBe('/mount/backups/x')
    expect(resolveRepoDir(['/mount/backups'], '/mount/backups-2/x')).toBeNull()
    expect(resolveRepoDir(['/mount/backups'], '../escape')).toBeNull()
  })

  it("says whether path.repo is empty when the location is outside it (FsRepository's texts)", () => {
    expect(reason(fsRepositoryDir('r', [], '/tmp/x'))).toBe(
      "repository_exception: [r] location [/tmp/x] doesn't match any of the locations specified by path.repo because this setting is empty",
    )
    expect(reason(fsRepositoryDir('r', ['/mount/backups'], '/tmp/x'))).toBe(
      "repository_exception: [r] location [/tmp/x] doesn't match any of the locations specified by path.repo",
    )
    expect(reason(fsRepositoryDir('r', ['/mount/backups'], undefined))).toBe(
      'repository_exception: [r] missing location',
    )
  })
})
