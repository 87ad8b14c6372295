/**
 * The cleaner checkpoint of one partition: the first dirty offset, where the next cleaning starts (Kafka's
 * cleaner-offset-checkpoint file, one entry per partition there, one stored value per partition here).
 *
 * Key: `cleaner-offset-checkpoint/<topicId>/<partition>` in the `kafka` store. Value: UTF-8 text in the
 * checkpoint file format of Kafka (CheckpointFile): the version line `0`, the entry count `1`, then
 * `<topicId> <partition> <offset>`. Another version fails closed, as CheckpointReadBuffer does.
 */
const VERSION = 0
const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()

export function cleanerCheckpointKey(topicId: string, partition: number): string {
  return `cleaner-offset-checkpoint/${topicId}/${partition}`
}

export function encodeCleanerCheckpoint(topicId: string, partition: number, offset: number): Uint8Array {
  return utf8.encode(`${VERSION}\n1\n${topicId} ${partition} ${offset}\n`)
}

/** The checkpointed offset; throws on a version other than 0 or a malformed entry. */
export function decodeCleanerCheckpoint(bytes: Uint8Array): number {
  const [version, count, entry] = fromUtf8.decode(bytes).split('\n')
  if (version !== String(VERSION)) {
    throw new Error(`Unrecognized version of the cleaner-offset-checkpoint: ${version}`)
  }
  const offset = Number(entry?.split(' ')[2])
  if (count !== '1' || !Number.isSafeInteger(offset)) {
    throw new Error(`Malformed line in checkpoint file (cleaner-offset-checkpoint): '${entry ?? ''}'`)
  }
  return offset
}
