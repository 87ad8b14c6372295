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
import type { Transport } from '../../../../workers/net/transport.ts'
import {
  BrokerLifecycleManager,
  resendBackoffMs,
} from '../../../../workers/kafka/server/broker-lifecycle-manager.ts'

const drain = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A controller request as a broker sent it: when, to whom, and when its answer or failure came. */
interface Sent {
  from: number
  to: number
  api: ControllerRequest['api']
  at: number
  settledAt: number | null
}

/** The broker's transport, writing down every request it sends. */
function recording(
  transport: Transport<ControllerRequest, ControllerResponse>,
  queue: DeterministicTaskQueue,
  sent: Sent[],
): Transport<ControllerRequest, ControllerResponse> {
  return {
    nodeId: transport.nodeId,
    serve: (handler) => transport.serve(handler),
    request(to, request, timeoutMs) {
      const entry: Sent = { from: transport.nodeId, to, api: request.api, at: queue.now(), settledAt: null }
      sent.push(entry)
      const answer = transport.request(to, request, timeoutMs)
      const settle = (): void => void (entry.settledAt = queue.now())
      answer.then(settle, settle)
      return answer
    },
  }
}

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
    nodeId: 100,
    scheduler: queue,
    random: new Random(1),
    log,
    metadata,
    config: CONTROLLER_DEFAULTS,
  })
  network.endpoint(100).serve((_from, request) => controller.handle(request))
  controller.activate()
  const sent: Sent[] = []
  const brokers = [1, 2].map(
    (brokerId) =>
      new BrokerLifecycleManager({
        brokerId,
        incarnationId: `i${brokerId}`,
        endpoints: [{ host: 'localhost', port: 9091 + brokerId }],
        scheduler: queue,
        controllerTransport: recording(network.endpoint(brokerId), queue, sent),
        controllerId,
        metadataOffset: () => metadata.lastOffset,
      }),
  )
  return { queue, network, metadata, brokers, controller, sent }
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

  it('sends a registration out to a departed controller to the newly named one at once, keeping one request out', async () => {
    let known = 100
    const { queue, network, brokers, controller, sent } = cluster(() => known)
    // Node 101 is the quorum's next controller; the broker cannot reach 100 any more.
    network.endpoint(101).serve((_from, request) => controller.handle(request))
    network.partition([1], [100])
    brokers[0]!.start()
    await queue.advance(500, drain)
    known = 101
    brokers[0]!.controllerChanged()
    await queue.advance(30, drain)
    expect(brokers[0]!.state).toBe('running')
    // The registration to 100 times out at 2000 ms, long after it was sent again to 101: that says nothing
    // of 101, so the heartbeats keep their 2 s rhythm from the registration on.
    await queue.advance(4500, drain)
    const fromBroker = sent.filter((s) => s.from === 1)
    expect(fromBroker.filter((s) => s.api === 'BrokerRegistration').map((s) => s.to)).toEqual([100, 101])
    const heartbeats = fromBroker.filter((s) => s.api === 'BrokerHeartbeat').map((s) => s.at)
    expect(heartbeats).toHaveLength(3)
    for (let i = 1; i < heartbeats.length; i++) {
      expect(heartbeats[i]! - heartbeats[i - 1]!).toBeGreaterThanOrEqual(2000)
      expect(heartbeats[i]! - heartbeats[i - 1]!).toBeLessThan(2100)
    }
  })

  it('a controlled shutdown asked for while a heartbeat is out waits for its answer, then asks at once', async () => {
    const { queue, network, brokers, sent } = cluster()
    brokers[0]!.start()
    await queue.advance(2100, drain)
    // The heartbeat of about 2000 ms is answered; the next one, at about 4000 ms, gets lost on the way.
    network.partition([1], [100])
    await queue.advance(2000, drain)
    const lost = sent.filter((s) => s.from === 1).at(-1)!
    expect(lost).toMatchObject({ api: 'BrokerHeartbeat', settledAt: null })
    const shutdown = brokers[0]!.shutdown()
    await queue.advance(500, drain)
    network.heal()
    await queue.runUntilSettled(shutdown, drain)
    const after = sent.filter((s) => s.from === 1 && s.at >= lost.at)
    // Never two requests out at once: each is sent after the one before it was answered or timed out.
    for (let i = 1; i < after.length; i++)
      expect(after[i]!.at).toBeGreaterThanOrEqual(after[i - 1]!.settledAt!)
    expect(brokers[0]!.state).toBe('stopped')
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
