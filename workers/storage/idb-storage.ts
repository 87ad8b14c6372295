/**
 * IdbStorage: the Storage interface over IndexedDB (through `idb`). One database per broker or node,
 * one object store per Storage store; a `write` is one readwrite transaction over the stores it
 * touches, so it commits whole or not at all. Values are stored as ArrayBuffers.
 *
 * A write runs on the plain IDBDatabase, not through idb's proxies: only the transaction's outcome is
 * awaited (a failed request aborts it), so no request gets a promise and listeners of its own, which the
 * LogFlusher's many chunk puts would otherwise each pay for.
 */
import { openDB, unwrap, type IDBPDatabase } from 'idb'
import { STORES, type Storage, type StorageOp } from './storage.ts'

const DB_VERSION = 1

/** Every key starting with `prefix` (all keys for ''). */
const prefixRange = (prefix: string): IDBKeyRange | undefined =>
  prefix ? IDBKeyRange.bound(prefix, `${prefix}\uffff`) : undefined

/**
 * The value's bytes as an ArrayBuffer of their own. `put` clones its value at once (structured clone), so a value
 * that spans its whole buffer goes as it is; a view into a larger buffer is copied first, or the clone would
 * take the whole buffer with it.
 */
const wholeBuffer = (value: Uint8Array): ArrayBufferLike =>
  value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value.buffer : value.slice().buffer

/**
 * Resolves when the transaction commits; rejects when it aborts (a failed request aborts it, nothing of it
 * is then applied), with the error that aborted it.
 */
const committed = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError'))
  })

export class IdbStorage implements Storage {
  /** The database without idb's wrapping, for writes. */
  private readonly plain: IDBDatabase

  private constructor(private readonly db: IDBPDatabase) {
    this.plain = unwrap(db)
  }

  static async open(name: string): Promise<IdbStorage> {
    const db = await openDB(name, DB_VERSION, {
      upgrade(database) {
        for (const store of STORES) {
          if (!database.objectStoreNames.contains(store)) database.createObjectStore(store)
        }
      },
    })
    return new IdbStorage(db)
  }

  async get(store: string, key: string): Promise<Uint8Array | undefined> {
    const value = (await this.db.get(store, key)) as ArrayBuffer | undefined
    return value === undefined ? undefined : new Uint8Array(value)
  }

  async keys(store: string, prefix = ''): Promise<string[]> {
    const keys = await this.db.getAllKeys(store, prefixRange(prefix))
    return keys.map(String)
  }

  /** One read-only transaction: getAllKeys and getAll over the same range list the same records in order. */
  async entries(store: string, prefix: string): Promise<Array<[string, Uint8Array]>> {
    const tx = this.db.transaction(store, 'readonly')
    const range = prefixRange(prefix)
    const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)])
    await tx.done
    return keys.map(String).map((key, i) => [key, new Uint8Array(values[i] as ArrayBuffer)])
  }

  async write(ops: StorageOp[]): Promise<void> {
    if (ops.length === 0) return
    const stores = [...new Set(ops.map((op) => op.store))]
    const tx = this.plain.transaction(stores, 'readwrite')
    const done = committed(tx)
    try {
      for (const { store, key, value } of ops) {
        const target = tx.objectStore(store)
        if (value === null) target.delete(key)
        else target.put(wholeBuffer(value), key)
      }
    } catch (error) {
      // A request that throws at once (a value that cannot be cloned) must not let the others commit.
      done.catch(() => undefined)
      tx.abort()
      throw error
    }
    await done
  }

  close(): Promise<void> {
    this.db.close()
    return Promise.resolve()
  }
}
