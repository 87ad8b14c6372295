/**
 * RepositoriesService on one node: the repositories of the cluster state as this node can open them. An fs
 * repository's location must lie under this node's path.repo (path-repo.ts); its blobs are then files of the
 * shared filesystem every node mounts there (FsBlobStore over the `repositories` Storage). `open` throws what
 * building the repository throws (RepositoryException) for a location this node cannot use, and
 * repository_missing_exception for a name the cluster state does not hold.
 *
 * Verification (VerifyNodeRepositoryAction): each master-eligible and data node opens the repository and reads
 * back the test blob the master wrote, answering the RepositoryException it met, if any.
 */
import type { Storage } from '../../storage/storage.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { EsException } from '../errors/index.ts'
import { BlobStoreRepository } from './blob-store-repository.ts'
import { FsBlobStore } from './fs-blob-store.ts'
import { fsRepositoryDir } from './path-repo.ts'
import { repository, type RepositoryMetadata } from './repositories-metadata.ts'

export class RepositoriesService {
  constructor(
    /** This node's path.repo. */
    readonly pathRepo: readonly string[],
    /** The filesystem mounted under path.repo. */
    private readonly fileSystem: Storage,
  ) {}

  /** The repository's directory on this node, or the RepositoryException FsRepository's constructor throws. */
  directory(metadata: RepositoryMetadata): string | EsException {
    return fsRepositoryDir(metadata.name, this.pathRepo, metadata.settings.location)
  }

  /** The registered repository `name`, opened on this node. */
  open(state: ClusterState, name: string): BlobStoreRepository {
    const dir = this.directory(repository(state, name))
    if (typeof dir !== 'string') throw dir
    return new BlobStoreRepository(new FsBlobStore(this.fileSystem, dir))
  }

  /** This node's part of a verification: the failure's reason, or null when the test blob reads back. */
  async verify(metadata: RepositoryMetadata, seed: string): Promise<string | null> {
    const dir = this.directory(metadata)
    if (typeof dir !== 'string') return `${dir.type}: ${dir.reason}`
    const blobs = new FsBlobStore(this.fileSystem, dir)
    const found = await blobs.read<string>(`tests-${seed}/master.dat`)
    return found === seed
      ? null
      : `store location [${dir}] is not shared between this node and the master node`
  }

  /** The master's start of a verification: the test blob the nodes read back. */
  async startVerification(metadata: RepositoryMetadata, seed: string): Promise<FsBlobStore> {
    const dir = this.directory(metadata)
    if (typeof dir !== 'string') throw dir
    const blobs = new FsBlobStore(this.fileSystem, dir)
    await blobs.write([[`tests-${seed}/master.dat`, seed]])
    return blobs
  }
}
