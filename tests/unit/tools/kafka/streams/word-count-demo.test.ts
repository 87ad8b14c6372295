// WordCountDemo's topology (workers/tools/kafka/streams/word-count-demo.ts): the words of a line as
// String.split("\\W+") gives them, each word through the repartition topic, and one count update per word.
import { describe, expect, it } from 'vitest'
import { WORD_COUNT_DEMO, wordsOf } from '../../../../../workers/tools/kafka/streams/word-count-demo.ts'
import { PIPE_DEMO } from '../../../../../workers/tools/kafka/streams/pipe-demo.ts'
import { deserializeLong, serializeLong } from '../../../../../workers/tools/kafka/streams/serdes.ts'
import type {
  StreamsRecord,
  TaskContext,
  TopicName,
} from '../../../../../workers/tools/kafka/streams/topology.ts'

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)
const decode = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : new TextDecoder().decode(bytes)

/** A task context that keeps what a processor forwards and one store per name, with its changelog writes. */
function task() {
  const forwarded: Array<{ topic: TopicName; record: StreamsRecord }> = []
  const stores = new Map<string, Map<string, Uint8Array>>()
  const logged: string[] = []
  const printed: string[] = []
  const context: TaskContext = {
    forward: (topic, record) => forwarded.push({ topic, record }),
    store: (name) => {
      const entries = stores.get(name) ?? new Map<string, Uint8Array>()
      stores.set(name, entries)
      return {
        get: (key) => entries.get(key),
        put: (key, value) => {
          entries.set(key, value)
          logged.push(`${key}=${deserializeLong(value)}`)
        },
        all: () => [...entries],
      }
    },
    println: (text) => printed.push(text),
  }
  return { forwarded, logged, printed, context }
}

const line = (value: string | null): StreamsRecord => ({
  key: null,
  value: value === null ? null : encode(value),
  timestamp: 1700000000000,
  headers: [],
})

describe('WordCountDemo', () => {
  it('splits a lowercased line on runs of non-word characters, as Java String.split does', () => {
    expect(wordsOf('All streams lead to Kafka')).toEqual(['all', 'streams', 'lead', 'to', 'kafka'])
    expect(wordsOf('Hello, hello   WORLD!!')).toEqual(['hello', 'hello', 'world'])
    // a leading separator leaves an empty first word; trailing ones leave nothing; an empty line is one empty word
    expect(wordsOf(' kafka_streams 4.1')).toEqual(['', 'kafka_streams', '4', '1'])
    expect(wordsOf('')).toEqual([''])
    expect(wordsOf('...')).toEqual([])
  })

  it('sends each word keyed by itself to the repartition topic, then counts it and emits every new count', () => {
    const [split, count] = WORD_COUNT_DEMO.subTopologies
    const first = task()
    split?.process(line('hello kafka streams kafka'), first.context)
    expect(first.forwarded.map(({ topic }) => topic)).toEqual(
      Array(4).fill({ repartition: 'KSTREAM-AGGREGATE-STATE-STORE-0000000003' }),
    )
    expect(first.forwarded.map(({ record }) => [decode(record.key), decode(record.value)])).toEqual([
      ['hello', 'hello'],
      ['kafka', 'kafka'],
      ['streams', 'streams'],
      ['kafka', 'kafka'],
    ])
    const second = task()
    for (const { record } of first.forwarded) count?.process(record, second.context)
    expect(second.logged).toEqual(['hello=1', 'kafka=1', 'streams=1', 'kafka=2'])
    expect(second.forwarded.map(({ topic }) => topic)).toEqual(
      Array(4).fill({ user: 'streams-wordcount-output' }),
    )
    expect(
      second.forwarded.map(({ record }) => `${decode(record.key)} ${deserializeLong(record.value)}`),
    ).toEqual(['hello 1', 'kafka 1', 'streams 1', 'kafka 2'])
    expect(second.forwarded[3]?.record.value).toEqual(serializeLong(2n))
  })

  it('names its application and sources as the streams-examples jar does', () => {
    expect(WORD_COUNT_DEMO.applicationId).toBe('streams-wordcount')
    expect(WORD_COUNT_DEMO.subTopologies.map((sub) => [sub.sources, sub.stores])).toEqual([
      [[{ user: 'streams-plaintext-input' }], []],
      [
        [{ repartition: 'KSTREAM-AGGREGATE-STATE-STORE-0000000003' }],
        ['KSTREAM-AGGREGATE-STATE-STORE-0000000003'],
      ],
    ])
  })
})

describe('PipeDemo', () => {
  it('pipes a record unchanged from streams-plaintext-input to streams-pipe-output', () => {
    const pipe = task()
    PIPE_DEMO.subTopologies[0]?.process(line('Hello World'), pipe.context)
    expect(pipe.forwarded.map(({ topic, record }) => [topic, decode(record.value)])).toEqual([
      [{ user: 'streams-pipe-output' }, 'Hello World'],
    ])
    expect([PIPE_DEMO.applicationId, PIPE_DEMO.subTopologies[0]?.sources]).toEqual([
      'streams-pipe',
      [{ user: 'streams-plaintext-input' }],
    ])
  })
})
