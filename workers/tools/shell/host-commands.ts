/**
 * The playground commands every kind of cluster host shares (Kafka brokers, Elasticsearch nodes): stop
 * (a clean shutdown), kill (SIGKILL), start, pause and resume (SIGSTOP / SIGCONT), and cut or heal the
 * network around some hosts. A HostKind says how a kind of host is named in command names, arguments and
 * messages, so `stop-broker 2` and `stop-node es-node-2` are the same command on different hosts.
 * Each answers with one line on stdout, or a one-line complaint on stderr and exit code 1 when the host
 * is not in a state the command applies to or the arguments name no host.
 */
import type { ToolOutput } from '../tool.ts'

/** What the playground can do to a cluster's machines; the headless and the browser hosts implement it. */
export interface HostControl {
  ids(): number[]
  /** True while the host's process exists, paused or not. */
  isRunning(id: number): boolean
  isPaused(id: number): boolean
  start(id: number): Promise<void>
  stop(id: number): Promise<void>
  kill(id: number): Promise<void>
  pause(id: number): Promise<void>
  resume(id: number): Promise<void>
  /** Cuts every link between these hosts and the others. */
  isolate(ids: number[]): void
  heal(): void
}

export type HostCommand<C extends HostControl> = (
  args: readonly string[],
  out: ToolOutput,
  hosts: C,
) => Promise<number>

export type HostState = 'running' | 'paused' | 'stopped'

export function stateOf(hosts: HostControl, id: number): HostState {
  if (!hosts.isRunning(id)) return 'stopped'
  return hosts.isPaused(id) ? 'paused' : 'running'
}

export interface HostKind {
  /** The word in the command names (`stop-broker`) and in complaints (`broker 2 is not running`). */
  noun: string
  /** The host a command argument names, or null. */
  parse(word: string): number | null
  /** How complaints and hints name a host: `broker 2`, `node es-node-2`. */
  named(id: number): string
  /** How answers start: `Broker 2`, `Node es-node-2`. */
  title(id: number): string
  /** The complaint when the one argument names no host of `ids`. */
  usage(ids: readonly number[]): string
  /** The complaint of the network cut when its arguments name no hosts. */
  cutUsage(ids: readonly number[]): string
  /** How the network cut names its hosts: `broker(s) 1, 2`. */
  listed(ids: readonly number[]): string
  /** The answer of a clean stop. */
  stopped(id: number): string
  /** The names of the network commands. */
  cut: string
  heal: string
}

/** What the command says when the host is in none of the states it acts on, per state it is in. */
type Refusals = Partial<Record<HostState, (id: number) => string>>

function hostCommand(
  kind: HostKind,
  verb: string,
  wanted: readonly HostState[],
  refusals: Refusals,
  act: (hosts: HostControl, id: number) => Promise<void>,
  done: (id: number) => string,
): readonly [string, HostCommand<HostControl>] {
  const name = `${verb}-${kind.noun}`
  return [
    name,
    async (args, out, hosts) => {
      const ids = hosts.ids()
      const id = args.length === 1 ? kind.parse(args[0] ?? '') : null
      if (id === null || !ids.includes(id)) {
        out.stderr(`${name}: ${kind.usage(ids)}\n`)
        return 1
      }
      const state = stateOf(hosts, id)
      if (!wanted.includes(state)) {
        out.stderr(`${name}: ${kind.named(id)} ${refusals[state]?.(id) ?? `is ${state}`}\n`)
        return 1
      }
      await act(hosts, id)
      out.stdout(`${done(id)}\n`)
      return 0
    },
  ]
}

const notRunning = (): string => 'is not running'
const alreadyRunning = (): string => 'is already running'

/** stop-, kill-, start-, pause- and resume-<noun>. */
export function processCommands(kind: HostKind): ReadonlyArray<readonly [string, HostCommand<HostControl>]> {
  const { noun } = kind
  return [
    hostCommand(
      kind,
      'stop',
      ['running'],
      {
        stopped: notRunning,
        // SIGTERM is only handled by a stopped process once it is continued.
        paused: (id) => `is paused: resume-${noun} ${id} first (or kill-${noun} ${id})`,
      },
      (c, id) => c.stop(id),
      (id) => kind.stopped(id),
    ),
    hostCommand(
      kind,
      'kill',
      // SIGKILL ends a stopped process too.
      ['running', 'paused'],
      { stopped: notRunning },
      (c, id) => c.kill(id),
      (id) => `${kind.title(id)} killed.`,
    ),
    hostCommand(
      kind,
      'start',
      ['stopped'],
      { running: alreadyRunning, paused: (id) => `is paused: resume-${noun} ${id} continues it` },
      (c, id) => c.start(id),
      (id) => `${kind.title(id)} started.`,
    ),
    hostCommand(
      kind,
      'pause',
      ['running'],
      { stopped: notRunning, paused: () => 'is already paused' },
      (c, id) => c.pause(id),
      (id) =>
        `${kind.title(id)} paused (its process is stopped, as by kill -STOP: it neither acts nor answers).`,
    ),
    hostCommand(
      kind,
      'resume',
      ['paused'],
      { stopped: notRunning, running: () => 'is not paused' },
      (c, id) => c.resume(id),
      (id) => `${kind.title(id)} resumed (kill -CONT: it goes on where it was).`,
    ),
  ]
}

/** The network cut around some hosts, and its healing. */
export function networkCommands(kind: HostKind): ReadonlyArray<readonly [string, HostCommand<HostControl>]> {
  return [
    [
      kind.cut,
      (args, out, hosts) => {
        const ids = args.map((word) => kind.parse(word))
        const known = hosts.ids()
        if (ids.length === 0 || !ids.every((id) => id !== null && known.includes(id))) {
          out.stderr(`${kind.cut}: ${kind.cutUsage(known)}\n`)
          return Promise.resolve(1)
        }
        const cut = ids.filter((id) => id !== null)
        hosts.isolate(cut)
        out.stdout(`Network cut between ${kind.listed(cut)} and the other ${kind.noun}s.\n`)
        return Promise.resolve(0)
      },
    ],
    [
      kind.heal,
      (_args, out, hosts) => {
        hosts.heal()
        out.stdout(`Network healed: every ${kind.noun} can reach every other.\n`)
        return Promise.resolve(0)
      },
    ],
  ]
}
