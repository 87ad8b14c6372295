/**
 * Runs a scenario script command by command against a ShellEnvironment, as "Run all" in the console
 * does, and records each command's outcome with the line it started on. A long-running tool is interrupted as
 * a learner pressing Ctrl+C would (idleInterrupt) once it is idle: IDLE_MS of clock time after the latest of
 * - its command's start (a console consumer without --max-messages never ends by itself: whatever it prints,
 *   it gets the Ctrl+C IDLE_MS after it started);
 * - the end a tool that bounds its own wait announces (Interrupt.endsBy: a console consumer's --timeout-ms, a
 *   consumer perf test's --timeout, a throughput-limited producer perf test's last send, `sleep` in a job), so
 *   that the tool ends by itself first as the real one would;
 * - the latest progress of a tool that ends by itself once its work is done (Interrupt.progressed: a record
 *   toward --max-messages, an acknowledged send of a perf producer, a copied transaction), so that it is not cut
 *   while it is still moving on;
 * - for `wait`, the same of each job it waits on (the job's tool announces through its JobSignal).
 * Announced ends and progress count only up to OWN_END_LIMIT_MS after the command started: the hard cap is that
 * every foreground command is interrupted at most OWN_END_LIMIT_MS + IDLE_MS (65 s) of clock time after its
 * start (the simulation itself fails a call still pending after 10 minutes, headless-cluster.ts).
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
/**
 * How far after its command's start an end a tool announces for itself, or its progress, is still waited for:
 * a learner stops a tool that would run on for longer.
 */
export const OWN_END_LIMIT_MS = 60_000

export interface ScenarioStep {
  command: ScriptCommand
  outcome: CommandOutcome
}

/**
 * Interrupted once `idleMs` of clock time has passed since it was made, or since the latest end the tool
 * announced for itself (`endsBy`) or progress it made (`progressed`) if that is later, each counting only when
 * no more than `ownEndLimitMs` after it was made: so never later than `ownEndLimitMs + idleMs` after it.
 * Invariant: once interrupted it stays so (an end or progress reported then changes nothing). The clock timer
 * behind `whenInterrupted` is set only when a tool first waits on it, so tools that only poll `interrupted`
 * schedule nothing.
 */
export function idleInterrupt(clock: Clock, idleMs: number, ownEndLimitMs = OWN_END_LIMIT_MS): Interrupt {
  const start = clock.now()
  let deadline = start + idleMs
  let reached: Promise<void> | null = null
  const untilDeadline = async (): Promise<void> => {
    // The deadline moves on when the tool announces a later end or makes progress while this sleeps.
    while (clock.now() < deadline) await clock.sleep(deadline - clock.now())
  }
  const busyUntil = (atMs: number): void => {
    if (clock.now() < deadline && atMs <= start + ownEndLimitMs) {
      deadline = Math.max(deadline, atMs + idleMs)
    }
  }
  return {
    idle: true,
    get interrupted() {
      return clock.now() >= deadline
    },
    get whenInterrupted() {
      return (reached ??= untilDeadline())
    },
    endsBy: busyUntil,
    progressed: busyUntil,
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
