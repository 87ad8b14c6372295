/**
 * The exports of engine-wasm/build/log.wasm (source: engine-wasm/assembly/log/index.ts, which documents the
 * protocol) and the check that a loaded instance has them. Pointers and sizes are i32; offsets and
 * timestamps are f64; a negative status is -(error code) with details in the result slots.
 */
export interface LogExports {
  memory: WebAssembly.Memory
  reserveInput(length: number): number
  outputPointer(): number
  resultsPointer(): number
  inputCrc32c(length: number): number
  decodeBatches(length: number): number
  segmentNew(baseOffset: number): number
  segmentFree(handle: number): void
  segmentAppend(handle: number, length: number, checkRecords: number): number
  segmentLoad(handle: number, length: number): void
  segmentRecover(handle: number): number
  segmentTruncateTo(handle: number, offset: number): number
  segmentRead(handle: number, startOffset: number, maxBytes: number): number
  segmentOffsetForTimestamp(handle: number, timestamp: number): number
  segmentNextOffset(handle: number): number
  segmentMaxTimestamp(handle: number): number
  logPageSize(): number
  segmentLogAt(handle: number, position: number): number
  segmentLogSize(handle: number): number
  segmentOffsetIndexPointer(handle: number): number
  segmentOffsetIndexSize(handle: number): number
  segmentTimeIndexPointer(handle: number): number
  segmentTimeIndexSize(handle: number): number
}

const FUNCTIONS = [
  'reserveInput',
  'outputPointer',
  'resultsPointer',
  'inputCrc32c',
  'decodeBatches',
  'segmentNew',
  'segmentFree',
  'segmentAppend',
  'segmentLoad',
  'segmentRecover',
  'segmentTruncateTo',
  'segmentRead',
  'segmentOffsetForTimestamp',
  'segmentNextOffset',
  'segmentMaxTimestamp',
  'logPageSize',
  'segmentLogAt',
  'segmentLogSize',
  'segmentOffsetIndexPointer',
  'segmentOffsetIndexSize',
  'segmentTimeIndexPointer',
  'segmentTimeIndexSize',
] as const satisfies readonly (keyof LogExports)[]

/** Returns the instance's exports typed, or throws when log.wasm is not the module that was loaded. */
export function bindLogExports(exports: WebAssembly.Exports): LogExports {
  const missing = FUNCTIONS.filter((name) => typeof exports[name] !== 'function')
  if (missing.length > 0 || exports['memory'] === undefined) {
    throw new Error(`log.wasm is missing exports: ${[...missing, 'memory'].join(', ')}`)
  }
  return exports as unknown as LogExports
}
