/** The Kafka log engine: RecordBatch v2 encoding and decoding and LogSegments, backed by log.wasm. */
export { LogEngine } from './log-engine.ts'
export { LogSegment } from './log-segment.ts'
export type { Allocate } from './log-wasm.ts'
export { MemoryRecordsBuilder, sizeOfVarlong, type BatchHeader } from './memory-records-builder.ts'
export * from './types.ts'
export * from './compression/index.ts'
export { batchSlices, compressionOfBatch } from './batch-compression.ts'
