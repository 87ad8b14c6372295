import { describe, expect, it } from 'vitest'
import { Random } from '../../../../workers/net/random.ts'
import { RaftCluster } from './raft-cluster.ts'

/**
 * Seeded random fault schedules: stop/start, partition/heal, pause/resume and message drops while a
 * client appends through whoever leads. The invariant checker runs after every task; at the end the
 * faults are lifted and every member must hold the same committed log, including every acked append.
 */
async function runSchedule(seed: number): Promise<void> {
  const random = new Random(seed)
  const voters = seed % 2 === 0 ? [1, 2, 3] : [1, 2, 3, 4, 5]
  const cluster = new RaftCluster(seed, voters, [9])
  const ids = [...voters, 9]
  await cluster.startAll()
  const acked: string[] = []
  const paused = new Set<number>()
  let counter = 0
  for (let step = 0; step < 24; step++) {
    const target = ids[random.nextInt(ids.length)]!
    switch (random.nextInt(6)) {
      case 0:
        cluster.stop(target)
        break
      case 1:
        await cluster.start(target)
        break
      case 2:
        cluster.net.partition(ids.filter(() => random.nextInt(2) === 0))
        break
      case 3:
        cluster.net.heal()
        break
      case 4:
        if (paused.delete(target)) cluster.net.resume(target)
        else {
          paused.add(target)
          cluster.net.pause(target)
        }
        break
      default:
        cluster.net.setDropRate(random.nextInt(3) * 0.1)
    }
    const [leader] = cluster.leaders()
    if (leader) {
      const k = `r${counter++}`
      leader.client.append([{ k }]).then(
        () => acked.push(k),
        () => undefined,
      )
    }
    await cluster.run(200 + random.nextInt(800))
  }
  cluster.net.heal()
  cluster.net.setDropRate(0)
  for (const id of paused) cluster.net.resume(id)
  for (const id of ids) await cluster.start(id)
  // Held timers of a resumed node may still cost the first leader its term: append as a client would,
  // retrying through whoever leads next.
  let leader = await cluster.awaitLeader(60_000)
  for (let attempt = 1; ; attempt++) {
    try {
      await cluster.settle(leader.client.append([{ k: 'final' }]))
      break
    } catch (error) {
      if (attempt === 5) throw error
      leader = await cluster.awaitLeader(60_000)
    }
  }
  await cluster.run(3000)
  const committed = cluster.invariants.committedDataKeys().map((key) => key.slice(key.indexOf(':') + 1))
  expect(committed.at(-1)).toBe('final')
  for (const k of acked) expect(committed).toContain(k)
  for (const node of cluster.nodes.values()) {
    expect(node.client.highWatermark(), `node ${node.id}, seed ${seed}`).toBe(leader.client.logEndOffset())
    expect(node.delivered.map((b) => b.records.map((r) => r.k).join())).toEqual(committed)
  }
}

describe('KafkaRaftClient under seeded fault schedules', () => {
  it('keeps every committed batch, in one order on every member, over 100 schedules', async () => {
    for (let seed = 1; seed <= 100; seed++) await runSchedule(seed)
  }, 120_000)
})
