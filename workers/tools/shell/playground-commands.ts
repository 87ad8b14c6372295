/**
 * The playground's own commands: what happens to hosts in real life and what a terminal offers, never
 * pretending to be a Kafka or Elasticsearch tool. `help` lists them; an unknown word is answered as
 * bash answers an unknown command.
 */
import type { ToolOutput } from '../tool.ts'
import { kafkaVoters, type BrokerControl } from './broker-control.ts'

export interface PlaygroundControl {
  /** Clears the output pane (the console does it; the headless runner has nothing to clear). */
  clear(): void
  /** Waits on the cluster's clock (the shell's `sleep`). */
  sleep(ms: number): Promise<void>
  brokers: BrokerControl
}

const HELP = `Playground commands (what happens to hosts in real life):
  help                       this list
  clear                      clear the output pane
  sleep <seconds>            wait, as the shell's sleep does (the cluster goes on meanwhile)
  brokers                    list the Kafka brokers and whether each is running
  stop-broker <id>           stop a broker cleanly (controlled shutdown: its leaderships move first)
  kill-broker <id>           kill a broker's process (the controller fences it when its session expires)
  start-broker <id>          start a stopped or killed broker again
  cut-network <id> [<id>..]  cut the network between these brokers and the others
  heal-network               reconnect every broker

Kafka tools (Kafka 4.x, KRaft): kafka-topics.sh, kafka-console-producer.sh, kafka-console-consumer.sh,
  kafka-consumer-groups.sh, kafka-configs.sh
  Lines after kafka-console-producer.sh that start with '>' are the messages typed at its prompt.
Elasticsearch (8.x): Kibana Dev Tools requests (GET /, PUT my-index/_doc/1 + JSON body, ...)
  and curl lines to localhost:9200.
`

type Command = (args: readonly string[], out: ToolOutput, control: PlaygroundControl) => Promise<number>

function brokerArgument(
  name: string,
  args: readonly string[],
  out: ToolOutput,
  control: BrokerControl,
): number | null {
  const ids = control.ids()
  const id = Number(args[0])
  if (args.length !== 1 || !ids.includes(id)) {
    out.stderr(`${name}: give one broker id, from ${ids[0]} to ${ids[ids.length - 1]}\n`)
    return null
  }
  return id
}

function brokerCommand(
  name: string,
  wantRunning: boolean,
  act: (control: BrokerControl, id: number) => Promise<void>,
  done: (id: number) => string,
): Command {
  return async (args, out, { brokers }) => {
    const id = brokerArgument(name, args, out, brokers)
    if (id === null) return 1
    if (brokers.isRunning(id) !== wantRunning) {
      out.stderr(`${name}: broker ${id} is ${wantRunning ? 'not running' : 'already running'}\n`)
      return 1
    }
    await act(brokers, id)
    out.stdout(`${done(id)}\n`)
    return 0
  }
}

const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['help', (_args, out) => (out.stdout(HELP), Promise.resolve(0))],
  ['clear', (_args, _out, control) => (control.clear(), Promise.resolve(0))],
  [
    'sleep',
    async (args, out, control) => {
      const seconds = Number(args[0])
      if (args.length !== 1 || !Number.isFinite(seconds) || seconds < 0) {
        out.stderr(`sleep: invalid time interval '${args[0] ?? ''}'\n`)
        return 1
      }
      await control.sleep(seconds * 1000)
      return 0
    },
  ],
  [
    'brokers',
    (_args, out, { brokers }) => {
      const voters = kafkaVoters(brokers.ids().length)
      for (const id of brokers.ids()) {
        const role = voters.includes(id) ? 'broker, controller' : 'broker'
        out.stdout(
          `Broker ${id} (localhost:${9091 + id}, ${role}): ${brokers.isRunning(id) ? 'running' : 'stopped'}\n`,
        )
      }
      return Promise.resolve(0)
    },
  ],
  [
    'stop-broker',
    brokerCommand(
      'stop-broker',
      true,
      (c, id) => c.stop(id),
      (id) => `Broker ${id} stopped (controlled shutdown).`,
    ),
  ],
  [
    'kill-broker',
    brokerCommand(
      'kill-broker',
      true,
      (c, id) => c.kill(id),
      (id) => `Broker ${id} killed.`,
    ),
  ],
  [
    'start-broker',
    brokerCommand(
      'start-broker',
      false,
      (c, id) => c.start(id),
      (id) => `Broker ${id} started.`,
    ),
  ],
  [
    'cut-network',
    (args, out, { brokers }) => {
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
    (_args, out, { brokers }) => {
      brokers.heal()
      out.stdout('Network healed: every broker can reach every other.\n')
      return Promise.resolve(0)
    },
  ],
])

export function runPlaygroundCommand(
  name: string,
  args: readonly string[],
  out: ToolOutput,
  control: PlaygroundControl,
): Promise<number> {
  const command = COMMANDS.get(name)
  if (command) return command(args, out, control)
  out.stderr(`bash: ${name}: command not found\n`)
  return Promise.resolve(127)
}
