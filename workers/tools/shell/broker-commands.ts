/**
 * The playground commands that act on the brokers' hosts, as an operator acts on real machines: list
 * them, stop (controlled shutdown), kill (SIGKILL), start, pause and resume (SIGSTOP / SIGCONT), add one
 * more broker, and cut or heal the network. Each answers with one line on stdout, or a one-line
 * complaint on stderr and exit code 1 when the broker is not in a state the command applies to. The
 * process and network commands are the ones every host shares (host-commands.ts).
 */
import { MAX_BROKERS, type BrokerControl } from './broker-control.ts'
import {
  networkCommands,
  processCommands,
  stateOf,
  type HostCommand,
  type HostKind,
} from './host-commands.ts'

export type BrokerCommand = HostCommand<BrokerControl>

const BROKER: HostKind = {
  noun: 'broker',
  parse: (word) => Number(word),
  named: (id) => `broker ${id}`,
  title: (id) => `Broker ${id}`,
  usage: (ids) => `give one broker id, from ${ids[0]} to ${ids[ids.length - 1]}`,
  cutUsage: (ids) => `give the ids of the brokers to cut off, from ${ids.join(', ')}`,
  listed: (ids) => `broker(s) ${ids.join(', ')}`,
  stopped: (id) => `Broker ${id} stopped (controlled shutdown).`,
  cut: 'cut-network',
  heal: 'heal-network',
}

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
  ...processCommands(BROKER),
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
  ...networkCommands(BROKER),
]
