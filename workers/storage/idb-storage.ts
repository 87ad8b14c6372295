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
 *
 * A broker's storage (opened with `writer`) therefore hands those writes to a writer worker (idb-writer.ts): their
 * buffers are transferred, not copied, the writer makes the puts (in turn, as above) on its own thread and gives
 * the buffers back. It starts at the first handed-over write; that write, and every one until the writer's
 * connection is open, is made here, so opening the storage (a broker's start, a reload) does not wait for it.
 * Writes keep the order of the calls across the two connections (see `write`), and a read called while a write
 * is with the writer starts once it settled. Why (kafka-latency page, 50,000 records/s, performance.now() stamps
 * along each produce request's path): a put held the broker's thread 0.7-1.2 ms at the median and up to 35-141 ms
 * (about 1 s of the three brokers' 12 s), and the batches of the slowest 1% of records lay over such puts, which
 * held the leader's answers to its followers (53-65 ms in one run); with the writer no broker thread puts.
 * Alternating pairs of `bench --only kafka-latency --runs 3` at load 15-18 (other work on the 2 cores): p99
 * 15.9 / 68.2 / 198.7 ms without the writer against 13.4 / 50.8 / 64.9 ms with it.
 */
import { openDB, unwrap, type IDBPDatabase } from 'idb'
import { STORES, type Storage, type StorageOp, type WriteOptions } from './storage.ts'
import type { WriterMessage, WriterRequest } from './idb-writer.ts'

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

/** One write, in the order of the calls: where it went, whether its requests are issued, and when all writes up to it settled. */
interface WriteTurn {
  viaWriter: boolean
  issued: boolean
  whenIssued: Promise<void>
  /** Settles once this write and every earlier one have settled. */
  settled: Promise<void>
}

interface PendingReply {
  resolve: () => void
  reject: (error: unknown) => void
  giveBack: ((buffers: ArrayBuffer[]) => void) | undefined
}

export class IdbStorage implements Storage {
  /** The database without idb's wrapping, for writes. */
  private readonly plain: IDBDatabase
  /** Whether handed-over writes go to a writer worker (idb-writer.ts): asked for at open, false once one failed. */
  private wantsWriter: boolean
  /** The writer, started at the first handed-over write; `ready` once its connection is open. */
  private writer: { worker: Worker; ready: boolean } | null = null
  private readonly replies = new Map<number, PendingReply>()
  private nextRequestId = 0
  private lastTurn: WriteTurn | null = null
  /** Writes not settled yet that went to the writer or waited for it: reads wait for them. */
  private crossingTurns = 0

  private constructor(
    private readonly db: IDBPDatabase,
    private readonly name: string,
    writer: boolean,
  ) {
    this.plain = unwrap(db)
    this.wantsWriter = writer && typeof Worker === 'function'
  }

  /** Opens the database; with `writer`, handed-over writes go to a writer worker (where a worker can start one). */
  static async open(name: string, { writer = false }: { writer?: boolean } = {}): Promise<IdbStorage> {
    const db = await openDB(name, DB_VERSION, {
      upgrade(database) {
        for (const store of STORES) {
          if (!database.objectStoreNames.contains(store)) database.createObjectStore(store)
        }
      },
    })
    return new IdbStorage(db, name, writer)
  }

  get(store: string, key: string): Promise<Uint8Array | undefined> {
    return this.afterEarlierWrites(async () => {
      const value = (await this.db.get(store, key)) as ArrayBuffer | undefined
      return value === undefined ? undefined : new Uint8Array(value)
    })
  }

  keys(store: string, prefix = ''): Promise<string[]> {
    return this.afterEarlierWrites(async () =>
      (await this.db.getAllKeys(store, prefixRange(prefix))).map(String),
    )
  }

  /** One read-only transaction: getAllKeys and getAll over the same range list the same records in order. */
  entries(store: string, prefix: string): Promise<Array<[string, Uint8Array]>> {
    return this.afterEarlierWrites(async () => {
      const tx = this.db.transaction(store, 'readonly')
      const range = prefixRange(prefix)
      const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)])
      await tx.done
      return keys
        .map(String)
        .map((key, i): [string, Uint8Array] => [key, new Uint8Array(values[i] as ArrayBuffer)])
    })
  }

  /**
   * Applies the write here or, handed over, in the writer worker. Writes keep the order of the calls: one on the
   * same connection as the previous write is issued once that one is (IndexedDB then orders them), one on the other
   * connection once every earlier write has settled (IndexedDB orders two connections' transactions only by when
   * each reached it).
   */
  write(ops: StorageOp[], options: WriteOptions = {}): Promise<void> {
    if (ops.length === 0) return Promise.resolve()
    const writer = options.handedOver ? this.readyWriter() : null
    const previous = this.lastTurn
    const viaWriter = writer !== null
    const wait =
      previous === null
        ? null
        : previous.viaWriter !== viaWriter
          ? previous.settled
          : previous.issued
            ? null
            : previous.whenIssued
    let markIssued = (): void => undefined
    const whenIssued = new Promise<void>((resolve) => (markIssued = resolve))
    const turn: WriteTurn = { viaWriter, issued: false, whenIssued, settled: Promise.resolve() }
    const issue = (): Promise<void> => {
      // A writer that failed while this write waited is gone: the write is then made here.
      const outcome =
        writer && writer === this.writer?.worker
          ? this.sendToWriter(writer, ops, options.giveBack)
          : this.writeHere(ops, options.handedOver === true)
      turn.issued = true
      markIssued()
      return outcome
    }
    const outcome = wait === null ? issue() : wait.then(issue)
    const crossing = viaWriter || wait !== null
    turn.settled = Promise.allSettled([outcome, previous?.settled]).then(() => {
      if (crossing) this.crossingTurns--
    })
    if (crossing) this.crossingTurns++
    this.lastTurn = turn
    return outcome
  }

  async close(): Promise<void> {
    await this.lastTurn?.settled
    this.db.close()
    this.writer?.worker.terminate()
  }

  /**
   * Starts a read (its requests issued at once when `read` runs) after every earlier write that IndexedDB does not
   * order before it here: while a write went to the writer, or waited for it, after all writes so far settled, and
   * before the writes called after it.
   */
  private afterEarlierWrites<T>(read: () => Promise<T>): Promise<T> {
    return this.crossingTurns > 0 && this.lastTurn ? this.lastTurn.settled.then(read) : read()
  }

  /** One readwrite transaction on this thread's connection. */
  private async writeHere(ops: StorageOp[], inTurn: boolean): Promise<void> {
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
    if (inTurn) {
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

  /**
   * The writer if it is ready. The first call starts it; until its connection is open, handed-over writes are made
   * here, so neither opening the storage (a broker's start, a reload) nor the first writes wait for it.
   */
  private readyWriter(): Worker | null {
    if (!this.wantsWriter) return null
    if (this.writer === null) {
      const worker = new Worker(new URL('../idb-writer.worker.ts', import.meta.url), {
        type: 'module',
        name: this.name,
      })
      this.writer = { worker, ready: false }
      this.serve(worker)
      return null
    }
    return this.writer.ready ? this.writer.worker : null
  }

  /**
   * Takes the writer's messages: ready, and each write's outcome. If the writer fails (its connection did not open,
   * its script did not load or threw), every write in flight there fails and later handed-over writes are made here.
   */
  private serve(worker: Worker): void {
    const fail = (error: unknown): void => {
      for (const pending of this.replies.values()) pending.reject(error)
      this.replies.clear()
      this.wantsWriter = false
      this.writer = null
      worker.terminate()
    }
    worker.onmessage = ({ data }: MessageEvent<WriterMessage>) => {
      if (data.kind === 'ready') {
        if (this.writer?.worker === worker) this.writer.ready = true
        return
      }
      if (data.kind === 'failed') return fail(data.error)
      const pending = this.replies.get(data.id)
      if (!pending) return
      this.replies.delete(data.id)
      pending.giveBack?.(data.buffers)
      if (data.ok) pending.resolve()
      else pending.reject(data.error)
    }
    worker.onerror = (event) => {
      event.preventDefault()
      fail(new Error(`IndexedDB writer failed: ${event.message}`))
    }
  }

  /** Transfers the values' buffers (copies of the views that do not span theirs) to the writer, which applies the write. */
  private sendToWriter(
    writer: Worker,
    ops: StorageOp[],
    giveBack: ((buffers: ArrayBuffer[]) => void) | undefined,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // A value that cannot be sent (a detached buffer) throws here, before anything is sent: the write rejects.
      const sent = ops.map((op) =>
        op.value === null ? op : { ...op, value: new Uint8Array(wholeBuffer(op.value)) },
      )
      const transfer = [...new Set(sent.flatMap((op) => (op.value ? [op.value.buffer as ArrayBuffer] : [])))]
      const id = this.nextRequestId++
      writer.postMessage({ id, ops: sent } satisfies WriterRequest, transfer)
      this.replies.set(id, { resolve, reject, giveBack })
    })
  }
}
