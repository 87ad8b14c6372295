/** The compression codecs of Kafka's RecordBatch v2: gzip, snappy (xerial), lz4 (Kafka's frame), zstd. */
export * from './compression-type.ts'
export { compress, decompress } from './codecs.ts'
