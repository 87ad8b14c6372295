/**
 * What every command-line tool receives and returns. A tool is a function of argv, like a `main`, that
 * writes to stdout and stderr as it goes (a console consumer streams) and resolves to an exit code.
 */
import type { Clock } from '../net/clock.ts'
import type { KafkaClients } from '../clients/kafka/api.ts'

export interface ToolOutput {
  stdout(text: string): void
  stderr(text: string): void
}

/** Set when the user presses Ctrl+C or Stop; a long-running tool checks it and ends as on SIGINT. */
export interface Interrupt {
  readonly interrupted: boolean
  /** Resolves when interrupted (never rejects). */
  readonly whenInterrupted: Promise<void>
}

export interface ToolContext {
  out: ToolOutput
  /** Lines typed at the tool's prompt (for the console producer: the `>` lines), without the `> `. */
  stdin: readonly string[]
  kafka: KafkaClients
  clock: Clock
  interrupt: Interrupt
}

export type Tool = (argv: readonly string[], context: ToolContext) => Promise<number>
