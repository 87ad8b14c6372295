/**
 * A broker's lifecycle against a real QuorumController over the simulated network: it registers,
 * heartbeats every 2 s and is unfenced; a broker whose heartbeats stop is fenced 9 s later; a
 * controlled shutdown fences the broker before the call resolves.
 */
import { describe, expect, it } from 'vitest'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { SimulatedNetwork } from '../../../../workers/net/simulated-network.ts'
import { Random } from '../../../../workers/net/random.ts'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../../../../workers/kafka/metadata/metadata-records.ts'
import {
  CONTROLLER_DEFAULTS,
  QuorumController,
} from '../../../../workers/kafka/controller/quorum-controller.ts'
import type {
  ControllerRequest,
  ControllerResponse,
} from '../../../../workers/kafka/controller/controller-messages.ts'
import { BrokerLifecycleManager } from '../../../../workers/kafka/server/broker-lifecycle-manager.ts'

const drain = () => new Promise<void>((resolve) => setImmediate(resolve))

function cluster() {
  const queue = new DeterministicTaskQueue(0)
  const network = new SimulatedNetwork<ControllerRequest, ControllerResponse>(queue, new Random(9))
  const metadata = new ClusterMetadata()
  const log = {
    async append(records: MetadataRecord[]) {
      await queue.sleep(3)
      for (const record of records) metadata.replay(record, metadata.lastOffset + 1)
      return metadata.lastOffset
    },
  }
  const controller = new QuorumController({
    scheduler: queue,
    random: new Random(1),
    log,
    metadata,
    config: CONTROLLER_DEFAULTS,
  })
  network.endpoint(100).serve((_from, request) => controller.handle(request))
  controller.activate()
  const brokers = [1, 2].map(
    (brokerId) =>
      new BrokerLifecycleManager({
        brokerId,
        incarnationId: `i${brokerId}`,
        endpoints: [{ host: 'localhost', port: 9091 + brokerId }],
        scheduler: queue,
        controllerTransport: network.endpoint(brokerId),
        controllerId: () => 100,
        metadataOffset: () => metadata.lastOffset,
      }),
  )
  return { queue, network, metadata, brokers }
}

describe('BrokerLifecycleManager', () => {
  it('registers and is unfenced within one heartbeat interval', async () => {
    const { queue, metadata, brokers } = cluster()
    for (const broker of brokers) broker.start()
    await queue.advance(2500, drain)
    expect(brokers.map((b) => b.state)).toEqual(['running', 'running'])
    expect(metadata.usableBrokers()).toEqual([1, 2])
  })

  it('is fenced by the controller 9 s after its heartbeats stop, and re-registers after a restart', async () => {
    const { queue, metadata, brokers } = cluster()
    for (const broker of brokers) broker.start()
    await queue.advance(2500, drain)
    await brokers[1]!.stop()
    await queue.advance(8000, drain)
    expect(metadata.brokers.get(2)!.fenced).toBe(false)
    await queue.advance(2000, drain)
    expect(metadata.brokers.get(2)!.fenced).toBe(true)
    expect(metadata.brokers.get(1)!.fenced).toBe(false)
  })

  it('keeps retrying while the controller is unreachable', async () => {
    const { queue, network, metadata, brokers } = cluster()
    network.partition([1], [100])
    brokers[0]!.start()
    await queue.advance(10_000, drain)
    expect(metadata.brokers.has(1)).toBe(false)
    network.heal()
    await queue.advance(5000, drain)
    expect(brokers[0]!.state).toBe('running')
  })

  it('a controlled shutdown fences the broker before it resolves', async () => {
    const { queue, metadata, brokers } = cluster()
    for (const broker of brokers) broker.start()
    await queue.advance(2500, drain)
    await queue.runUntilSettled(brokers[0]!.shutdown(), drain)
    expect(metadata.brokers.get(1)!.fenced).toBe(true)
    expect(brokers[0]!.state).toBe('stopped')
  })
})
