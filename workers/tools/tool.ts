/**
 * What every command-line tool receives and returns. A tool is a function of argv, like a `main`, that
 * writes to stdout and stderr as it goes (a console consumer streams) and resolves to an exit code.
 */
import type { Clock } from '../net/clock.ts'
import type { KafkaClients } from '../clients/kafka/api.ts'
import type { DecodedBatch } from '../../engine-wasm/src/log/types.ts'
import type { ShellFileSystem } from './shell/shell-files.ts'
import type { BrokerControl } from './shell/broker-control.ts'
import type { Random } from '../net/random.ts'
import type { LineInput } from './line-input.ts'

export interface ToolOutput {
  stdout(text: string): void
  stderr(text: string): void
  /**
   * True once the reader of a pipe this stdout feeds has ended (`consumer | head -2`): what is written now goes
   * nowhere, as a Java PrintStream's checkError() turns true after a write into a closed pipe. Absent: never.
   */
  stdoutClosed?(): boolean
}

/**
 * Set when the user presses Ctrl+C or Stop, or a signal reaches the command (`kill %1`, a closed terminal);
 * a long-running tool checks it and ends as a JVM does on that signal: its shutdown hooks run (the tool's
 * closing lines), then it exits with 128 + the signal's number (interruptExitCode).
 */
export interface Interrupt {
  readonly interrupted: boolean
  /** Resolves when interrupted (never rejects). */
  readonly whenInterrupted: Promise<void>
  /** The signal's number once interrupted (1 SIGHUP, 2 SIGINT, 15 SIGTERM); absent means SIGINT. */
  readonly signal?: number
  /**
   * True for the scenario runner's idle interrupt, which stands for a learner's Ctrl+C on a tool that would never
   * end by itself (a consumer without --max-messages): a command that ends by itself, such as `sleep`, lets it pass.
   */
  readonly idle?: boolean
  /**
   * Told by a tool that bounds its own wait (a console consumer's --timeout-ms, a consumer perf test's --timeout)
   * the clock time at which that wait ends it if nothing comes. Only the scenario runner's idle interrupt listens:
   * its Ctrl+C then comes IDLE_MS after that time (scenario-runner.ts), so the tool ends by itself first, as the
   * real one would before a learner gave up on it. A learner's own Ctrl+C and signals come when they come.
   */
  endsBy?(atMs: number): void
  /**
   * Told by a tool that ends by itself once its work is done (a console consumer's --max-messages, a perf
   * producer's --num-records) each time that work moves on, at clock time atMs (a record counted, a send
   * acknowledged). Only the scenario runner's idle interrupt listens: its Ctrl+C comes no sooner than IDLE_MS
   * after the latest progress, so a tool still making progress is not cut, as a learner would watch it on.
   */
  progressed?(atMs: number): void
}

export const SIGINT = 2

/** A JVM's exit status after its shutdown hooks ran on the interrupt's signal (Ctrl+C: 130). */
export function interruptExitCode(interrupt: Interrupt): number {
  return 128 + (interrupt.signal ?? SIGINT)
}

/**
 * The brokers' hosts as a shell on them sees them: read access to the files under each broker's log.dirs,
 * and Kafka's own RecordBatch parsing (the jars on that host) for tools such as kafka-dump-log.
 */
export interface HostFiles {
  /** The current bytes of the file at an absolute path, or null when there is no such file. */
  read(path: string): Promise<Uint8Array | null>
  /** Parses back-to-back RecordBatch v2 bytes; throws CorruptRecordError on an invalid batch. */
  decodeBatches(bytes: Uint8Array): DecodedBatch[]
}

export interface ToolContext {
  out: ToolOutput
  /** Lines typed at the tool's prompt (for the console producer: the `>` lines, without the `> `), or a pipe's. */
  stdin: LineInput
  kafka: KafkaClients
  clock: Clock
  interrupt: Interrupt
  /** The brokers' files, where the environment has them (tools that read log dirs need it). */
  hostFiles?: HostFiles
  /** The learner's files in the shell (JSON and properties files the tools read), where there is a shell. */
  files?: ShellFileSystem
  /** The shell session's seeded random stream, where there is a shell (a tool without one draws from the clock). */
  random?: Random
  /** The script's name as typed (`bin/kafka-server-start.sh`): its `$0`. */
  scriptName?: string
  /** The brokers' hosts, for the scripts that start and stop them (kafka-server-start.sh), where there is a shell. */
  brokers?: BrokerControl
}

export type Tool = (argv: readonly string[], context: ToolContext) => Promise<number>
