/**
 * Runs a scenario script command by command against a ShellEnvironment, as "Run all" in the console
 * does, and records each command's outcome with the line it started on. A long-running tool (a console
 * consumer without --max-messages, a producer perf test) is interrupted once IDLE_MS of clock time have
 * passed since the command started, as a learner pressing Ctrl+C: a tool that checks `interrupted` sees it
 * at its next check, and one that waits on `whenInterrupted` (a perf test at --throughput 0) wakes then.
 */
import type { Clock } from '../../net/clock.ts'
import { parseScript } from '../script/parse-script.ts'
import type { ScriptCommand } from '../script/types.ts'
import type { Interrupt } from '../tool.ts'
import { runCommand } from '../shell/shell.ts'
import type { HeadlessCluster } from './headless-cluster.ts'
import type { CommandOutcome } from '../shell/command-outcome.ts'

export const IDLE_MS = 5_000

export interface ScenarioStep {
  command: ScriptCommand
  outcome: CommandOutcome
}

/**
 * Interrupted once `idleMs` of clock time has passed since it was made. The clock timer behind
 * `whenInterrupted` is set only when a tool first waits on it, so tools that only poll `interrupted`
 * schedule nothing.
 */
export function idleInterrupt(clock: Clock, idleMs: number): Interrupt {
  const deadline = clock.now() + idleMs
  let reached: Promise<void> | null = null
  return {
    get interrupted() {
      return clock.now() >= deadline
    },
    get whenInterrupted() {
      return (reached ??= clock.sleep(Math.max(0, deadline - clock.now())))
    },
  }
}

export async function runScenario(text: string, cluster: HeadlessCluster): Promise<ScenarioStep[]> {
  const steps: ScenarioStep[] = []
  const quiet = { stdout: () => undefined, stderr: () => undefined }
  const { env } = cluster
  for (const command of parseScript(text)) {
    const outcome = await cluster.run(runCommand(command, env, quiet, idleInterrupt(env.clock, IDLE_MS)))
    steps.push({ command, outcome })
  }
  return steps
}
