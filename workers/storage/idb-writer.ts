/**
 * IdbWriter: the writer worker's side of IdbStorage's handed-over writes (idb-writer.worker.ts runs it). IndexedDB's
 * put clones its value on the thread that calls it (1.2-2.5 ms per MiB in this Chromium, see idb-storage.ts), so
 * a broker hands its flushed chunks to this worker, their buffers transferred rather than copied, and its own thread
 * stays free for produce and fetch requests while the chunks are cloned here.
 *
 * Protocol: the worker is named after the database it serves and opens a connection of its own to it at once, then
 * posts `ready` (or `failed`); only then does IdbStorage send requests. A WriterRequest carries one write's
 * operations, the values' buffers transferred. Requests are applied in the order they arrive, each as one IndexedDB
 * transaction (all or nothing) whose puts are issued in turn, and each is answered (`done`) once its transaction
 * has settled: its error if it failed, and the values' buffers transferred back.
 */
import type { StorageOp } from './storage.ts'
import { IdbStorage } from './idb-storage.ts'

export interface WriterRequest {
  id: number
  /** Each value spans its whole buffer, which the request transfers. */
  ops: StorageOp[]
}

/** What the writer posts: once, whether its connection opened; then each request's outcome. */
export type WriterMessage =
  | { kind: 'ready' }
  | { kind: 'failed'; error: unknown }
  | ({ kind: 'done'; id: number; buffers: ArrayBuffer[] } & ({ ok: true } | { ok: false; error: unknown }))

/** The worker's global scope, as far as the writer uses it: `name` is the database's. */
export interface WriterEndpoint {
  name: string
  onmessage: ((event: MessageEvent<WriterRequest>) => void) | null
  postMessage(message: WriterMessage, transfer: Transferable[]): void
}

export function serveWrites(endpoint: WriterEndpoint): void {
  IdbStorage.open(endpoint.name).then(
    (storage) => {
      endpoint.onmessage = ({ data: { id, ops } }) => {
        const buffers = [...new Set(ops.flatMap((op) => (op.value ? [op.value.buffer as ArrayBuffer] : [])))]
        storage.write(ops, { handedOver: true }).then(
          () => endpoint.postMessage({ kind: 'done', id, buffers, ok: true }, buffers),
          (error: unknown) => endpoint.postMessage({ kind: 'done', id, buffers, ok: false, error }, buffers),
        )
      }
      endpoint.postMessage({ kind: 'ready' }, [])
    },
    (error: unknown) => endpoint.postMessage({ kind: 'failed', error }, []),
  )
}
