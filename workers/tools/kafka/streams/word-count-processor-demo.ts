/**
 * org.apache.kafka.streams.examples.wordcount.WordCountProcessorDemo (Kafka 4.1's streams-examples jar), the
 * Processor API word count: application.id streams-wordcount-processor, source streams-plaintext-input, one
 * processor with the in-memory store `Counts` (String keys, Integer values, logged to
 * streams-wordcount-processor-Counts-changelog), sink streams-wordcount-processor-output. Each line is lowercased
 * and split on `\\W+`, each word's count put into the store; every second of stream time the punctuator prints
 * `----------- <stream time> ----------- ` and one `[word, count]` line per entry in key order on stdout, and
 * forwards each entry with the count as a String, stamped with the stream time.
 */
import { javaSplit } from '../java-lang.ts'
import { deserializeString, serializeString } from './serdes.ts'
import type { StreamsApplication } from './topology.ts'

const STORE = 'Counts'
const OUTPUT = { user: 'streams-wordcount-processor-output' }

function intBytes(value: number): Uint8Array {
  const bytes = new Uint8Array(4)
  new DataView(bytes.buffer).setInt32(0, value)
  return bytes
}

function intOf(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0)
}

export const WORD_COUNT_PROCESSOR_DEMO: StreamsApplication = {
  applicationId: 'streams-wordcount-processor',
  persistentStores: false,
  subTopologies: [
    {
      sources: [{ user: 'streams-plaintext-input' }],
      stores: [STORE],
      process(record, task) {
        const line = deserializeString(record.value)
        if (line === null) return
        const store = task.store(STORE)
        for (const word of javaSplit(line.toLowerCase(), '\\W+')) {
          const old = store.get(word)
          store.put(word, intBytes(old === undefined ? 1 : (intOf(old) + 1) | 0), record.timestamp)
        }
      },
      punctuation: {
        intervalMs: 1000,
        punctuate(streamTime, task) {
          task.println(`----------- ${streamTime} ----------- `)
          for (const [word, count] of task.store(STORE).all()) {
            task.println(`[${word}, ${intOf(count)}]`)
            task.forward(OUTPUT, {
              key: serializeString(word),
              value: serializeString(String(intOf(count))),
              timestamp: streamTime,
              headers: [],
            })
          }
        },
      },
    },
  ],
}
