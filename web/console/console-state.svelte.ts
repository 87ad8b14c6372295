/**
 * The console's state: the buffer text, the output entries, and what is running. Commands are parsed
 * from the whole buffer (parseScript) and run through the shell; each output entry is its own terminal,
 * where its command's output streams. Running a command while others run starts it beside them, as a second
 * terminal would. A Run or Run all runs its commands in order, each waiting for the one before unless that
 * one ends with `&` (a background job of the session's shell: `jobs`, `wait`, `kill %N`). Each running entry
 * has its own Stop (SIGINT to its command: a consumer prints its count and ends; the rest of its Run all is
 * dropped when it was not a background job); Ctrl+C and the toolbar's Stop stop the newest running entry
 * that is not a background job. A command waits only for the cluster it talks to: a Kafka tool for Kafka, a
 * Dev Tools request or curl for Elasticsearch, a playground command for both.
 */
import { parseScript } from '../../workers/tools/script/parse-script.ts'
import { commandAt } from '../../workers/tools/script/command-at.ts'
import type { ScriptCommand } from '../../workers/tools/script/types.ts'
import { runCommand, type ShellEnvironment } from '../../workers/tools/shell/shell.ts'
import { formatOutcome, typedLines } from '../../workers/tools/scenario/transcript.ts'
import { ProcessSignal } from '../../workers/tools/process-signal.ts'
import { runsInBackground } from '../../workers/tools/shell/job-runner.ts'

export interface OutputEntry {
  id: number
  /** The command as typed (with `>` lines for a producer). */
  command: string
  /** Output as it streams; replaced by the formatted outcome when the command ends. */
  text: string
  state: 'running' | 'ok' | 'error'
  /** `201 Created` for an ES request, `exit 1` for a failed tool, '' otherwise. */
  status: string
}

/** One Run or Run all: its commands in order, until one is stopped. */
interface Sequence {
  cancelled: boolean
}

/** A running entry: its command's signal, the sequence it belongs to, and whether it runs with `&`. */
interface Active {
  id: number
  signal: ProcessSignal
  sequence: Sequence
  background: boolean
}

let nextId = 1

/** When each cluster is ready for the commands that talk to it. */
export type ClusterReadiness = Readonly<Record<'kafka' | 'es', Promise<unknown>>>

/** What a command waits for before it runs. */
function readiness(ready: ClusterReadiness, command: ScriptCommand): Promise<unknown> {
  switch (command.kind) {
    case 'kafka':
      return ready.kafka
    case 'es':
      return ready.es
    case 'playground':
    case 'list':
      return Promise.all([ready.kafka, ready.es])
    case 'error':
      return Promise.resolve()
  }
}

export class ConsoleState {
  text = $state('')
  /** The cursor: its character offset in the buffer and its 1-based line. What Run runs. */
  cursor = $state({ offset: 0, line: 1 })
  entries = $state<OutputEntry[]>([])
  /** The running entries, oldest first (an entry keeps running when Clear removes it from view). */
  private active = $state.raw<Active[]>([])
  /** True once both clusters answer; commands run before that wait for the one they talk to. */
  ready = $state(false)
  private env: Promise<ShellEnvironment> | null = null
  private whenReady: ClusterReadiness | null = null

  /** True while any command runs. */
  get running(): boolean {
    return this.active.length > 0
  }

  /** True while a command that Ctrl+C would stop runs (one not started with `&`). */
  get interruptible(): boolean {
    return this.active.some((active) => !active.background)
  }

  /**
   * The clusters that commands run on: given at once, usable when `env` resolves, and each cluster once its
   * `whenReady` promise resolves (by default both with `env`).
   */
  attach(env: Promise<ShellEnvironment>, whenReady: ClusterReadiness = { kafka: env, es: env }): void {
    this.env = env
    this.whenReady = whenReady
    void Promise.all([env, whenReady.kafka, whenReady.es]).then(() => (this.ready = true))
  }

  clear(): void {
    this.entries = []
  }

  /** Runs the command under the cursor. */
  async runAt(cursor: { offset: number; line: number } = this.cursor): Promise<void> {
    const command = commandAt(parseScript(this.text), cursor.offset, cursor.line)
    if (command) await this.runCommands([command])
  }

  async runAll(): Promise<void> {
    await this.runCommands(parseScript(this.text))
  }

  /** Runs commands given as text, as if typed and run (the cluster view's Stop / Kill / Start buttons). */
  async runSource(source: string): Promise<void> {
    await this.runCommands(parseScript(source))
  }

  /** Ctrl+C: stops the newest running command not started with `&`, and the rest of its Run all. */
  interrupt(): void {
    const newest = this.active.filter((active) => !active.background).at(-1)
    if (newest) this.stop(newest.id)
  }

  /** The entry's Stop: SIGINT to its command; a foreground command's Run all goes no further. */
  stop(id: number): void {
    const active = this.active.find((candidate) => candidate.id === id)
    if (!active) return
    if (!active.background) active.sequence.cancelled = true
    active.signal.fire()
  }

  private async runCommands(commands: ScriptCommand[]): Promise<void> {
    if (!this.env || !this.whenReady) return
    const { env, whenReady } = this
    const sequence: Sequence = { cancelled: false }
    for (const command of commands) {
      if (sequence.cancelled) break
      const { finished } = await this.start(await env, whenReady, command, sequence)
      if (!runsInBackground(command)) await finished
    }
  }

  /**
   * Adds the command's entry, waits for its cluster, and starts it: resolves once it runs (a background job
   * is then in the job table), with the promise of its end.
   */
  private async start(
    env: ShellEnvironment,
    ready: ClusterReadiness,
    command: ScriptCommand,
    sequence: Sequence,
  ): Promise<{ finished: Promise<void> }> {
    const shown = [command.command, ...typedLines(command)].join('\n')
    this.entries.push({ id: nextId++, command: shown, text: '', state: 'running', status: '' })
    const entry = this.entries[this.entries.length - 1]!
    const signal = new ProcessSignal()
    this.active = [...this.active, { id: entry.id, signal, sequence, background: runsInBackground(command) }]
    const append = (text: string): void => {
      entry.text += text
    }
    const fail = (error: unknown): void => {
      entry.state = 'error'
      entry.text += `${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`
    }
    const end = (): void => {
      this.active = this.active.filter((active) => active.id !== entry.id)
    }
    try {
      await readiness(ready, command)
    } catch (error) {
      fail(error)
      end()
      return { finished: Promise.resolve() }
    }
    const finished = runCommand(command, env, { stdout: append, stderr: append }, signal)
      .then((outcome) => {
        entry.text = formatOutcome(outcome)
        if (outcome.kind === 'es') {
          entry.state = outcome.status >= 400 ? 'error' : 'ok'
          entry.status = String(outcome.status)
        } else {
          entry.state = outcome.exitCode === 0 ? 'ok' : 'error'
          entry.status = outcome.exitCode === 0 ? '' : `exit ${outcome.exitCode}`
        }
      }, fail)
      .finally(end)
    return { finished }
  }
}
