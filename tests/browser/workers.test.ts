/**
 * Browser tests in real Chromium: broker and node workers with their WASM engines and IndexedDB, driven
 * through Comlink exactly as the page drives them. A worker is terminated (as a closed tab would end it)
 * and a new one started over the same database must have everything back.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Comlink from 'comlink'
import type { BrokerWorkerApi, EsNodeWorkerApi } from '../../workers/protocol/workers.ts'
import { IdbStorage } from '../../workers/storage/idb-storage.ts'
import logWasmUrl from '../../engine-wasm/build/log.wasm?url'
import { LogEngine } from '../../engine-wasm/src/log/index.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import { VirtualClock } from '../../workers/net/clock.ts'
import type { BrokerApi } from '../../workers/protocol/kafka.ts'

const workers: Worker[] = []

function brokerWorker(): Comlink.Remote<BrokerWorkerApi> {
  const worker = new Worker(new URL('../../workers/broker.worker.ts', import.meta.url), { type: 'module' })
  workers.push(worker)
  return Comlink.wrap<BrokerWorkerApi>(worker)
}

function nodeWorker(): Comlink.Remote<EsNodeWorkerApi> {
  const worker = new Worker(new URL('../../workers/es-node.worker.ts', import.meta.url), { type: 'module' })
  workers.push(worker)
  return Comlink.wrap<EsNodeWorkerApi>(worker)
}

afterEach(() => {
  for (const worker of workers.splice(0)) worker.terminate()
})

const unique = (name: string): string => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e9)}`

describe('IdbStorage', () => {
  it('writes atomically, lists keys by prefix in order and returns copies', async () => {
    const storage = await IdbStorage.open(unique('storage'))
    await storage.write([
      { store: 'kafka', key: 'b/2', value: new Uint8Array([2]) },
      { store: 'kafka', key: 'a/1', value: new Uint8Array([1]) },
      { store: 'kafka', key: 'b/1', value: new Uint8Array([3]) },
    ])
    expect(await storage.keys('kafka', 'b/')).toEqual(['b/1', 'b/2'])
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
})

describe('broker worker', () => {
  it('creates a topic, appends through the WASM segment and recovers it after a restart', async () => {
    const storageUrl = `idb://${unique('broker')}`
    const broker = brokerWorker()
    await broker.start({ brokerId: 1, storageUrl, seed: 7 })
    const created = await broker.createTopics(
      [{ name: 'demo', numPartitions: 2, replicationFactor: 1, configs: {} }],
      false,
    )
    expect(created).toEqual([{ name: 'demo', error: null, message: null }])
    const duplicate = await broker.createTopics(
      [{ name: 'demo', numPartitions: 1, replicationFactor: 1, configs: {} }],
      false,
    )
    expect(duplicate[0]!.error).toBe('TOPIC_ALREADY_EXISTS')
    const corrupt = await broker.produce(-1, 1000, [
      { topic: 'demo', partition: 0, records: new Uint8Array(70) },
    ])
    expect(corrupt[0]!.error).toBe('CORRUPT_MESSAGE')

    const engine = await LogEngine.load(await (await fetch(logWasmUrl)).arrayBuffer())
    const clients = (api: BrokerApi) =>
      new ClusterKafkaClients({ brokerAtPort: () => api }, engine, new VirtualClock(), 1)
    const producer = clients(broker).producer('localhost:9092', {})
    const encode = (text: string) => new TextEncoder().encode(text)
    const sent = await Promise.all(
      ['a', 'b', 'c', 'd'].map((v, i) =>
        producer.send({ topic: 'demo', key: encode(`k${i}`), value: encode(v) }),
      ),
    )
    await producer.close()

    const restarted = brokerWorker()
    await broker.stop()
    await restarted.start({ brokerId: 1, storageUrl, seed: 8 })
    const metadata = await restarted.metadata(['demo'])
    expect(metadata.topics[0]!.partitions.map((p) => p.partition)).toEqual([0, 1])
    const consumer = clients(restarted).consumer('localhost:9092', { 'auto.offset.reset': 'earliest' })
    await consumer.subscribe(['demo'])
    const records = await consumer.poll(1000)
    const decode = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes ?? new Uint8Array())
    const byValue = new Map(
      records.map((r) => [decode(r.value), { partition: r.partition, offset: r.offset }]),
    )
    expect([...byValue.keys()].sort()).toEqual(['a', 'b', 'c', 'd'])
    sent.forEach((metadata, i) => {
      expect(byValue.get('abcd'[i]!)).toEqual({ partition: metadata.partition, offset: metadata.offset })
    })
  })

  it('rejects calls on a stopped broker with a named error', async () => {
    const broker = brokerWorker()
    await expect(broker.metadata(null)).rejects.toMatchObject({ name: 'BrokerStoppedError' })
  })
})

describe('Elasticsearch node worker', () => {
  it('indexes, searches through the WASM index, and keeps documents after a restart', async () => {
    const storageUrl = `idb://${unique('node')}`
    const node = nodeWorker()
    await node.start({ nodeName: 'es-node-1', storageUrl, seed: 1 })
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

    await node.stop()
    const restarted = nodeWorker()
    await restarted.start({ nodeName: 'es-node-1', storageUrl, seed: 2 })
    const after = await search(restarted)
    expect(after.hits.total.value).toBe(1)
    const get = await restarted.handleRequest({ method: 'GET', path: '/demo/_doc/1', params: [], body: null })
    expect(JSON.parse(get.body)).toMatchObject({ found: true, _source: { message: 'The quick brown fox' } })
  })
})
