/**
 * Translog: how a shard copy's operations are stored, so that a restarted node replays them. Layout in
 * the `es` store, under translogPrefix(uuid, shard):
 * - `b<batch number, 20 digits>`: envelope version 3, every operation of one shard write request (a primary's
 *   bulk items, a replica's write, a recovery) in the binary layout of translog-codec.ts, one value per request,
 *   as the Storage model asks (values are chunks, never one record). Envelope version 2, the same batch as a
 *   JSON array of ShardOperation, is the layout before it, still read (never written).
 * - `<seq_no, 20 digits>`: envelope version 1, one ShardOperation: the layout before batches, still read
 *   (never written) so that no document stored by an older version is lost.
 *
 * Invariants: a copy's batch numbers increase in the order its batches are built and are not reused while
 * the store holds them; keys list per-operation records first (digits sort before `b`), then batches in
 * batch order. Replay: per seq_no the operation of the newer primary term wins, of one term the one written
 * later (as a per-operation record overwritten under its key did); the result is in seq_no order.
 */
import { jsonPayload, openVersionedBytes, SEAL_HEADROOM, sealInPlace } from '../../storage/envelope.ts'
import { translogPrefix } from '../index/index-metadata.ts'
import { seqNoOf, type ShardOperation } from '../index/shard/index-shard.ts'
import { decodeTranslogOperations, encodeTranslogOperations } from './translog-codec.ts'

export const TRANSLOG_OPERATION_VERSION = 1
/** A batch as a JSON array, the layout before TRANSLOG_BATCH_VERSION. */
export const TRANSLOG_JSON_BATCH_VERSION = 2
export const TRANSLOG_BATCH_VERSION = 3
const BATCH_MARK = 'b'
const NUMBER_DIGITS = 20

export function translogBatchKey(uuid: string, shard: number, batch: number): string {
  return translogPrefix(uuid, shard) + BATCH_MARK + String(batch).padStart(NUMBER_DIGITS, '0')
}

export function sealTranslogBatch(operations: readonly ShardOperation[]): Uint8Array {
  // Sealed where it was written; copied only when the writer's buffer is longer than the batch (non-ASCII text).
  const written = encodeTranslogOperations(operations, SEAL_HEADROOM)
  return sealInPlace(
    TRANSLOG_BATCH_VERSION,
    written.byteLength === written.buffer.byteLength ? written : written.slice(),
  )
}

/** The batch number after every batch among `keys` (full keys under `prefix`), 0 when there is none. */
export function nextTranslogBatch(keys: readonly string[], prefix: string): number {
  let next = 0
  for (const key of keys) {
    if (!key.startsWith(prefix + BATCH_MARK)) continue
    next = Math.max(next, Number(key.slice(prefix.length + BATCH_MARK.length)) + 1)
  }
  return next
}

/** The highest seq_no among `operations` (-1 for none). */
export function maxSeqNoOf(operations: readonly ShardOperation[]): number {
  let max = -1
  for (const operation of operations) max = Math.max(max, seqNoOf(operation))
  return max
}

/** The lowest batch number among `keys` (full keys under `prefix`), null when there is none. */
export function firstTranslogBatch(keys: readonly string[], prefix: string): number | null {
  let first: number | null = null
  for (const key of keys) {
    if (!key.startsWith(prefix + BATCH_MARK)) continue
    const batch = Number(key.slice(prefix.length + BATCH_MARK.length))
    first = first === null ? batch : Math.min(first, batch)
  }
  return first
}

/**
 * The keys among `keys` (full keys under `prefix`) that a commit holding every batch below `generation` trims:
 * those batches, and every per-operation record (an older version's, replayed into the copy before any commit).
 */
export function trimmedTranslogKeys(keys: readonly string[], prefix: string, generation: number): string[] {
  return keys.filter((key) => {
    if (!key.startsWith(prefix)) return false
    if (!key.startsWith(prefix + BATCH_MARK)) return true
    return Number(key.slice(prefix.length + BATCH_MARK.length)) < generation
  })
}

/** A copy's stored records (key and value, ascending by key) as the operations to replay, in seq_no order. */
export function replayTranslog(records: ReadonlyArray<readonly [string, Uint8Array]>): ShardOperation[] {
  const bySeqNo = new Map<number, ShardOperation>()
  for (const [key, record] of records) {
    const what = `translog ${key}`
    const { version, payload } = openVersionedBytes(
      record,
      [TRANSLOG_OPERATION_VERSION, TRANSLOG_JSON_BATCH_VERSION, TRANSLOG_BATCH_VERSION],
      what,
    )
    const operations =
      version === TRANSLOG_BATCH_VERSION
        ? decodeTranslogOperations(payload, what)
        : version === TRANSLOG_JSON_BATCH_VERSION
          ? (jsonPayload(payload) as ShardOperation[])
          : [jsonPayload(payload) as ShardOperation]
    for (const operation of operations) {
      const seqNo = seqNoOf(operation)
      const kept = bySeqNo.get(seqNo)
      if (kept === undefined || primaryTermOf(operation) >= primaryTermOf(kept)) bySeqNo.set(seqNo, operation)
    }
  }
  return [...bySeqNo.values()].sort((a, b) => seqNoOf(a) - seqNoOf(b))
}

function primaryTermOf(operation: ShardOperation): number {
  return operation.op === 'index' ? operation.doc.primaryTerm : operation.primaryTerm
}
