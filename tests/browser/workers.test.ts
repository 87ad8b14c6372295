/**
 * Browser tests in real Chromium: broker and node workers with their WASM engines and IndexedDB, driven
 * through Comlink exactly as the page drives them (the brokers through the page's own KafkaWorkerCluster,
 * wired by MessageChannels). Workers are terminated (as a closed tab ends them) and new ones started over
 * the same databases must have everything back; a stopped ES node's peers see its sockets closed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Comlink from 'comlink'
import type { BrokerWorkerApi, EsNodeWorkerApi } from '../../workers/protocol/workers.ts'
import { IdbStorage } from '../../workers/storage/idb-storage.ts'
import logWasmUrl from '../../engine-wasm/build/log.wasm?url'
import { LogEngine } from '../../engine-wasm/src/log/index.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import { hostScheduler } from '../../workers/worker-host.ts'
import { KafkaWorkerCluster, brokerDatabase } from '../../web/cluster/kafka-workers.ts'
import { EsWorkerCluster } from '../../web/cluster/es-workers.ts'

const workers: Worker[] = []

function nodeWorker(): Comlink.Remote<EsNodeWorkerApi> {
  const worker = new Worker(new URL('../../workers/es-node.worker.ts', import.meta.url), { type: 'module' })
  workers.push(worker)
  return Comlink.wrap<EsNodeWorkerApi>(worker)
}

const clusters: EsWorkerCluster[] = []

afterEach(() => {
  for (const worker of workers.splice(0)) worker.terminate()
  for (const cluster of clusters.splice(0)) cluster.terminate()
})

const unique = (name: string): string => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e9)}`

/**
 * Hands over one-byte writes until one goes to the storage's writer worker (its buffer is then detached here);
 * returns how many were made here before, while the writer started.
 */
async function untilWriterTakes(storage: IdbStorage): Promise<number> {
  for (let madeHere = 0; ; madeHere++) {
    const value = new Uint8Array([madeHere])
    await storage.write([{ store: 'kafka', key: 'warm-up', value }], { handedOver: true })
    if (value.buffer.byteLength === 0) return madeHere
    await hostScheduler.sleep(10)
  }
}

describe('IdbStorage', () => {
  it('writes atomically, lists keys by prefix in order and returns copies', async () => {
    const storage = await IdbStorage.open(unique('storage'))
    await storage.write([
      { store: 'kafka', key: 'b/2', value: new Uint8Array([2]) },
      { store: 'kafka', key: 'a/1', value: new Uint8Array([1]) },
      { store: 'kafka', key: 'b/1', value: new Uint8Array([3]) },
    ])
    expect(await storage.keys('kafka', 'b/')).toEqual(['b/1', 'b/2'])
    expect(await storage.entries('kafka', 'b/')).toEqual([
      ['b/1', new Uint8Array([3])],
      ['b/2', new Uint8Array([2])],
    ])
    const value = await storage.get('kafka', 'a/1')
    expect(value).toEqual(new Uint8Array([1]))
    await storage.write([{ store: 'kafka', key: 'a/1', value: null }])
    expect(await storage.get('kafka', 'a/1')).toBeUndefined()
    await expect(
      storage.write([{ store: 'no-such-store', key: 'x', value: new Uint8Array([1]) }]),
    ).rejects.toThrow()
    expect(await storage.keys('kafka')).toEqual(['b/1', 'b/2'])
    await storage.close()
  })

  it('applies none of a write when one of its requests throws at once (a detached buffer)', async () => {
    const storage = await IdbStorage.open(unique('storage'))
    const detached = new Uint8Array(new ArrayBuffer(4))
    structuredClone(detached.buffer, { transfer: [detached.buffer] })
    await expect(
      storage.write([
        { store: 'kafka', key: 'first', value: new Uint8Array([1]) },
        { store: 'kafka', key: 'second', value: detached },
      ]),
    ).rejects.toThrow()
    expect(await storage.keys('kafka')).toEqual([])
    await storage.close()
  })

  it('commits a handed-over write whole in its writer worker, or none of it when a value cannot be sent', async () => {
    const storage = await IdbStorage.open(unique('storage'), { writer: true })
    // The first handed-over write starts the writer and, like the others until it is ready, is made here.
    expect(await untilWriterTakes(storage)).toBeGreaterThan(0)
    await storage.write([{ store: 'kafka', key: 'warm-up', value: null }])
    const ops = Array.from({ length: 20 }, (_, i) => ({
      store: 'kafka',
      key: `chunk/${String(i).padStart(2, '0')}`,
      value: new Uint8Array(70_000).fill(i),
    }))
    await storage.write(ops, { handedOver: true })
    expect(await storage.keys('kafka')).toEqual(ops.map((op) => op.key))
    expect((await storage.get('kafka', 'chunk/13'))?.every((b) => b === 13)).toBe(true)
    const detached = new Uint8Array(new ArrayBuffer(4))
    structuredClone(detached.buffer, { transfer: [detached.buffer] })
    await expect(
      storage.write(
        [
          { store: 'kafka', key: 'chunk/00', value: null },
          { store: 'kafka', key: 'late', value: new Uint8Array([1]) },
          { store: 'kafka', key: 'bad', value: detached },
        ],
        { handedOver: true },
      ),
    ).rejects.toThrow()
    expect(await storage.keys('kafka')).toEqual(ops.map((op) => op.key))
    await storage.close()
  })

  it('transfers handed-over values to the writer and gives their buffers back; calls keep their order', async () => {
    const storage = await IdbStorage.open(unique('storage'), { writer: true })
    await untilWriterTakes(storage)
    await storage.write([{ store: 'kafka', key: 'chunk', value: new Uint8Array([0]) }])
    // A local write, then a handed-over one of the same key: the handed-over one is applied after it.
    void storage.write([{ store: 'kafka', key: 'chunk', value: new Uint8Array([1]) }])
    const value = new Uint8Array(100_000).fill(7)
    const given: ArrayBuffer[] = []
    const handedOver = storage.write([{ store: 'kafka', key: 'chunk', value }], {
      handedOver: true,
      giveBack: (buffers) => given.push(...buffers),
    })
    // A read and a write called while it is in flight come after it, in the order of the calls.
    const read = storage.get('kafka', 'chunk')
    const overwrite = storage.write([{ store: 'kafka', key: 'chunk', value: new Uint8Array([2]) }])
    expect((await read)?.every((b) => b === 7)).toBe(true)
    expect((await read)?.length).toBe(100_000)
    await handedOver
    expect(value.buffer.byteLength).toBe(0)
    await overwrite
    expect(await storage.get('kafka', 'chunk')).toEqual(new Uint8Array([2]))
    expect(given.map((buffer) => new Uint8Array(buffer).every((b) => b === 7) && buffer.byteLength)).toEqual([
      100_000,
    ])
    await storage.close()
  })

  it('stores a view into a larger buffer as its own bytes only, and a whole buffer as it was at the write', async () => {
    const storage = await IdbStorage.open(unique('storage'))
    const shared = new Uint8Array([9, 8, 7, 6, 5])
    const whole = new Uint8Array([1, 2, 3])
    await storage.write([
      { store: 'es', key: 'view', value: shared.subarray(1, 3) },
      { store: 'es', key: 'whole', value: whole },
    ])
    whole[0] = 42
    expect(await storage.get('es', 'view')).toEqual(new Uint8Array([8, 7]))
    expect(await storage.get('es', 'whole')).toEqual(new Uint8Array([1, 2, 3]))
    await storage.close()
  })
})

describe('broker workers', () => {
  it('run a 3-broker KRaft cluster that replicates, and recover everything after every worker restarts', async () => {
    const seed = Math.floor(Math.random() * 1e6)
    // A fresh cluster id prefix per run: each broker keeps its own IndexedDB database.
    const cluster = new KafkaWorkerCluster(3, seed, `test-${seed}-`)
    await cluster.startAll()
    const clock = hostScheduler
    const engine = await LogEngine.load(await (await fetch(logWasmUrl)).arrayBuffer())
    const clients = new ClusterKafkaClients(cluster, engine, clock, 1)
    const admin = clients.admin('localhost:9092')
    await waitFor(async () => (await admin.describeCluster()).nodes.length === 3)
    await admin.createTopics([{ name: 'demo', numPartitions: 2, replicationFactor: 3, configs: {} }])
    const producer = clients.producer('localhost:9092', { acks: 'all' })
    const encode = (text: string) => new TextEncoder().encode(text)
    const sent = await Promise.all(
      ['a', 'b', 'c', 'd'].map((v, i) =>
        producer.send({ topic: 'demo', key: encode(`k${i}`), value: encode(v) }),
      ),
    )
    await producer.close()
    const [description] = await admin.describeTopics(['demo'])
    for (const p of description!.partitions) expect([...p.isr].sort()).toEqual([1, 2, 3])
    // Produce answers once the records are in the brokers' logs, not in storage (log-flusher.ts), as Kafka
    // answers from its page cache: a tab closed before the flusher's next write loses them, as a host's
    // power cut loses dirty pages. Close it once every broker has stored both partitions.
    await waitFor(async () => {
      const stored = await Promise.all(
        [1, 2, 3].map(async (id) => {
          const storage = await IdbStorage.open(brokerDatabase(`test-${seed}-`, id))
          const chunks = await Promise.all(
            [0, 1].map((p) => storage.keys('kafka', `log/${description!.topicId}/${p}/`)),
          )
          await storage.close()
          return chunks.every((keys) => keys.length > 0)
        }),
      )
      return stored.every(Boolean)
    })
    cluster.terminate()
    const restarted = new KafkaWorkerCluster(3, seed + 1, `test-${seed}-`)
    await restarted.startAll()
    const again = new ClusterKafkaClients(restarted, engine, clock, 2)
    const consumer = again.consumer('localhost:9093', { 'auto.offset.reset': 'earliest' })
    const decode = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes ?? new Uint8Array())
    let records: Awaited<ReturnType<typeof consumer.poll>> = []
    await waitFor(async () => {
      await consumer.subscribe(['demo'])
      records = [...records, ...(await consumer.poll(500))]
      return records.length >= 4
    })
    const byValue = new Map(
      records.map((r) => [decode(r.value), { partition: r.partition, offset: r.offset }]),
    )
    expect([...byValue.keys()].sort()).toEqual(['a', 'b', 'c', 'd'])
    sent.forEach((metadata, i) => {
      expect(byValue.get('abcd'[i]!)).toEqual({ partition: metadata.partition, offset: metadata.offset })
    })
    restarted.terminate()
  })

  it('stores what the brokers appended when the page asks (a hidden tab), so closing the tab then loses nothing', async () => {
    const seed = Math.floor(Math.random() * 1e6)
    const prefix = `test-${seed}-`
    const cluster = new KafkaWorkerCluster(3, seed, prefix)
    await cluster.startAll()
    const engine = await LogEngine.load(await (await fetch(logWasmUrl)).arrayBuffer())
    const clients = new ClusterKafkaClients(cluster, engine, hostScheduler, 1)
    const admin = clients.admin('localhost:9092')
    await waitFor(async () => (await admin.describeCluster()).nodes.length === 3)
    await admin.createTopics([{ name: 'flushed', numPartitions: 3, replicationFactor: 1, configs: {} }])
    const producer = clients.producer('localhost:9092', { acks: '1', 'linger.ms': '0' })
    const values = Array.from({ length: 300 }, (_, i) => `record-${i}`)
    await Promise.all(
      values.map((value) =>
        producer.send({ topic: 'flushed', key: null, value: new TextEncoder().encode(value) }),
      ),
    )
    await producer.close()
    // At once, with no wait for the brokers' background flushers (log-flusher.ts): what the page does when the
    // tab is hidden (App.svelte), then the tab closes.
    await cluster.flushLogs()
    cluster.terminate()
    const restarted = new KafkaWorkerCluster(3, seed + 1, prefix)
    await restarted.startAll()
    const consumer = new ClusterKafkaClients(restarted, engine, hostScheduler, 2).consumer('localhost:9092', {
      'auto.offset.reset': 'earliest',
    })
    const seen = new Set<string>()
    await waitFor(async () => {
      await consumer.subscribe(['flushed'])
      for (const record of await consumer.poll(500))
        seen.add(new TextDecoder().decode(record.value ?? undefined))
      return seen.size >= values.length
    })
    expect([...seen].sort()).toEqual([...values].sort())
    restarted.terminate()
  })

  it('refuses clients until its controller unfences it, so a tool answers from the next bootstrap broker', async () => {
    const seed = Math.floor(Math.random() * 1e6)
    const cluster = new KafkaWorkerCluster(3, seed, `test-${seed}-`)
    await cluster.startAll()
    const engine = await LogEngine.load(await (await fetch(logWasmUrl)).arrayBuffer())
    const clients = new ClusterKafkaClients(cluster, engine, hostScheduler, 3)
    const bootstrap = 'localhost:9092,localhost:9093,localhost:9094'
    await waitFor(async () => (await clients.admin(bootstrap).describeCluster()).nodes.length === 3)
    // Broker 1 comes back cut off from the rest of its quorum: no controller can ever unfence it.
    cluster.isolate([1])
    await cluster.kill(1)
    await cluster.start(1)
    await expect(cluster.brokerAtPort(9092)!.metadata([])).rejects.toMatchObject({ name: 'NetworkError' })
    const answered = clients
      .admin(bootstrap)
      .describeCluster()
      .then(({ nodes }) => nodes.map((node) => node.id))
    const late = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5000))
    expect(await Promise.race([answered, late])).toEqual(expect.arrayContaining([2, 3]))
    cluster.terminate()
  })

  it('rejects calls on a broker that was never started with a named error', async () => {
    const worker = new Worker(new URL('../../workers/broker.worker.ts', import.meta.url), { type: 'module' })
    workers.push(worker)
    const broker = Comlink.wrap<BrokerWorkerApi>(worker)
    await expect(broker.metadata(null)).rejects.toMatchObject({ name: 'BrokerStoppedError' })
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      if (await condition()) return
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('Elasticsearch node worker', () => {
  it('elects itself master, indexes, searches through the WASM index, and keeps documents after a restart', async () => {
    const storageUrl = `idb://${unique('node')}`
    const node = nodeWorker()
    const single = {
      nodeName: 'es-node-1',
      address: 1,
      seedAddresses: [1],
      initialMasterNodes: ['es-node-1'],
      pathRepo: [],
      nodeAttributes: {},
      repositoryStorageUrl: `idb://${unique('repositories')}`,
    }
    await node.start({ ...single, storageUrl, seed: 1 })
    const put = await node.handleRequest({
      method: 'PUT',
      path: '/demo/_doc/1',
      params: [['refresh', 'true']],
      body: '{"message":"The quick brown fox"}',
    })
    expect(put.status).toBe(201)
    const search = async (api: Comlink.Remote<EsNodeWorkerApi>) =>
      JSON.parse(
        (
          await api.handleRequest({
            method: 'POST',
            path: '/demo/_search',
            params: [],
            body: '{"query":{"match":{"message":"fox"}}}',
          })
        ).body,
      ) as { hits: { total: { value: number }; hits: Array<{ _id: string }> } }
    expect((await search(node)).hits.hits.map((h) => h._id)).toEqual(['1'])

    await node.shutdown()
    const restarted = nodeWorker()
    await restarted.start({ ...single, storageUrl, seed: 2 })
    // A restarted cluster recovers its primaries from their stores first: wait for them, as a client would.
    const health = await restarted.handleRequest({
      method: 'GET',
      path: '/_cluster/health/demo',
      params: [
        ['wait_for_status', 'yellow'],
        ['timeout', '30s'],
      ],
      body: null,
    })
    expect(JSON.parse(health.body)).toMatchObject({ status: 'yellow', timed_out: false })
    const after = await search(restarted)
    expect(after.hits.total.value).toBe(1)
    const get = await restarted.handleRequest({ method: 'GET', path: '/demo/_doc/1', params: [], body: null })
    expect(JSON.parse(get.body)).toMatchObject({ found: true, _source: { message: 'The quick brown fox' } })
  })

  it('drops a stopped node at once, as a closed socket tells the master, so the index turns yellow', async () => {
    const seed = Math.floor(Math.random() * 1e9)
    const cluster = new EsWorkerCluster(3, seed, `test-${seed}-`)
    clusters.push(cluster)
    await cluster.startAll()
    const request = (
      id: number,
      method: 'GET' | 'PUT',
      path: string,
      params: Array<[string, string]>,
      body: string | null = null,
    ) => cluster.node(id)!.handleRequest({ method, path, params, body })
    const created = await request(
      1,
      'PUT',
      '/views',
      [['wait_for_active_shards', 'all']],
      '{"settings":{"number_of_replicas":2}}',
    )
    expect(created.status).toBe(200)
    const master = (await request(1, 'GET', '/_cat/master', [['h', 'node']])).body.trim()
    const stopped = [1, 2, 3].find((id) => `es-node-${id}` !== master)!
    const asked = [1, 2, 3].find((id) => id !== stopped)!
    await cluster.stop(stopped)
    // Without the disconnect the master would drop it only after three timed-out follower checks (30 s).
    const health = await request(asked, 'GET', '/_cluster/health/views', [
      ['wait_for_status', 'yellow'],
      ['wait_for_nodes', '2'],
      ['timeout', '10s'],
      ['filter_path', 'status,timed_out,number_of_nodes,unassigned_shards'],
    ])
    expect(JSON.parse(health.body)).toEqual({
      status: 'yellow',
      timed_out: false,
      number_of_nodes: 2,
      unassigned_shards: 1,
    })
  })
})
