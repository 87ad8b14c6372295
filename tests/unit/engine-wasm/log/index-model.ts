// A naive model of how Kafka's LogSegment fills its OffsetIndex and TimeIndex (index.interval.bytes 4096),
// written from LogSegment.append and LogSegment.recover, producing the big-endian .index / .timeindex bytes.

export interface StoredBatch {
  size: number
  lastOffset: number
  maxTimestamp: number
}

interface IndexState {
  offsetEntries: [number, number][]
  timeEntries: [number, number][]
  maxTimestamp: number
  offsetOfMaxTimestamp: number
}

function newState(): IndexState {
  return { offsetEntries: [], timeEntries: [], maxTimestamp: -1, offsetOfMaxTimestamp: -1 }
}

function noteMax(state: IndexState, timestamp: number, offset: number): void {
  if (timestamp > state.maxTimestamp) {
    state.maxTimestamp = timestamp
    state.offsetOfMaxTimestamp = offset
  }
}

function maybeAppendTime(state: IndexState, baseOffset: number): void {
  const last = state.timeEntries.at(-1)?.[0] ?? -1
  if (state.maxTimestamp > last)
    state.timeEntries.push([state.maxTimestamp, state.offsetOfMaxTimestamp - baseOffset])
}

function toBytes(state: IndexState): { offsetIndex: Uint8Array; timeIndex: Uint8Array } {
  const offsetIndex = new Uint8Array(state.offsetEntries.length * 8)
  const offsets = new DataView(offsetIndex.buffer)
  state.offsetEntries.forEach(([relative, position], i) => {
    offsets.setInt32(i * 8, relative)
    offsets.setInt32(i * 8 + 4, position)
  })
  const timeIndex = new Uint8Array(state.timeEntries.length * 12)
  const times = new DataView(timeIndex.buffer)
  state.timeEntries.forEach(([timestamp, relative], i) => {
    times.setBigInt64(i * 12, BigInt(timestamp))
    times.setInt32(i * 12 + 8, relative)
  })
  return { offsetIndex, timeIndex }
}

/** LogSegment.append: one index check per append call, entry (largest offset of the call, its position). */
export function appendIndexes(baseOffset: number, appends: readonly (readonly StoredBatch[])[]) {
  const state = newState()
  let position = 0
  let bytesSinceLastIndexEntry = 0
  for (const batches of appends) {
    let largestTimestamp = -1
    let shallowOffset = -1
    for (const batch of batches) {
      if (batch.maxTimestamp > largestTimestamp) {
        largestTimestamp = batch.maxTimestamp
        shallowOffset = batch.lastOffset
      }
    }
    const size = batches.reduce((sum, batch) => sum + batch.size, 0)
    const largestOffset = batches.at(-1)?.lastOffset ?? 0
    noteMax(state, largestTimestamp, shallowOffset)
    if (bytesSinceLastIndexEntry > 4096) {
      state.offsetEntries.push([largestOffset - baseOffset, position])
      maybeAppendTime(state, baseOffset)
      bytesSinceLastIndexEntry = 0
    }
    bytesSinceLastIndexEntry += size
    position += size
  }
  return toBytes(state)
}

/** LogSegment.recover: the same rule per batch, then the largest timestamp is indexed. */
export function recoverIndexes(baseOffset: number, batches: readonly StoredBatch[]) {
  const state = newState()
  let validBytes = 0
  let lastIndexEntry = 0
  for (const batch of batches) {
    noteMax(state, batch.maxTimestamp, batch.lastOffset)
    if (validBytes - lastIndexEntry > 4096) {
      state.offsetEntries.push([batch.lastOffset - baseOffset, validBytes])
      maybeAppendTime(state, baseOffset)
      lastIndexEntry = validBytes
    }
    validBytes += batch.size
  }
  maybeAppendTime(state, baseOffset)
  return toBytes(state)
}
