/**
 * OffsetMap: for every key of the dirty section of a log, the offset of its latest record, and the latest
 * offset the map has seen (Kafka's OffsetMap, which SkimpyOffsetMap implements). The cleaner keeps a record
 * only when its offset is at least the map's offset for its key.
 *
 * Kafka's SkimpyOffsetMap stores 16-byte MD5 digests in a fixed buffer (log.cleaner.dedupe.buffer.size), so
 * two keys may collide and a full map cleans only part of the dirty section per round. This map keys by the
 * exact key bytes and has no size limit: one round always covers the whole cleanable range.
 */
export class OffsetMap {
  private readonly offsets = new Map<string, number>()
  private latest = -1

  private static id(key: Uint8Array): string {
    let id = ''
    for (const byte of key) id += String.fromCharCode(byte)
    return id
  }

  put(key: Uint8Array, offset: number): void {
    this.offsets.set(OffsetMap.id(key), offset)
    this.latest = Math.max(this.latest, offset)
  }

  /** The key's latest offset, or -1 when the map does not hold it (SkimpyOffsetMap.get). */
  get(key: Uint8Array): number {
    return this.offsets.get(OffsetMap.id(key)) ?? -1
  }

  /** The latest offset seen, including batches without keyed records and offset gaps; -1 when empty. */
  get latestOffset(): number {
    return this.latest
  }

  updateLatestOffset(offset: number): void {
    this.latest = Math.max(this.latest, offset)
  }

  get size(): number {
    return this.offsets.size
  }
}
