/**
 * The playground's broker commands on the headless cluster (virtual time, seeded network): pause-broker
 * and resume-broker as SIGSTOP / SIGCONT (nothing fenced within broker.session.timeout.ms, fenced and out
 * of every ISR after it, back in after resume; calls to the paused broker wait), add-broker as a
 * broker-only observer of the quorum up to 9 brokers, the refusals of each command, the controller's
 * automatic preferred leader election 300 s after it became active, and `help`.
 */
import { describe, expect, it } from 'vitest'
import type { HeadlessCluster } from '../../../../workers/tools/scenario/headless-cluster.ts'
import { runScenario } from '../../../../workers/tools/scenario/scenario-runner.ts'
import { formatOutcome } from '../../../../workers/tools/scenario/transcript.ts'
import { KAFKA_TOOLS } from '../../../../workers/tools/kafka/index.ts'
import { BROKER_COMMANDS } from '../../../../workers/tools/shell/broker-commands.ts'
import { headlessTestCluster } from '../../scenario/wasm.ts'

function cluster(): Promise<HeadlessCluster> {
  return headlessTestCluster(3, 1, 7)
}

/** Each command's printed outcome (stdout, then stderr), in order. */
async function run(c: HeadlessCluster, script: string): Promise<string[]> {
  return (await runScenario(script, c)).map((step) => formatOutcome(step.outcome))
}

const CREATE =
  'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 3 --replication-factor 3'
const DESCRIBE = 'kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic t'

/** `Leader: n ... Isr: a,b,c` of each partition line of a describe. */
function leadersAndIsrs(describe: string): string[] {
  return [...describe.matchAll(/Leader: (\S+)\tReplicas: (\S+)\tIsr: (\S+)/g)].map(
    (m) => `${m[1]} ${m[2]} ${m[3]}`,
  )
}

describe('pause-broker and resume-broker', () => {
  it('freeze a broker: fenced and out of every ISR once its session expires, back after resume', async () => {
    const c = await cluster()
    const [, before] = await run(c, `${CREATE}\n${DESCRIBE}`)
    const out = await run(
      c,
      `pause-broker 2\nbrokers\nsleep 5\n${DESCRIBE}\nsleep 10\n${DESCRIBE}\nresume-broker 2\nbrokers\nsleep 15\n${DESCRIBE}`,
    )
    expect(out[0]).toBe(
      'Broker 2 paused (its process is stopped, as by kill -STOP: it neither acts nor answers).\n',
    )
    expect(out[1]).toBe(
      'Broker 1 (localhost:9092, broker, controller): running\n' +
        'Broker 2 (localhost:9093, broker, controller): paused\n' +
        'Broker 3 (localhost:9094, broker, controller): running\n',
    )
    // 5 s in, within broker.session.timeout.ms (9 s): nothing has changed.
    expect(leadersAndIsrs(out[3]!)).toEqual(leadersAndIsrs(before!))
    // 15 s in: fenced, out of every ISR, its leaderships moved.
    for (const line of leadersAndIsrs(out[5]!)) {
      const [leader, , isr] = line.split(' ')
      expect(leader).not.toBe('2')
      expect(isr!.split(',')).not.toContain('2')
    }
    expect(out[6]).toBe('Broker 2 resumed (kill -CONT: it goes on where it was).\n')
    expect(out[7]).toContain('Broker 2 (localhost:9093, broker, controller): running\n')
    for (const line of leadersAndIsrs(out[9]!))
      expect(line.split(' ')[2]!.split(',').sort()).toEqual(['1', '2', '3'])
  })

  it('make calls to the paused broker wait until it resumes', async () => {
    const c = await cluster()
    await run(c, 'pause-broker 3')
    let answered = false
    const call = c.env.kafka
      .admin('localhost:9094')
      .listTopics()
      .then(() => (answered = true))
    await c.run(c.env.clock.sleep(20_000))
    expect(answered).toBe(false)
    await run(c, 'resume-broker 3')
    await c.run(call)
    expect(answered).toBe(true)
  })

  it('refuse brokers in the wrong state, and kill a paused broker', async () => {
    const c = await cluster()
    const out = await run(
      c,
      'resume-broker 1\npause-broker 1\npause-broker 1\nstop-broker 1\nstart-broker 1\nkill-broker 1\nbrokers\npause-broker 1\nresume-broker 1\npause-broker 4\nresume-broker',
    )
    expect(out).toEqual([
      'resume-broker: broker 1 is not paused\n',
      'Broker 1 paused (its process is stopped, as by kill -STOP: it neither acts nor answers).\n',
      'pause-broker: broker 1 is already paused\n',
      'stop-broker: broker 1 is paused: resume-broker 1 first (or kill-broker 1)\n',
      'start-broker: broker 1 is paused: resume-broker 1 continues it\n',
      'Broker 1 killed.\n',
      'Broker 1 (localhost:9092, broker, controller): stopped\n' +
        'Broker 2 (localhost:9093, broker, controller): running\n' +
        'Broker 3 (localhost:9094, broker, controller): running\n',
      'pause-broker: broker 1 is not running\n',
      'resume-broker: broker 1 is not running\n',
      'pause-broker: give one broker id, from 1 to 3\n',
      'resume-broker: give one broker id, from 1 to 3\n',
    ])
  })
})

describe('add-broker', () => {
  it('starts broker-only nodes that register, observe the quorum and take new partitions, up to 9', async () => {
    const c = await cluster()
    const out = await run(
      c,
      'add-broker\nadd-broker now\nsleep 5\nbrokers\n' +
        'kafka-metadata-quorum.sh --bootstrap-server localhost:9092 describe --status\n' +
        'kafka-topics.sh --bootstrap-server localhost:9095 --create --topic wide --partitions 4 --replication-factor 4\n' +
        'kafka-topics.sh --bootstrap-server localhost:9095 --describe --topic wide\n' +
        'add-broker\nadd-broker\nadd-broker\nadd-broker\nadd-broker\nadd-broker\nstart-broker 9',
    )
    expect(out.slice(0, 2)).toEqual([
      'Broker 4 added (localhost:9095, broker) with an empty log dir.\n',
      'add-broker: takes no arguments (the new broker gets the next id)\n',
    ])
    expect(out[3]).toBe(
      'Broker 1 (localhost:9092, broker, controller): running\n' +
        'Broker 2 (localhost:9093, broker, controller): running\n' +
        'Broker 3 (localhost:9094, broker, controller): running\n' +
        'Broker 4 (localhost:9095, broker): running\n',
    )
    expect(out[4]).toContain('CurrentObservers:       [{"id": 4, "directoryId": null}]\n')
    expect(out[4]).toContain(
      '{"id": 3, "directoryId": null, "endpoints": ["CONTROLLER://localhost:19094"]}]\n',
    )
    for (const line of leadersAndIsrs(out[6]!))
      expect(line.split(' ')[1]!.split(',').sort()).toEqual(['1', '2', '3', '4'])
    expect(out.slice(7)).toEqual([
      'Broker 5 added (localhost:9096, broker) with an empty log dir.\n',
      'Broker 6 added (localhost:9097, broker) with an empty log dir.\n',
      'Broker 7 added (localhost:9098, broker) with an empty log dir.\n',
      'Broker 8 added (localhost:9099, broker) with an empty log dir.\n',
      'Broker 9 added (localhost:9100, broker) with an empty log dir.\n',
      'add-broker: the playground runs at most 9 brokers\n',
      'start-broker: broker 9 is already running\n',
    ])
  })
})

describe('automatic preferred leader election', () => {
  it('moves leaderships back to the preferred replicas at the next 300 s check, not when the broker returns', async () => {
    const c = await cluster()
    const [, preferred] = await run(c, `${CREATE}\n${DESCRIBE}`)
    const out = await run(
      c,
      `kill-broker 2\nsleep 15\nstart-broker 2\nsleep 30\n${DESCRIBE}\nsleep 250\n${DESCRIBE}`,
    )
    const moved = leadersAndIsrs(out[4]!)
    // Broker 2 is back in every ISR, but no partition it prefers is led by it yet.
    for (const line of moved) {
      const [leader, replicas, isr] = line.split(' ')
      expect(isr!.split(',').sort()).toEqual(['1', '2', '3'])
      if (replicas!.startsWith('2,')) expect(leader).not.toBe('2')
    }
    expect(moved.some((line) => line.split(' ')[1]!.startsWith('2,'))).toBe(true)
    // About 320 s after the controller became active: every leader is its first replica again.
    const balanced = leadersAndIsrs(out[6]!)
    for (const line of balanced) expect(line.split(' ')[0]).toBe(line.split(' ')[1]!.split(',')[0])
    expect(balanced.map((l) => l.split(' ')[1])).toEqual(
      leadersAndIsrs(preferred!).map((l) => l.split(' ')[1]),
    )
  })
})

describe('help', () => {
  it('lists every broker command and every Kafka tool, within 110 columns', async () => {
    const c = await cluster()
    const [help] = await run(c, 'help')
    for (const [name] of BROKER_COMMANDS) expect(help).toMatch(new RegExp(`^  ${name}\\b`, 'm'))
    for (const tool of KAFKA_TOOLS.keys()) expect(help).toContain(`${tool}.sh`)
    for (const line of help!.split('\n')) expect(line.length).toBeLessThanOrEqual(110)
  })
})
