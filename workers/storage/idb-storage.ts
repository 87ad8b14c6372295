/**
 * IdbStorage: the Storage interface over IndexedDB (through `idb`). One database per broker or node,
 * one object store per Storage store; a `write` is one readwrite transaction over the stores it
 * touches, so it commits whole or not at all. Values are stored as ArrayBuffers.
 *
 * A write runs on the plain IDBDatabase, not through idb's proxies: only the transaction's outcome is
 * awaited (a failed request aborts it), so no request gets a promise and listeners of its own, which the
 * LogFlusher's many chunk puts would otherwise each pay for. A write whose buffers are handed over (the
 * LogFlusher's) issues its requests in turn, each from the previous one's success, so the broker's thread is
 * never held for the cloning of the whole write: p99 produce latency at 50,000 records/s 6.4-6.8 -> 5.7-6.0 ms
 * in three alternating pairs (kafka-latency page, quiet machine), throughput unchanged.
 *
 * What a put costs the thread that calls it (Blink, third_party/blink/renderer/modules/indexeddb/
 * idb_object_store.cc and idb_value_wrapping.cc): it serializes the value (a copy), compresses a value of 64 KiB
 * or more with Snappy (feature IndexedDBCompressValuesWithSnappy, on by default; kept only when at most 90% of
 * the original and at most 256,000 bytes) and wraps a value still above 64 KiB (kIDBWrapThreshold) into a Blob
 * of its own. In a worker of Chromium 156 (16 MiB as values of one size, medians of 5, load about 1.4): 1.2-2.5 ms
 * per MiB for values of 128 KiB to 1.4 MB, log bytes or random ones alike, and no less with Snappy switched off,
 * so compression is not the cost; a Blob as the value cost no less (its constructor copies too). Values just
 * under 64 KiB, kept inline, put at 0.5-1.4 ms per MiB but read back at 8-15 ms per MiB with getAll, against 2-3 ms
 * for wrapped ones: smaller flush chunks would make a reload pay more than a flush saves.
 */
import { openDB, unwrap, type IDBPDatabase } from 'idb'
import { STORES, type Storage, type StorageOp, type WriteOptions } from './storage.ts'

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

  async write(ops: StorageOp[], options: WriteOptions = {}): Promise<void> {
    if (ops.length === 0) return
    const stores = [...new Set(ops.map((op) => op.store))]
    const tx = this.plain.transaction(stores, 'readwrite')
    const done = committed(tx)
    const failure: { error?: unknown } = {}
    // A request that throws at once (a value that cannot be cloned) must not let the others commit.
    const issue = (op: StorageOp): IDBRequest | null => {
      try {
        const target = tx.objectStore(op.store)
        return op.value === null ? target.delete(op.key) : target.put(wholeBuffer(op.value), op.key)
      } catch (error) {
        failure.error = error
        tx.abort()
        return null
      }
    }
    if (options.handedOver) {
      // One request at a time, each issued from the previous one's success: the thread runs other tasks (a
      // produce, a fetch) between them instead of cloning every value in one long task.
      let next = 0
      const issueNext = (): void => {
        const op = ops[next++]
        const request = op === undefined ? null : issue(op)
        if (request) request.onsuccess = issueNext
      }
      issueNext()
    } else {
      for (const op of ops) if (!issue(op)) break
    }
    try {
      await done
    } catch (error) {
      throw 'error' in failure ? failure.error : error
    }
  }

  close(): Promise<void> {
    this.db.close()
    return Promise.resolve()
  }
}
