/**
 * Browser benchmark page: produce latency at a held rate, as Kafka's ProducerPerformance measures it with
 * `--throughput`. 3 broker workers over IndexedDB, a topic with replication factor 3 and
 * min.insync.replicas 2, acks=all, 100-byte records, sent at `rate` records/s for `seconds` seconds.
 * The producer config is the OpenMessaging Benchmark's kafka-latency.yaml (acks=all, linger.ms=1,
 * batch.size=131072), the driver behind the published figure the run compares with.
 *
 * Pacing follows ProducerPerformance's ThroughputThrottler: the sends run ahead of the rate until the
 * sleep deficit reaches its MIN_SLEEP_NS (2 ms), then sleep it; when they fall behind, send what is due
 * at once. Sends go as ProducerPerformance's do, `send(record, callback)`: a send's latency is the time
 * from the send call to its callback (performance.now()); percentiles are taken as Kafka's Stats does,
 * sorted[floor(p × n)].
 *
 * The first `warmup` seconds (default 2) of sends are paced the same but not timed, as the OpenMessaging
 * Benchmark runs a warm-up before it measures: right after the topic is created a follower may have met
 * its leader before the leader knew the partition (UNKNOWN_TOPIC_OR_PARTITION, retried after
 * replica.fetch.backoff.ms = 1 s, as Kafka's fetcher does), and acks=all sends wait for it; in a 5-second
 * run those sends alone are more than 1% of the records, so they, not the steady state, set the p99.
 */
import { hostScheduler } from '../../../workers/worker-host.ts'
import { percentile } from '../es/percentile.ts'
import {
  Acknowledgements,
  createBenchTopic,
  numberParam,
  publish,
  startBenchCluster,
} from './bench-cluster.ts'

const PRODUCER_CONFIG = { acks: 'all', 'linger.ms': '1', 'batch.size': '131072' }

/** ThroughputThrottler.MIN_SLEEP_NS, in ms: the least deficit the pacing sleeps for. */
const MIN_SLEEP_MS = 2

export interface KafkaLatencyResult {
  producerConfig: Record<string, string>
  records: number
  targetRecordsPerSecond: number
  /** Records acknowledged per second, from the first timed send to the last acknowledgement. */
  achievedRecordsPerSecond: number
  p50Ms: number
  p99Ms: number
  p999Ms: number
  maxMs: number
}

async function run(): Promise<KafkaLatencyResult> {
  const rate = numberParam('rate', 50_000)
  const records = rate * numberParam('seconds', 10)
  const warmupRecords = rate * numberParam('warmup', 2)
  const total = warmupRecords + records
  const seed = Math.floor(Math.random() * 1e9)
  const { cluster, clients, admin } = await startBenchCluster(3, `bench-latency-${seed}-`)
  await createBenchTopic(admin, 'bench')
  const producer = clients.producer('localhost:9092', PRODUCER_CONFIG)
  const record = { topic: 'bench', key: null, value: new Uint8Array(100).fill(120) }
  // The first send waits for the topic's metadata, as the Java producer's does (max.block.ms): not timed.
  await producer.send(record)
  const latencies = new Float64Array(records)
  // A failed send fails the page: an acks=all send to a healthy cluster must be acknowledged.
  const acks = new Acknowledgements(total)
  const started = performance.now()
  let timedFrom = started
  let sent = 0
  while (sent < total && !acks.failed) {
    const due = Math.min(total, Math.floor(((performance.now() - started + MIN_SLEEP_MS) * rate) / 1000))
    for (; sent < due; sent++) {
      const i = sent - warmupRecords
      const sentAt = performance.now()
      if (i === 0) timedFrom = sentAt
      producer.send(record, (_metadata, exception) => {
        if (exception !== null) return acks.fail(exception)
        if (i >= 0) latencies[i] = performance.now() - sentAt
        acks.acknowledge()
      })
    }
    const ahead = (sent * 1000) / rate - (performance.now() - started)
    await hostScheduler.sleep(Math.max(0, ahead))
  }
  await acks.done
  const finished = performance.now()
  cluster.terminate()
  return {
    producerConfig: PRODUCER_CONFIG,
    records,
    targetRecordsPerSecond: rate,
    achievedRecordsPerSecond: records / ((finished - timedFrom) / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    p999Ms: percentile(latencies, 0.999),
    // percentile() sorted the latencies in place.
    maxMs: latencies[records - 1] ?? Number.NaN,
  }
}

publish(run)
