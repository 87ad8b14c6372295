/**
 * Seeding page of the reload benchmark (tests/bench/kafka-reload.bench.ts). Stores `records` 100-byte
 * messages exactly as the app stores them: the app's DEFAULT_BROKERS broker workers over the app's own
 * IndexedDB databases (playground-broker-N), a topic of replication factor 3 and min.insync.replicas 2,
 * acks=all. Then stops the brokers and leaves two commands as the console text the app restores on its
 * next load: one that lists the topics, one that prints every partition's end offset (the reload checks
 * that all the messages came back). Served from the app's origin, so the app finds both.
 *
 * Every broker but the last stops cleanly (controlled shutdown, logs flushed). The last one's controlled
 * shutdown cannot complete: the controller cannot commit its fencing with one voter of three left. Kafka
 * waits for it a bounded time (BrokerServer: "Timed out waiting for the controller to approve controlled
 * shutdown") and then stops anyway; the playground's broker waits forever, so the page gives it
 * LAST_BROKER_GRACE_MS and then ends its worker.
 */
import { DEFAULT_BROKERS } from '../../../web/cluster/cluster-host.ts'
import { saveBuffer } from '../../../web/console/buffer-store.ts'
import { hostScheduler } from '../../../workers/worker-host.ts'
import { createBenchTopic, numberParam, publish, startBenchCluster } from './bench-cluster.ts'

export interface KafkaSeedResult {
  topic: string
  /** The console text left for the app. */
  consoleText: string
}

/** Sends awaited at a time: bounds the page's memory for a million sends. */
const CHUNK = 50_000
const LAST_BROKER_GRACE_MS = 1_000

async function run(): Promise<KafkaSeedResult> {
  const records = numberParam('records', 1_000_000)
  const topic = 'bench'
  const { cluster, clients, admin } = await startBenchCluster(DEFAULT_BROKERS)
  // Registrations the app's run left in the metadata log may still list a broker that has not registered again.
  while (!(await cluster.allServing())) await hostScheduler.sleep(25)
  await createBenchTopic(admin, topic)
  const producer = clients.producer('localhost:9092', {
    acks: 'all',
    'linger.ms': '5',
    'batch.size': '65536',
  })
  const record = { topic, key: null, value: new Uint8Array(100).fill(120) }
  for (let sent = 0; sent < records; sent += CHUNK) {
    const sends: Array<Promise<unknown>> = []
    for (let i = sent; i < Math.min(records, sent + CHUNK); i++) sends.push(producer.send(record))
    await Promise.all(sends)
  }
  const ids = cluster.ids()
  for (const id of ids.slice(0, -1)) await cluster.stop(id)
  await Promise.race([cluster.stop(ids[ids.length - 1]!), hostScheduler.sleep(LAST_BROKER_GRACE_MS)])
  cluster.terminate()
  const consoleText = [
    'kafka-topics.sh --bootstrap-server localhost:9092 --list',
    `kafka-get-offsets.sh --bootstrap-server localhost:9092 --topic ${topic}`,
    '',
  ].join('\n')
  await saveBuffer(consoleText)
  return { topic, consoleText }
}

publish(run)
