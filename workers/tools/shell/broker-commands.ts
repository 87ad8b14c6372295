/**
 * The playground commands that act on the brokers' hosts, as an operator acts on real machines: list
 * them, stop (controlled shutdown), kill (SIGKILL), start, pause and resume (SIGSTOP / SIGCONT), add one
 * more broker, and cut or heal the network. Each answers with one line on stdout, or a one-line
 * complaint on stderr and exit code 1 when the broker is not in a state the command applies to.
 */
import type { ToolOutput } from '../tool.ts'
import { MAX_BROKERS, type BrokerControl } from './broker-control.ts'

export type BrokerCommand = (
  args: readonly string[],
  out: ToolOutput,
  brokers: BrokerControl,
) => Promise<number>

type BrokerState = 'running' | 'paused' | 'stopped'

function stateOf(brokers: BrokerControl, id: number): BrokerState {
  if (!brokers.isRunning(id)) return 'stopped'
  return brokers.isPaused(id) ? 'paused' : 'running'
}

/** What the command says when the broker is in none of the states it acts on, per state it is in. */
type Refusals = Partial<Record<BrokerState, (id: number) => string>>

function brokerCommand(
  name: string,
  wanted: readonly BrokerState[],
  refusals: Refusals,
  act: (brokers: BrokerControl, id: number) => Promise<void>,
  done: (id: number) => string,
): BrokerCommand {
  return async (args, out, brokers) => {
    const ids = brokers.ids()
    const id = Number(args[0])
    if (args.length !== 1 || !ids.includes(id)) {
      out.stderr(`${name}: give one broker id, from ${ids[0]} to ${ids[ids.length - 1]}\n`)
      return 1
    }
    const state = stateOf(brokers, id)
    if (!wanted.includes(state)) {
      out.stderr(`${name}: broker ${id} ${refusals[state]?.(id) ?? `is ${state}`}\n`)
      return 1
    }
    await act(brokers, id)
    out.stdout(`${done(id)}\n`)
    return 0
  }
}

const notRunning = (): string => 'is not running'
const alreadyRunning = (): string => 'is already running'

export const BROKER_COMMANDS: ReadonlyArray<readonly [string, BrokerCommand]> = [
  [
    'brokers',
    (_args, out, brokers) => {
      const voters = brokers.voters()
      for (const id of brokers.ids()) {
        const role = voters.includes(id) ? 'broker, controller' : 'broker'
        out.stdout(`Broker ${id} (localhost:${9091 + id}, ${role}): ${stateOf(brokers, id)}\n`)
      }
      return Promise.resolve(0)
    },
  ],
  [
    'stop-broker',
    brokerCommand(
      'stop-broker',
      ['running'],
      {
        stopped: notRunning,
        // kafka-server-stop sends SIGTERM, which a stopped process only handles once it is continued.
        paused: (id) => `is paused: resume-broker ${id} first (or kill-broker ${id})`,
      },
      (c, id) => c.stop(id),
      (id) => `Broker ${id} stopped (controlled shutdown).`,
    ),
  ],
  [
    'kill-broker',
    brokerCommand(
      'kill-broker',
      // SIGKILL ends a stopped process too.
      ['running', 'paused'],
      { stopped: notRunning },
      (c, id) => c.kill(id),
      (id) => `Broker ${id} killed.`,
    ),
  ],
  [
    'start-broker',
    brokerCommand(
      'start-broker',
      ['stopped'],
      { running: alreadyRunning, paused: (id) => `is paused: resume-broker ${id} continues it` },
      (c, id) => c.start(id),
      (id) => `Broker ${id} started.`,
    ),
  ],
  [
    'pause-broker',
    brokerCommand(
      'pause-broker',
      ['running'],
      { stopped: notRunning, paused: () => 'is already paused' },
      (c, id) => c.pause(id),
      (id) => `Broker ${id} paused (its process is stopped, as by kill -STOP: it neither acts nor answers).`,
    ),
  ],
  [
    'resume-broker',
    brokerCommand(
      'resume-broker',
      ['paused'],
      { stopped: notRunning, running: () => 'is not paused' },
      (c, id) => c.resume(id),
      (id) => `Broker ${id} resumed (kill -CONT: it goes on where it was).`,
    ),
  ],
  [
    'add-broker',
    async (args, out, brokers) => {
      if (args.length > 0) {
        out.stderr('add-broker: takes no arguments (the new broker gets the next id)\n')
        return 1
      }
      if (brokers.ids().length >= MAX_BROKERS) {
        out.stderr(`add-broker: the playground runs at most ${MAX_BROKERS} brokers\n`)
        return 1
      }
      const id = await brokers.add()
      out.stdout(`Broker ${id} added (localhost:${9091 + id}, broker) with an empty log dir.\n`)
      return 0
    },
  ],
  [
    'cut-network',
    (args, out, brokers) => {
      const ids = args.map(Number)
      if (ids.length === 0 || !ids.every((id) => brokers.ids().includes(id))) {
        out.stderr(`cut-network: give the ids of the brokers to cut off, from ${brokers.ids().join(', ')}\n`)
        return Promise.resolve(1)
      }
      brokers.isolate(ids)
      out.stdout(`Network cut between broker(s) ${ids.join(', ')} and the other brokers.\n`)
      return Promise.resolve(0)
    },
  ],
  [
    'heal-network',
    (_args, out, brokers) => {
      brokers.heal()
      out.stdout('Network healed: every broker can reach every other.\n')
      return Promise.resolve(0)
    },
  ],
]
