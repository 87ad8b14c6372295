/**
 * FsBlobStore: the blobs of an fs repository as files of the shared filesystem mounted under path.repo on every
 * node (the playground's `repositories` Storage, one for the whole cluster, persisted like a node's data path).
 * A blob's key is its absolute path (`<repository dir>/<blob path>`) in the Storage's `es` store; its value is
 * a versioned envelope of the blob's JSON (storage/envelope.ts), so a torn or foreign file fails closed.
 * Writes of one call land together (Storage.write is atomic), as BlobStoreRepository's ordering needs:
 * shard and index blobs first, the RepositoryData generation that names them last.
 */
import type { Storage } from '../../storage/storage.ts'
import { openEnvelope, sealEnvelope } from '../../storage/envelope.ts'

const BLOB_VERSION = 1
const STORE = 'es'

export class FsBlobStore {
  constructor(
    private readonly storage: Storage,
    /** The repository's directory, normalized (path-repo.ts). */
    readonly dir: string,
  ) {}

  private key(path: string): string {
    return `${this.dir}/${path}`
  }

  async read<T>(path: string): Promise<T | null> {
    const bytes = await this.storage.get(STORE, this.key(path))
    return bytes === undefined
      ? null
      : (openEnvelope(bytes, BLOB_VERSION, `repository blob ${this.key(path)}`) as T)
  }

  /** The byte length a blob takes on the filesystem (0 when absent). */
  async size(path: string): Promise<number> {
    return (await this.storage.get(STORE, this.key(path)))?.length ?? 0
  }

  /** Writes and deletes together: a null value deletes the blob. */
  write(blobs: ReadonlyArray<readonly [path: string, value: unknown]>): Promise<void> {
    return this.storage.write(
      blobs.map(([path, value]) => ({
        store: STORE,
        key: this.key(path),
        value: value === null ? null : sealEnvelope(BLOB_VERSION, value),
      })),
    )
  }

  /** The blob paths below `prefix` (relative to the repository's directory). */
  async list(prefix: string): Promise<string[]> {
    const keys = await this.storage.keys(STORE, this.key(prefix))
    return keys.map((key) => key.slice(this.dir.length + 1))
  }
}
