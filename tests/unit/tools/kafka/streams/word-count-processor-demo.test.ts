// WordCountProcessorDemo (workers/tools/kafka/streams/word-count-processor-demo.ts) and the STREAM_TIME schedule
// its punctuator runs on (stream-time-schedule.ts): aligned to 0, due as soon as the task has data, then every
// interval of stream time, skipping the intervals stream time jumped over.
import { describe, expect, it } from 'vitest'
import { StreamTimeSchedule } from '../../../../../workers/tools/kafka/streams/stream-time-schedule.ts'
import { WORD_COUNT_PROCESSOR_DEMO } from '../../../../../workers/tools/kafka/streams/word-count-processor-demo.ts'
import type { StreamsRecord, TaskContext } from '../../../../../workers/tools/kafka/streams/topology.ts'

describe('StreamTimeSchedule', () => {
  it('is due at the first stream time, then one interval on from 0, skipping missed intervals', () => {
    const schedule = new StreamTimeSchedule(1000)
    expect(schedule.due()).toBeNull()
    schedule.observe(5300)
    expect(schedule.due()).toBe(5300)
    expect(schedule.due()).toBeNull()
    schedule.observe(5900)
    expect(schedule.due()).toBeNull()
    schedule.observe(6000)
    expect(schedule.due()).toBe(6000)
    schedule.observe(9500)
    expect(schedule.due()).toBe(9500)
    schedule.observe(9999)
    expect(schedule.due()).toBeNull()
    // stream time does not go back with a late record
    schedule.observe(100)
    schedule.observe(10000)
    expect(schedule.due()).toBe(10000)
  })
})

describe('WordCountProcessorDemo', () => {
  it('counts words in its Counts store and punctuates them in key order on stdout and to its output', () => {
    const entries = new Map<string, Uint8Array>()
    const printed: string[] = []
    const forwarded: string[] = []
    const task: TaskContext = {
      forward: (topic, record) =>
        forwarded.push(
          `${'user' in topic ? topic.user : ''} ${new TextDecoder().decode(record.key ?? new Uint8Array())}=${new TextDecoder().decode(record.value ?? new Uint8Array())}@${record.timestamp}`,
        ),
      store: () => ({
        get: (key) => entries.get(key),
        put: (key, value) => entries.set(key, value),
        all: () => [...entries].sort(([a], [b]) => (a < b ? -1 : 1)),
      }),
      println: (line) => printed.push(line),
    }
    const [sub] = WORD_COUNT_PROCESSOR_DEMO.subTopologies
    const line = (text: string): StreamsRecord => ({
      key: null,
      value: new TextEncoder().encode(text),
      timestamp: 1000,
      headers: [],
    })
    sub?.process(line('Kafka streams, kafka!'), task)
    expect(entries.get('kafka')).toEqual(new Uint8Array([0, 0, 0, 2]))
    sub?.punctuation?.punctuate(1234, task)
    expect(printed).toEqual(['----------- 1234 ----------- ', '[kafka, 2]', '[streams, 1]'])
    expect(forwarded).toEqual([
      'streams-wordcount-processor-output kafka=2@1234',
      'streams-wordcount-processor-output streams=1@1234',
    ])
    expect(sub?.punctuation?.intervalMs).toBe(1000)
    expect([WORD_COUNT_PROCESSOR_DEMO.applicationId, sub?.stores]).toEqual([
      'streams-wordcount-processor',
      ['Counts'],
    ])
  })
})
