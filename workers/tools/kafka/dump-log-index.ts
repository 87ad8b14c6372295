/**
 * kafka-dump-log on a segment's .index and .timeindex (DumpLogSegments.dumpIndex / dumpTimeIndex, Kafka
 * 4.1). The .index holds 8-byte entries (relative offset int32, position int32), the .timeindex 12-byte
 * entries (timestamp int64, relative offset int32), big-endian. Both open the segment's .log first. The
 * dump stops at the first entry after the first whose offset is the base offset again (the zero tail of a
 * preallocated index). An .index entry is checked against the last offset of the batch at its position;
 * a .timeindex entry against the batch that ends at its offset and that batch's largest record timestamp.
 * --verify-index-only prints no entries; --index-sanity-check runs the sanity check only.
 */
import type { DecodedBatch } from '../../../engine-wasm/src/log/types.ts'
import type { HostFiles, ToolOutput } from '../tool.ts'
import type { DumpLogErrors } from './dump-log-errors.ts'
import { baseOffsetOf, fileBatches, readFile, siblingFile } from './dump-log-files.ts'
import type { DumpLogSettings } from './dump-log-options.ts'
import { JavaException } from './java-exception.ts'

interface IndexEntry {
  offset: number
  /** The position (.index) or timestamp (.timeindex). */
  value: number
}

/**
 * The file's entries; the dump stops at the zero tail (an entry after the first whose offset is the base
 * offset), the sanity check reads them all, as the index's entry count covers the whole file.
 */
function entries(bytes: Uint8Array, baseOffset: number, timeIndex: boolean, wholeFile = false): IndexEntry[] {
  const size = timeIndex ? 12 : 8
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const found: IndexEntry[] = []
  for (let at = 0; at + size <= bytes.length; at += size) {
    const offset = baseOffset + view.getInt32(timeIndex ? at + 8 : at)
    if (offset === baseOffset && found.length > 0 && !wholeFile) break
    found.push({ offset, value: timeIndex ? Number(view.getBigInt64(at)) : view.getInt32(at + 4) })
  }
  return found
}

async function openSegment(files: HostFiles, path: string, settings: DumpLogSettings) {
  const baseOffset = baseOffsetOf(path)
  const log = await readFile(files, siblingFile(path, '.log'))
  return { baseOffset, batches: fileBatches(files, log, settings.maxBytes).batches }
}

function sanityChecked(out: ToolOutput, path: string, corruption: string | null): void {
  if (corruption !== null) {
    throw new JavaException('org.apache.kafka.storage.internals.log.CorruptIndexException', corruption)
  }
  out.stdout(`${path} passed sanity check.\n`)
}

export async function dumpIndex(
  files: HostFiles,
  path: string,
  settings: DumpLogSettings,
  errors: DumpLogErrors,
  out: ToolOutput,
): Promise<void> {
  const { baseOffset, batches } = await openSegment(files, path, settings)
  const bytes = await readFile(files, path)
  const index = entries(bytes, baseOffset, false)
  if (index.length === 0) {
    out.stdout(`${path} is empty.\n`)
    return
  }
  if (settings.indexSanityOnly) {
    const last = entries(bytes, baseOffset, false, true).pop()
    sanityChecked(
      out,
      path,
      last !== undefined && last.offset < baseOffset
        ? `Corrupt index found, index file (${path}) has non-zero size but the last offset is ${last.offset} which is less than the base offset ${baseOffset}.`
        : null,
    )
    return
  }
  for (const { offset, value: position } of index) {
    const batch = batches.find((b) => b.position === position)
    if (batch === undefined || batch.batchLength + 12 > settings.maxMessageSize) {
      throw new JavaException('java.util.NoSuchElementException', null)
    }
    if (batch.lastOffset !== offset) errors.indexMismatch(path, offset, batch.lastOffset)
    if (!settings.verifyOnly) out.stdout(`offset: ${offset} position: ${position}\n`)
  }
}

/** OffsetIndex.lookup: the position of the largest entry at or below `offset`, else 0. */
function lookup(index: readonly IndexEntry[], offset: number): number {
  let position = 0
  for (const entry of index) if (entry.offset <= offset) position = entry.value
  return position
}

function maxRecordTimestamp(batch: DecodedBatch): number {
  return batch.records.reduce((max, record) => Math.max(max, record.timestamp), -1)
}

export async function dumpTimeIndex(
  files: HostFiles,
  path: string,
  settings: DumpLogSettings,
  errors: DumpLogErrors,
  out: ToolOutput,
): Promise<void> {
  const { baseOffset, batches } = await openSegment(files, path, settings)
  const index = entries(await readFile(files, siblingFile(path, '.index')), baseOffset, false)
  const bytes = await readFile(files, path)
  const timeIndex = entries(bytes, baseOffset, true)
  if (settings.indexSanityOnly) {
    const all = entries(bytes, baseOffset, true, true)
    const first = all[0]
    const last = all[all.length - 1]
    let corruption: string | null = null
    if (first !== undefined && last !== undefined && last.value < first.value) {
      corruption = `Corrupt time index found, time index file (${path}) has non-zero size but the last timestamp is ${last.value} which is less than the first timestamp ${first.value}`
    }
    sanityChecked(out, path, corruption)
    return
  }
  let previousTimestamp = -1
  for (const { offset, value: timestamp } of timeIndex) {
    const from = lookup(index, offset)
    const batch = batches.find((b) => b.position >= from && b.lastOffset >= offset)
    if (batch === undefined) errors.offsetNotFound(path, offset, -1)
    else if (batch.lastOffset !== offset) errors.offsetNotFound(path, offset, batch.lastOffset)
    else {
      const max = maxRecordTimestamp(batch)
      if (max !== timestamp) errors.timestampMismatch(path, timestamp, max)
      if (previousTimestamp >= timestamp) errors.outOfOrderTimestamp(path, timestamp, previousTimestamp)
    }
    if (!settings.verifyOnly) out.stdout(`timestamp: ${timestamp} offset: ${offset}\n`)
    previousTimestamp = timestamp
  }
}
