/**
 * The console's state: the buffer text, the output entries, and what is running. Commands are parsed
 * from the whole buffer (parseScript) and run one at a time through the shell; a running command's
 * output streams into its entry. Stop (or Ctrl+C) interrupts a long-running tool such as a consumer.
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

export class ConsoleState {
  text = $state('')
  /** The cursor: its character offset in the buffer and its 1-based line. What Run runs. */
  cursor = $state({ offset: 0, line: 1 })
  entries = $state<OutputEntry[]>([])
  running = $state(false)
  /** True once the cluster answers; commands run before that wait for it. */
  ready = $state(false)
  private env: Promise<ShellEnvironment> | null = null
  private stop: StopSignal | null = null
  private cancelAll = false

  /** The cluster that commands run on: given at once, usable when the promise resolves. */
  attach(env: Promise<ShellEnvironment>): void {
    this.env = env
    void env.then(() => (this.ready = true))
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
    if (!this.env || this.running) return
    const env = this.env
    this.running = true
    this.cancelAll = false
    try {
      for (const command of commands) {
        if (this.cancelAll) break
        await this.runOne(await env, command)
      }
    } finally {
      this.running = false
      this.stop = null
    }
  }

  private async runOne(env: ShellEnvironment, command: ScriptCommand): Promise<void> {
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
