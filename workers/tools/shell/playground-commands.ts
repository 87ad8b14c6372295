/**
 * The playground's own commands: what happens to hosts in real life and what a terminal offers, never
 * pretending to be a Kafka or Elasticsearch tool. `help` lists them; an unknown word is answered as
 * bash answers an unknown command.
 */
import type { Clock } from '../../net/clock.ts'
import { interruptExitCode, type Interrupt, type ToolOutput } from '../tool.ts'
import type { BrokerControl } from './broker-control.ts'
import { BROKER_COMMANDS } from './broker-commands.ts'
import type { NodeControl } from './node-control.ts'
import { NODE_COMMANDS } from './node-commands.ts'
import { helpText } from './help.ts'

export interface PlaygroundControl {
  /** Clears the output pane (the console does it; the headless runner has nothing to clear). */
  clear(): void
  /** The cluster's clock, which the shell's `sleep` waits on. */
  clock: Clock
  brokers: BrokerControl
  nodes: NodeControl
}

type Command = (
  args: readonly string[],
  out: ToolOutput,
  control: PlaygroundControl,
  interrupt: Interrupt,
) => Promise<number>

const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['help', (_args, out) => (out.stdout(helpText()), Promise.resolve(0))],
  ['clear', (_args, _out, control) => (control.clear(), Promise.resolve(0))],
  // bash's builtins for the status of a list (`false || echo failed`).
  ['true', () => Promise.resolve(0)],
  ['false', () => Promise.resolve(1)],
  [
    'sleep',
    async (args, out, control, interrupt) => {
      const seconds = Number(args[0])
      if (args.length !== 1 || !Number.isFinite(seconds) || seconds < 0) {
        out.stderr(`sleep: invalid time interval '${args[0] ?? ''}'\n`)
        return 1
      }
      // Its own end, for a `wait` on its job (job-activity.ts).
      interrupt.endsBy?.(control.clock.now() + seconds * 1000)
      // Ctrl+C (or the job's signal) ends it at once with 128 + the signal, printing nothing, as sleep dies.
      const stopped =
        interrupt.idle === true ? new Promise<never>(() => undefined) : interrupt.whenInterrupted
      const signalled = await Promise.race([
        control.clock.sleep(seconds * 1000).then(() => false),
        stopped.then(() => true),
      ])
      return signalled ? interruptExitCode(interrupt) : 0
    },
  ],
  ...BROKER_COMMANDS.map(([name, run]): [string, Command] => [
    name,
    (args, out, control) => run(args, out, control.brokers),
  ]),
  ...NODE_COMMANDS.map(([name, run]): [string, Command] => [
    name,
    (args, out, control) => run(args, out, control.nodes),
  ]),
])

export function runPlaygroundCommand(
  name: string,
  args: readonly string[],
  out: ToolOutput,
  control: PlaygroundControl,
  interrupt: Interrupt,
): Promise<number> {
  const command = COMMANDS.get(name)
  if (command) return command(args, out, control, interrupt)
  out.stderr(`bash: ${name}: command not found\n`)
  return Promise.resolve(127)
}
