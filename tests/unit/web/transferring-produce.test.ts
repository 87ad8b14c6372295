// The page's broker API for clients: produce hands the buffers a request is marked as owning (the producer's
// Sender marks its built batches, transfer-list.ts) over to the broker's worker (transferred: detached on the
// page, whole on the other side), and copies the others.
import * as Comlink from 'comlink'
import { afterEach, describe, expect, it } from 'vitest'
import { transferringProduce } from '../../../web/cluster/kafka-workers.ts'
import { withTransfer } from '../../../workers/net/transfer-list.ts'
import type { BrokerApi, ProducePartitionData } from '../../../workers/protocol/kafka.ts'

const channels: MessageChannel[] = []
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
})

/** A broker across a MessageChannel that answers each partition's records as their bytes. */
function remoteBroker(): BrokerApi {
  const channel = new MessageChannel()
  channels.push(channel)
  Comlink.expose(
    {
      produce: (_acks: number, _timeoutMs: number, data: ProducePartitionData[]) =>
        data.map(({ records }) => Array.from(records)),
    },
    channel.port1,
  )
  return Comlink.wrap<BrokerApi>(channel.port2)
}

describe('transferringProduce', () => {
  it('transfers the buffers the request is marked as owning and copies the others', async () => {
    const owned = new Uint8Array(8).fill(7).subarray(0, 3)
    const shared = new Uint8Array([9, 4, 5, 6, 9])
    const view = shared.subarray(1, 4)
    const data: ProducePartitionData[] = [
      { topic: 't', partition: 0, records: owned },
      { topic: 't', partition: 1, records: view },
    ]
    const answers = await transferringProduce(remoteBroker()).produce(
      -1,
      30_000,
      withTransfer(data, [owned.buffer]),
    )
    expect(answers).toEqual([
      [7, 7, 7],
      [4, 5, 6],
    ])
    expect(owned.length).toBe(0)
    expect(Array.from(shared)).toEqual([9, 4, 5, 6, 9])
  })

  it('copies every batch of an unmarked request', async () => {
    const whole = new Uint8Array([1, 2, 3])
    const answers = await transferringProduce(remoteBroker()).produce(-1, 30_000, [
      { topic: 't', partition: 0, records: whole },
    ])
    expect(answers).toEqual([[1, 2, 3]])
    expect(Array.from(whole)).toEqual([1, 2, 3])
  })
})

describe('transferringProduce headers', () => {
  it('passes the transactional id and the client id on', async () => {
    const channel = new MessageChannel()
    channels.push(channel)
    Comlink.expose(
      {
        produce: (
          _a: number,
          _t: number,
          _d: ProducePartitionData[],
          transactionalId: string,
          clientId: string,
        ) => [transactionalId, clientId],
      },
      channel.port1,
    )
    const broker = transferringProduce(Comlink.wrap<BrokerApi>(channel.port2))
    expect(await broker.produce(-1, 30_000, [], 'txn-1', 'perf-producer')).toEqual(['txn-1', 'perf-producer'])
  })
})
