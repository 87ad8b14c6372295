/**
 * The playground's process commands a cluster-view row offers for a broker or a node, by the state its process is
 * in: a running one can be stopped, killed or paused, a paused one resumed or killed, a stopped one started (the
 * `stop-broker` / `stop-node` family of host-commands.ts).
 */
import type { HostState } from '../../workers/tools/shell/host-commands.ts'

export type ProcessAction = 'stop' | 'kill' | 'start' | 'pause' | 'resume'

export const PROCESS_ACTIONS: Readonly<Record<HostState, readonly ProcessAction[]>> = {
  running: ['stop', 'kill', 'pause'],
  paused: ['resume', 'kill'],
  stopped: ['start'],
}

export const PROCESS_ACTION_LABELS: Readonly<Record<ProcessAction, string>> = {
  stop: 'Stop',
  kill: 'Kill',
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
}
