/**
 * Chooses a Storage by URL, as duckdb-wasm and pglite do: `idb://<database>` opens IndexedDB,
 * `memory://` an in-memory twin. Anything else is refused with a message naming the accepted forms.
 * `writer` asks IndexedDB for a writer worker that takes the handed-over writes (idb-storage.ts).
 */
import type { Storage } from './storage.ts'
import { MemoryStorage } from './memory-storage.ts'
import { IdbStorage } from './idb-storage.ts'

export async function openStorage(url: string, options: { writer?: boolean } = {}): Promise<Storage> {
  if (url === 'memory://') return new MemoryStorage()
  if (url.startsWith('idb://') && url.length > 'idb://'.length)
    return IdbStorage.open(url.slice('idb://'.length), options)
  throw new Error(`Unknown storage URL '${url}': use idb://<database> or memory://`)
}
