/**
 * Storage: the one persistence interface of brokers and nodes. Two implementations share it: the
 * IndexedDB one (idb-storage.ts, in workers) and the in-memory twin (memory-storage.ts, in tests and
 * the headless runner). Chosen by URL, as duckdb-wasm and pglite do: `idb://<database>` or `memory://`.
 *
 * Model: named stores, each a map from string keys to byte values. Values are whole chunks (a segment's
 * bytes, a batch of translog operations, a JSON metadata record), never one record or one document:
 * IndexedDB takes about 10,000 small puts per second but hundreds of MB/s in large values.
 *
 * Invariants: `write` applies all of its operations or none of them, each value as it was at the call (or,
 * handed over, as it stays). Keys are listed in ascending code-unit order. A stored value is returned as a
 * fresh copy the caller owns.
 */
export interface StorageOp {
  store: string
  key: string
  /** The new value; null deletes the key. */
  value: Uint8Array | null
}

export interface WriteOptions {
  /**
   * The caller hands the values' buffers over: it never changes them after the call, so the storage may take
   * each value when it gets to it rather than at the call, or move (transfer) its buffer elsewhere, which detaches
   * it for the caller (the LogFlusher's chunks, fresh copies of the log).
   */
  handedOver?: boolean
  /**
   * For handed-over values: a storage that moves their buffers elsewhere (IdbStorage transfers them to its writer
   * worker, which detaches them here) gives them back through this, once it is done with them, before the write
   * settles. A storage that leaves them in place never calls it.
   */
  giveBack?: (buffers: ArrayBuffer[]) => void
}

export interface Storage {
  get(store: string, key: string): Promise<Uint8Array | undefined>
  /** Every key in the store that starts with prefix, ascending. */
  keys(store: string, prefix?: string): Promise<string[]>
  /** Every key that starts with prefix and its value, ascending by key, read at one point in time. */
  entries(store: string, prefix: string): Promise<Array<[string, Uint8Array]>>
  /** Atomically applies every operation, in order. */
  write(ops: StorageOp[], options?: WriteOptions): Promise<void>
  close(): Promise<void>
}

/** The stores every Storage provides. */
export const STORES = ['kafka', 'es', 'console'] as const
export type StoreName = (typeof STORES)[number]
