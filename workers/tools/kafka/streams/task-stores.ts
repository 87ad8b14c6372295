/**
 * The key-value stores of the active tasks, in memory, each logged to its changelog: a put writes the key and
 * value to partition <task partition> of `<application.id>-<store>-changelog` (ChangeLoggingKeyValueBytesStore,
 * the value without the timestamped store's 8-byte prefix). A task that is assigned again restores its stores
 * first (StoreChangelogReader): its changelog partitions are read with the restore consumer (no group) from the
 * beginning up to their end offset at that moment, the last value of each key winning and a null value removing
 * it. Keys are held by their text; the changelog key bytes are that text's UTF-8.
 */
import type { Consumer, Producer, TopicPartition } from '../../../clients/kafka/api.ts'
import type { KeyValueStore } from './topology.ts'

const decoder = new TextDecoder()
const encoder = new TextEncoder()
const RESTORE_POLL_MS = 100

/** Bytes.BYTES_LEXICO_COMPARATOR: unsigned, byte by byte, a prefix first. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0)
    if (diff !== 0) return diff
  }
  return a.length - b.length
}

export class TaskStores {
  private readonly stores = new Map<string, Map<string, Uint8Array>>()

  constructor(
    private readonly producer: Producer,
    private readonly restoreConsumer: Consumer,
    private readonly onSendError: (error: unknown) => void,
  ) {}

  private static key(changelog: TopicPartition): string {
    return `${changelog.topic}-${changelog.partition}`
  }

  /** The store whose changes go to this changelog partition (restored before by restore()). */
  store(changelog: TopicPartition): KeyValueStore {
    const entries = this.stores.get(TaskStores.key(changelog)) ?? new Map<string, Uint8Array>()
    this.stores.set(TaskStores.key(changelog), entries)
    return {
      get: (key) => entries.get(key),
      all: () => [...entries].sort(([a], [b]) => compareBytes(encoder.encode(a), encoder.encode(b))),
      put: (key, value, timestamp) => {
        entries.set(key, value)
        this.producer
          .send({ ...changelog, key: encoder.encode(key), value, timestamp })
          .catch((error: unknown) => this.onSendError(error))
      },
    }
  }

  /** Restores these changelog partitions from their beginning to their current end. */
  async restore(changelogs: readonly TopicPartition[]): Promise<void> {
    for (const changelog of changelogs) {
      const entries = new Map<string, Uint8Array>()
      this.stores.set(TaskStores.key(changelog), entries)
      await this.restoreConsumer.assign([changelog])
      await this.restoreConsumer.seekToBeginning([changelog])
      const [end] = await this.restoreConsumer.endOffsets([changelog])
      const endOffset = end?.offset ?? 0
      while ((await this.restoreConsumer.position(changelog)) < endOffset) {
        for (const record of await this.restoreConsumer.poll(RESTORE_POLL_MS)) {
          if (record.offset >= endOffset || record.key === null) continue
          const key = decoder.decode(record.key)
          if (record.value === null) entries.delete(key)
          else entries.set(key, record.value)
        }
      }
    }
  }

  /** A revoked task's stores are closed (the changelog keeps them). */
  drop(changelogs: readonly TopicPartition[]): void {
    for (const changelog of changelogs) this.stores.delete(TaskStores.key(changelog))
  }
}
