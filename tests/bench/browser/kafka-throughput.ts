/**
 * Browser benchmark page: produce → replicate → consume through real broker workers (3 brokers, a topic
 * with replication factor 3 and min.insync.replicas 2, acks=all, IndexedDB persistence on), 100-byte
 * records. The query string gives `records`; the figures are left in `window.benchResult`.
 */
import {
  Acknowledgements,
  createBenchTopic,
  numberParam,
  publish,
  startBenchCluster,
  warmUpPartitions,
} from './bench-cluster.ts'

export interface KafkaThroughputResult {
  records: number
  produceMs: number
  endToEndMs: number
  produceRecordsPerSecond: number
  endToEndRecordsPerSecond: number
}

async function run(): Promise<KafkaThroughputResult> {
  const records = numberParam('records', 100_000)
  const seed = Math.floor(Math.random() * 1e9)
  const { cluster, clients, admin } = await startBenchCluster(3, `bench-${seed}-`)
  await createBenchTopic(admin, 'bench')
  const producer = clients.producer('localhost:9092', {
    acks: 'all',
    'linger.ms': '5',
    'batch.size': '64000',
  })
  const value = new Uint8Array(100).fill(120)
  await warmUpPartitions(producer, 'bench', value)
  const started = performance.now()
  const acks = new Acknowledgements(records)
  // ProducerPerformance's send(record, callback): one shared callback, no promise per record.
  for (let i = 0; i < records; i++) producer.send({ topic: 'bench', key: null, value }, acks.callback)
  await acks.done
  const produced = performance.now()
  const consumer = clients.consumer('localhost:9092', {
    'auto.offset.reset': 'earliest',
    'max.poll.records': '100000',
  })
  await consumer.subscribe(['bench'])
  let consumed = 0
  while (consumed < records) consumed += (await consumer.poll(1000)).length
  const finished = performance.now()
  cluster.terminate()
  return {
    records,
    produceMs: produced - started,
    endToEndMs: finished - started,
    produceRecordsPerSecond: records / ((produced - started) / 1000),
    endToEndRecordsPerSecond: records / ((finished - started) / 1000),
  }
}

publish(run)
