/**
 * Runs one command as a background job of the shell session (`command &`), as an interactive bash does:
 * it takes a job number and a pid (jobs.ts), prints `[N] PID` on stderr, and runs while the next command
 * starts. Its output goes to the terminal it was started from. A signal (`kill`, the terminal's Stop)
 * reaches the job's process: a Kafka tool is a JVM, which runs its shutdown hooks on SIGHUP, SIGINT and
 * SIGTERM (a console consumer prints `Processed a total of N messages`) and exits with 128 + the signal; any
 * other process (`sleep`), and a JVM on SIGKILL, dies at once and prints nothing more. When the job ends,
 * bash's notification (`[1]+  Done                    cmd`) follows its output, except when the terminal
 * itself hung up (its interrupt fired with SIGHUP: the shell is gone and reports nothing). The job's signal
 * also takes what its tool tells about its own end (an announced end, progress) into the job's activity, which
 * `wait` follows (job-activity.ts).
 *
 * The outcome resolves when the job ends: its exit status, its two streams (the job lines on stderr), and
 * `terminal`, everything in the order it was written.
 */
import type { Interrupt, ToolOutput } from '../tool.ts'
import { SIGHUP, SIGKILL } from '../process-signal.ts'
import { JobActivity, JobSignal } from './job-activity.ts'
import { SIGINT } from '../tool.ts'
import type { CommandOutcome } from './command-outcome.ts'
import type { ScriptCommand } from '../script/types.ts'
import type { Job, JobEnd, JobTable } from './jobs.ts'

export interface BackgroundCommand {
  /** The command as typed, with its `&`. */
  source: string
  /** What the shell printed while reading the line (bash's here-document warnings), before `[N] PID`; '' when nothing. */
  read: string
  kind: 'kafka' | 'playground'
  /** Runs the command itself with the job's output and signal. */
  run(out: ToolOutput, interrupt: Interrupt): Promise<CommandOutcome>
}

/** Whether the command's line ends with `&`. */
export function runsInBackground(
  command: ScriptCommand,
): command is Extract<ScriptCommand, { kind: 'kafka' | 'playground' | 'list' }> {
  return (
    (command.kind === 'kafka' || command.kind === 'playground' || command.kind === 'list') &&
    command.background === true
  )
}

/**
 * The command as `jobs` shows it, as bash prints a command back: continuation lines joined, blanks between
 * words made one space (quoted text kept as written), the `&` and a comment after it dropped.
 */
export function jobText(source: string): string {
  const joined = source.replace(/\\\r?\n/g, '').replace(/\s*&\s*(#.*)?$/, '')
  let text = ''
  let quote: string | null = null
  for (const c of joined.trim()) {
    if (quote === null && (c === ' ' || c === '\t')) {
      if (!text.endsWith(' ')) text += ' '
      continue
    }
    if (c === quote) quote = null
    else if (quote === null && (c === "'" || c === '"')) quote = c
    text += c
  }
  return text
}

/** Starts the job at once (it is in the table when this returns) and resolves when it ends. */
export function startJob(
  jobs: JobTable,
  command: BackgroundCommand,
  out: ToolOutput,
  terminal: Interrupt,
): Promise<CommandOutcome> {
  const { number, pid } = jobs.reserve()
  const text = { stdout: '', stderr: '', terminal: '' }
  let open = true
  const write =
    (stream: 'stdout' | 'stderr') =>
    (chunk: string): void => {
      if (!open) return
      text[stream] += chunk
      text.terminal += chunk
      out[stream](chunk)
    }
  const jobOut: ToolOutput = { stdout: write('stdout'), stderr: write('stderr') }
  const activity = new JobActivity()
  const signal = new JobSignal(activity)
  let dies: (signal: number) => void = () => undefined
  const died = new Promise<number>((resolve) => (dies = resolve))
  const kill = (sent: number): void => {
    signal.fire(sent)
    if (sent === SIGKILL || command.kind !== 'kafka') dies(sent)
  }
  let ends: (end: JobEnd) => void = () => undefined
  const job: Job = {
    number,
    pid,
    text: jobText(command.source),
    kill,
    ended: new Promise<JobEnd>((resolve) => (ends = resolve)),
    activity,
  }
  jobs.add(job)
  if (command.read !== '') jobOut.stderr(command.read)
  jobOut.stderr(`[${number}] ${pid}\n`)
  void terminal.whenInterrupted.then(() => kill(terminal.signal ?? SIGINT))
  const exited = command
    .run(jobOut, signal)
    .then((outcome): JobEnd => ({ exitCode: outcome.kind === 'es' ? 0 : outcome.exitCode, killedBy: null }))
  const killed = died.then((sent): JobEnd => ({ exitCode: 128 + sent, killedBy: sent }))
  const finish = (end: JobEnd): CommandOutcome => {
    const hungUp = terminal.interrupted && terminal.signal === SIGHUP
    if (!hungUp) jobOut.stderr(jobs.line(job, end))
    jobs.remove(job, end.exitCode)
    open = false
    ends(end)
    return { kind: command.kind, exitCode: end.exitCode, ...text }
  }
  return Promise.race([exited, killed]).then(finish, (error: unknown) => {
    finish({ exitCode: 1, killedBy: null })
    throw error
  })
}
