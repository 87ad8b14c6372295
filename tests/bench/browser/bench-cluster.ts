/**
 * What the browser benchmark pages share: a Kafka cluster of broker workers over IndexedDB with the Kafka
 * clients of the page (the log WASM as their RecordBatch codec), a topic made the way the pages need it,
 * and `publish`, which leaves a page's figures (or its failure) in `window.benchResult` for run.ts.
 */
import logWasmUrl from '../../../engine-wasm/build/log.wasm?url'
import { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { hostScheduler } from '../../../workers/worker-host.ts'
import { ClusterKafkaClients } from '../../../workers/clients/kafka/kafka-clients.ts'
import type { Admin, Callback, Producer } from '../../../workers/clients/kafka/api.ts'
import { KafkaWorkerCluster } from '../../../web/cluster/kafka-workers.ts'

declare global {
  interface Window {
    benchResult?: unknown
  }
}

export interface BenchCluster {
  cluster: KafkaWorkerCluster
  clients: ClusterKafkaClients
  admin: Admin
}

/**
 * Starts `brokers` broker workers and waits until every one is registered. `databasePrefix` names their
 * IndexedDB databases; undefined keeps the app's own (`playground-broker-N`).
 */
export async function startBenchCluster(brokers: number, databasePrefix?: string): Promise<BenchCluster> {
  const seed = Math.floor(Math.random() * 1e9)
  const cluster = new KafkaWorkerCluster(brokers, seed, databasePrefix)
  await cluster.startAll()
  const engine = await LogEngine.load(await (await fetch(logWasmUrl)).arrayBuffer())
  const clients = new ClusterKafkaClients(cluster, engine, hostScheduler, seed)
  const admin = clients.admin('localhost:9092')
  for (;;) {
    const nodes = await admin.describeCluster().then(
      (c) => c.nodes.length,
      () => 0,
    )
    if (nodes === brokers) break
    await hostScheduler.sleep(200)
  }
  return { cluster, clients, admin }
}

/** The partitions of the topic every Kafka page produces to. */
const BENCH_PARTITIONS = 6

/** The topic every Kafka page produces to: 6 partitions, replication factor 3, min.insync.replicas 2. */
export async function createBenchTopic(admin: Admin, name: string): Promise<void> {
  await admin.createTopics([
    { name, numPartitions: BENCH_PARTITIONS, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } },
  ])
}

/**
 * Sends one acks=all record to each of the topic's BENCH_PARTITIONS partitions and waits for them all,
 * before a page starts its clock. The first send waits for the topic's metadata, as the Java producer's does
 * (max.block.ms); and right after the topic is created a follower may have asked its leader before the
 * leader knew the partition (UNKNOWN_TOPIC_OR_PARTITION, retried after replica.fetch.backoff.ms = 1 s, as
 * Kafka's fetcher does), so an acks=all record waits up to that second for it. Once every partition
 * acknowledged a record, every follower is fetching: the run measures the steady state, as Kafka's own
 * benchmarks do on a topic created beforehand.
 */
export async function warmUpPartitions(producer: Producer, topic: string, value: Uint8Array): Promise<void> {
  const sends = []
  for (let partition = 0; partition < BENCH_PARTITIONS; partition++) {
    sends.push(producer.send({ topic, partition, key: null, value }))
  }
  await Promise.all(sends)
}

/**
 * The acknowledgements of `count` sends, counted in each send's callback as ProducerPerformance's
 * PerfCallback does (no list of the sends' promises is kept): `done` resolves once all `count` are in and
 * rejects at the first failure, which `failed` then tells. `callback` is a producer Callback that does both.
 */
export class Acknowledgements {
  private acknowledged = 0
  failed = false
  private settle: { resolve: () => void; reject: (error: unknown) => void } = {
    resolve: () => undefined,
    reject: () => undefined,
  }
  readonly done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }))

  constructor(private readonly count: number) {}

  readonly callback: Callback = (_metadata, exception) => {
    if (exception === null) this.acknowledge()
    else this.fail(exception)
  }

  acknowledge(): void {
    if (++this.acknowledged === this.count) this.settle.resolve()
  }

  fail(error: unknown): void {
    this.failed = true
    this.settle.reject(error)
  }
}

/** The query-string parameter `name` as a number, or `fallback` when absent. */
export function numberParam(name: string, fallback: number): number {
  return Number(new URLSearchParams(location.search).get(name) ?? fallback)
}

export function publish(run: () => Promise<unknown>): void {
  run().then(
    (result) => (window.benchResult = result),
    (error: unknown) => (window.benchResult = { error: String(error) }),
  )
}
