/**
 * Runs a scenario script command by command against a ShellEnvironment, as "Run all" in the console
 * does, and records each command's outcome with the line it started on. A long-running tool (a console
 * consumer without --max-messages, a producer perf test) is interrupted as a learner pressing Ctrl+C would
 * (idleInterrupt): IDLE_MS of clock time after its command started, whatever it printed meanwhile, or, when a
 * tool bounds its own wait (a console consumer's --timeout-ms, a consumer perf test's --timeout) and says when
 * that wait ends it (Interrupt.endsBy), IDLE_MS after that end, so that the tool ends by itself first as the
 * real one would; an end announced later than OWN_END_LIMIT_MS after the command started is not waited for.
 * A tool that checks `interrupted` sees the Ctrl+C at its next check, and one that waits on `whenInterrupted`
 * (a perf test at --throughput 0) wakes then.
 * A command that ends with `&` starts a background job and the next command runs at once; the jobs go on
 * under the same virtual clock while later commands run (`sleep` lets time pass), so a seed replays them
 * exactly. Jobs still running when the script ends get SIGHUP, as when a terminal is closed, and the run
 * waits for them to end; each step's outcome is its command's whole output.
 */
import type { Clock } from '../../net/clock.ts'
import { parseScript } from '../script/parse-script.ts'
import type { ScriptCommand } from '../script/types.ts'
import type { Interrupt } from '../tool.ts'
import { ProcessSignal, SIGHUP } from '../process-signal.ts'
import { runCommand } from '../shell/shell.ts'
import { runsInBackground } from '../shell/job-runner.ts'
import type { HeadlessCluster } from './headless-cluster.ts'
import type { CommandOutcome } from '../shell/command-outcome.ts'

export const IDLE_MS = 5_000
/** How far after its command's start an end a tool announces for itself is still waited for. */
export const OWN_END_LIMIT_MS = 60_000

export interface ScenarioStep {
  command: ScriptCommand
  outcome: CommandOutcome
}

/**
 * Interrupted once `idleMs` of clock time has passed since it was made, or since the latest end the tool
 * announced for itself (`endsBy`) if that is later and no more than `ownEndLimitMs` after it was made.
 * Invariant: once interrupted it stays so (an end announced then changes nothing). The clock timer behind
 * `whenInterrupted` is set only when a tool first waits on it, so tools that only poll `interrupted` schedule
 * nothing.
 */
export function idleInterrupt(clock: Clock, idleMs: number, ownEndLimitMs = OWN_END_LIMIT_MS): Interrupt {
  const start = clock.now()
  let deadline = start + idleMs
  let reached: Promise<void> | null = null
  const untilDeadline = async (): Promise<void> => {
    // The deadline moves on when the tool announces a later end of its own while this sleeps.
    while (clock.now() < deadline) await clock.sleep(deadline - clock.now())
  }
  return {
    idle: true,
    get interrupted() {
      return clock.now() >= deadline
    },
    get whenInterrupted() {
      return (reached ??= untilDeadline())
    },
    endsBy(atMs: number) {
      if (clock.now() < deadline && atMs <= start + ownEndLimitMs) {
        deadline = Math.max(deadline, atMs + idleMs)
      }
    },
  }
}

export async function runScenario(text: string, cluster: HeadlessCluster): Promise<ScenarioStep[]> {
  const steps: Promise<ScenarioStep>[] = []
  const quiet = { stdout: () => undefined, stderr: () => undefined }
  const { env } = cluster
  const terminal = new ProcessSignal()
  for (const command of parseScript(text)) {
    if (runsInBackground(command)) {
      // Started now; it runs while the simulation runs for the commands that follow.
      const job = runCommand(command, env, quiet, terminal).then((outcome) => ({ command, outcome }))
      // A job that fails fails the run at the end, with the others (not as an unhandled rejection now).
      job.catch(() => undefined)
      steps.push(job)
      continue
    }
    const outcome = await cluster.run(runCommand(command, env, quiet, idleInterrupt(env.clock, IDLE_MS)))
    steps.push(Promise.resolve({ command, outcome }))
  }
  if (env.jobs.list().length > 0) terminal.fire(SIGHUP)
  return cluster.run(Promise.all(steps))
}
