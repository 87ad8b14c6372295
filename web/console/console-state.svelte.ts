/**
 * The console's state: the buffer text, the output entries, and what is running. Commands are parsed
 * from the whole buffer (parseScript) and run one at a time through the shell; a running command's
 * output streams into its entry. Stop (or Ctrl+C) interrupts a long-running tool such as a consumer.
 * A command waits only for the cluster it talks to: a Kafka tool for Kafka, a Dev Tools request or curl for
 * Elasticsearch, a playground command for both.
 */
import { parseScript } from '../../workers/tools/script/parse-script.ts'
import { commandAt } from '../../workers/tools/script/command-at.ts'
import type { ScriptCommand } from '../../workers/tools/script/types.ts'
import { runCommand, type ShellEnvironment } from '../../workers/tools/shell/shell.ts'
import { formatOutcome } from '../../workers/tools/scenario/transcript.ts'
import type { Interrupt } from '../../workers/tools/tool.ts'

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

class StopSignal implements Interrupt {
  interrupted = false
  private resolve: () => void = () => undefined
  readonly whenInterrupted = new Promise<void>((resolve) => (this.resolve = resolve))
  fire(): void {
    this.interrupted = true
    this.resolve()
  }
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
  running = $state(false)
  /** True once both clusters answer; commands run before that wait for the one they talk to. */
  ready = $state(false)
  private env: Promise<ShellEnvironment> | null = null
  private whenReady: ClusterReadiness | null = null
  private stop: StopSignal | null = null
  private cancelAll = false

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

  interrupt(): void {
    this.cancelAll = true
    this.stop?.fire()
  }

  private async runCommands(commands: ScriptCommand[]): Promise<void> {
    if (!this.env || !this.whenReady || this.running) return
    const { env, whenReady } = this
    this.running = true
    this.cancelAll = false
    try {
      for (const command of commands) {
        if (this.cancelAll) break
        await this.runOne(await env, whenReady, command)
      }
    } finally {
      this.running = false
      this.stop = null
    }
  }

  private async runOne(
    env: ShellEnvironment,
    ready: ClusterReadiness,
    command: ScriptCommand,
  ): Promise<void> {
    const shown =
      command.kind === 'kafka'
        ? [command.command, ...command.stdin.map((l) => `> ${l}`)].join('\n')
        : command.command
    this.entries.push({ id: nextId++, command: shown, text: '', state: 'running', status: '' })
    const entry = this.entries[this.entries.length - 1]!
    const append = (text: string): void => {
      entry.text += text
    }
    this.stop = new StopSignal()
    try {
      await readiness(ready, command)
      const outcome = await runCommand(command, env, { stdout: append, stderr: append }, this.stop)
      entry.text = formatOutcome(outcome)
      if (outcome.kind === 'es') {
        entry.state = outcome.status >= 400 ? 'error' : 'ok'
        entry.status = String(outcome.status)
      } else {
        entry.state = outcome.exitCode === 0 ? 'ok' : 'error'
        entry.status = outcome.exitCode === 0 ? '' : `exit ${outcome.exitCode}`
      }
    } catch (error) {
      entry.state = 'error'
      entry.text += `${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`
    }
  }
}
