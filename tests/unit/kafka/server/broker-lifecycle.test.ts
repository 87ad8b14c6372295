/**
 * A broker's lifecycle against a real QuorumController over the simulated network: it registers,
 * heartbeats every 2 s and is unfenced; a broker whose heartbeats stop is fenced 9 s later; a
 * controlled shutdown fences the broker before the call resolves. A broker registers as soon as its quorum
 * names a controller, and resends a failed request after Kafka's exponential backoff (100 ms doubling up
 * to broker.session.timeout.ms) rather than after a whole heartbeat interval.
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
import {
  BrokerLifecycleManager,
  resendBackoffMs,
} from '../../../../workers/kafka/server/broker-lifecycle-manager.ts'

const drain = () => new Promise<void>((resolve) => setImmediate(resolve))

/** The controller (node 100) and brokers 1 and 2; `controllerId` is who the brokers' quorum names. */
function cluster(controllerId: () => number | null = () => 100) {
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
        controllerId,
        metadataOffset: () => metadata.lastOffset,
      }),
  )
  return { queue, network, metadata, brokers, controller }
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

  it('registers as soon as the quorum names a controller, not at its next attempt', async () => {
    let known: number | null = null
    const { queue, metadata, brokers } = cluster(() => known)
    brokers[0]!.start()
    await queue.advance(700, drain)
    expect(metadata.brokers.has(1)).toBe(false)
    known = 100
    brokers[0]!.controllerChanged()
    await queue.advance(30, drain)
    expect(brokers[0]!.state).toBe('running')
    expect(metadata.usableBrokers()).toEqual([1])
  })

  it('resends after 100 ms, 200 ms, 400 ms ... once the controller stops answering', async () => {
    const { queue, network, metadata, brokers } = cluster()
    network.partition([1], [100])
    brokers[0]!.start()
    // The first attempt times out at 2000 ms (the request timeout); the second is sent 100 ms later and
    // times out at 4100; the third goes 200 ms after that, at 4300, when the network is back.
    await queue.advance(4250, drain)
    expect(metadata.brokers.has(1)).toBe(false)
    network.heal()
    await queue.advance(100, drain)
    expect(brokers[0]!.state).toBe('running')
  })

  it('a newly named controller gets the registration at once, whatever the backoff after earlier failures', async () => {
    const { queue, network, metadata, brokers } = cluster()
    network.partition([1], [100])
    brokers[0]!.start()
    // Three timed-out attempts (at 0, 2100 and 4300 ms): the next one would wait 400 ms, until 6700.
    await queue.advance(6400, drain)
    network.heal()
    brokers[0]!.controllerChanged()
    await queue.advance(30, drain)
    expect(brokers[0]!.state).toBe('running')
    expect(metadata.usableBrokers()).toEqual([1])
  })

  it('sends a registration answered NOT_CONTROLLER again after 100 ms, outside the failure backoff', async () => {
    const { queue, metadata, brokers, controller } = cluster()
    // The quorum's new leader is still replaying the metadata log: it answers NOT_CONTROLLER until it acts.
    controller.deactivate()
    brokers[0]!.start()
    await queue.advance(1550, drain)
    controller.activate()
    // With the failure backoff the attempts would be at 0, 100, 300, 700, 1500 and then 3100 ms.
    await queue.advance(110, drain)
    expect(brokers[0]!.state).toBe('running')
    expect(metadata.usableBrokers()).toEqual([1])
  })

  it('whenUnfenced resolves once the controller first unfences this incarnation, not at its registration', async () => {
    const { queue, brokers } = cluster()
    let unfencedAt: number | null = null
    void brokers[0]!.whenUnfenced.then(() => (unfencedAt = queue.now()))
    brokers[0]!.start()
    await queue.advance(2, drain)
    expect(unfencedAt).toBeNull()
    await queue.advance(30, drain)
    expect(unfencedAt).not.toBeNull()
    expect(brokers[0]!.state).toBe('running')
  })

  it.each([
    [0, 100],
    [1, 200],
    [2, 400],
    [6, 6400],
    [7, 9000],
    [40, 9000],
  ])('the resend backoff after %i failures in a row is %i ms', (attempts, ms) => {
    expect(resendBackoffMs(attempts)).toBe(ms)
  })
})
