/**
 * Per-partition offset checkpoints, as Kafka keeps them in checkpoint files of its log dir:
 * `cleaner-offset-checkpoint` (the first dirty offset, where the next cleaning starts) and
 * `replication-offset-checkpoint` (the high watermark, so a restarted replica never treats as committed
 * what its followers may not hold) and `log-start-offset-checkpoint` (the log start offset, which
 * DeleteRecords may have moved inside a segment). One stored value per partition here, one entry per partition there.
 *
 * Key: `<file>/<topicId>/<partition>` in the `kafka` store. Value: UTF-8 text in the checkpoint file format
 * of Kafka (CheckpointFile): the version line `0`, the entry count `1`, then `<topicId> <partition> <offset>`.
 * Another version fails closed, as CheckpointReadBuffer does.
 */
export type CheckpointFile =
  'cleaner-offset-checkpoint' | 'replication-offset-checkpoint' | 'log-start-offset-checkpoint'

const VERSION = 0
const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()

export function checkpointKey(file: CheckpointFile, topicId: string, partition: number): string {
  return `${file}/${topicId}/${partition}`
}

export function encodeCheckpoint(topicId: string, partition: number, offset: number): Uint8Array {
  return utf8.encode(`${VERSION}\n1\n${topicId} ${partition} ${offset}\n`)
}

/** The checkpointed offset; throws on a version other than 0 or a malformed entry. */
export function decodeCheckpoint(file: CheckpointFile, bytes: Uint8Array): number {
  const [version, count, entry] = fromUtf8.decode(bytes).split('\n')
  if (version !== String(VERSION)) {
    throw new Error(`Unrecognized version of the ${file}: ${version}`)
  }
  const offset = Number(entry?.split(' ')[2])
  if (count !== '1' || !Number.isSafeInteger(offset)) {
    throw new Error(`Malformed line in checkpoint file (${file}): '${entry ?? ''}'`)
  }
  return offset
}
