/**
 * org.apache.kafka.streams.examples.wordcount.WordCountDemo (Kafka 4.1's streams-examples jar):
 * application.id streams-wordcount, String serdes, statestore.cache.max.bytes 0, auto.offset.reset earliest.
 *
 *   builder.stream("streams-plaintext-input")
 *     .flatMapValues(value -> Arrays.asList(value.toLowerCase(Locale.getDefault()).split("\\W+")))
 *     .groupBy((key, value) -> value)
 *     .count()
 *     .toStream().to("streams-wordcount-output", Produced.with(Serdes.String(), Serdes.Long()))
 *
 * Node numbering makes the store KSTREAM-AGGREGATE-STATE-STORE-0000000003, so groupBy's repartition topic is
 * streams-wordcount-KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition and the count's changelog
 * streams-wordcount-KSTREAM-AGGREGATE-STATE-STORE-0000000003-changelog. Sub-topology 0 splits each line and writes
 * every word to the repartition topic (key and value the word); sub-topology 1 reads it back, adds one to the
 * word's count in the store (logged to the changelog) and, with no cache, emits each new count at once.
 */
import { javaSplit } from '../java-lang.ts'
import { deserializeLong, deserializeString, serializeLong, serializeString } from './serdes.ts'
import type { StreamsApplication, SubTopology } from './topology.ts'

const STORE = 'KSTREAM-AGGREGATE-STATE-STORE-0000000003'
const REPARTITION = { repartition: STORE }

/** flatMapValues' mapper: the line lowercased and split on non-word characters (String.split, trailing empties dropped). */
export function wordsOf(line: string): string[] {
  return javaSplit(line.toLowerCase(), '\\W+')
}

const splitAndRekey: SubTopology = {
  sources: [{ user: 'streams-plaintext-input' }],
  stores: [],
  process(record, task) {
    const line = deserializeString(record.value)
    if (line === null) return
    for (const word of wordsOf(line)) {
      const bytes = serializeString(word)
      task.forward(REPARTITION, { ...record, key: bytes, value: bytes })
    }
  },
}

const count: SubTopology = {
  sources: [REPARTITION],
  stores: [STORE],
  process(record, task) {
    const word = deserializeString(record.key)
    if (word === null) return
    const store = task.store(STORE)
    const counted = (deserializeLong(store.get(word) ?? null) ?? 0n) + 1n
    const value = serializeLong(counted) ?? new Uint8Array(8)
    store.put(word, value, record.timestamp)
    task.forward({ user: 'streams-wordcount-output' }, { ...record, value })
  },
}

export const WORD_COUNT_DEMO: StreamsApplication = {
  applicationId: 'streams-wordcount',
  persistentStores: true,
  subTopologies: [splitAndRekey, count],
}
