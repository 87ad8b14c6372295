/**
 * The two printed forms of a scenario run. The transcript is what the console shows: each command as
 * typed (`$ ` before shell commands, the `>` lines after a producer), then its output (a background job's
 * whole output as its terminal showed it, from `[1] 1001` to its end); an Elasticsearch request shows its
 * status, its deprecation warnings as Kibana's console does (one `#! <text>` line each, above the body), and
 * the body as Kibana Dev Tools formats it (curl: the body as sent, after the status line and headers, Warning
 * headers included, with -i/--include or -I; es/rest/http-response-head.ts).
 * A tool's output is its two streams in the order it wrote them, as a terminal interleaves them.
 * The JSON form is one object per command, with stable field names: line, kind, command, then
 * exitCode/stdout/stderr/terminal (terminal: both streams in the order written, as the transcript shows them)
 * or status/body.
 */
import { prettyKibana } from '../../es/xcontent/index.ts'
import { reasonPhrase, type CommandOutcome } from '../shell/command-outcome.ts'
import { curlTerminalOutput } from '../shell/curl-output.ts'
import type { ScriptCommand } from '../script/types.ts'
import type { ScenarioStep } from './scenario-runner.ts'

export function formatOutcome(outcome: CommandOutcome): string {
  if (outcome.kind !== 'es') return outcome.terminal
  if (outcome.via === 'curl') return (outcome.stderr ?? '') + curlTerminalOutput(outcome)
  const body =
    outcome.contentType === 'application/json' && outcome.body !== ''
      ? `${prettyKibana(outcome.body)}\n`
      : outcome.body
  const warnings = (outcome.warnings ?? []).map((warning) => `#! ${warning}\n`).join('')
  return `${outcome.status} ${reasonPhrase(outcome.status)}\n${warnings}${body}`
}

export function formatCommand(step: ScenarioStep): string {
  const { command } = step
  if (command.kind === 'es' && command.via === 'devtools') return `${command.command}\n`
  return [`$ ${command.command}`, ...typedLines(command)].join('\n') + '\n'
}

/**
 * The lines typed under a command's line that belong to it, as the console shows them: its here-documents as
 * written (bodies and delimiter lines), then the `>` lines a Kafka tool reads at its prompt.
 */
export function typedLines(command: ScriptCommand): string[] {
  if (command.kind === 'error') return []
  if (command.kind === 'es') return command.via === 'curl' ? (command.typedHereDocuments ?? []) : []
  const bodies = command.typedHereDocuments ?? []
  // A lone command's stdin is its here-document when it has one; a list's is only the typed `>` lines.
  const prompted =
    command.kind === 'list' || (command.kind === 'kafka' && bodies.length === 0) ? command.stdin : []
  return [...bodies, ...prompted.map((line) => `> ${line}`)]
}

export function formatTranscript(steps: readonly ScenarioStep[]): string {
  return steps.map((step) => formatCommand(step) + formatOutcome(step.outcome)).join('\n')
}

export interface ScenarioJsonLine {
  line: number
  kind: 'kafka' | 'es' | 'playground'
  command: string
  exitCode?: number
  stdout?: string
  stderr?: string
  /** A tool's stdout and stderr in the order it wrote them: the transcript's text under the command. */
  terminal?: string
  status?: number
  /** An Elasticsearch response's deprecation warnings, when it has any. */
  warnings?: string[]
  body?: unknown
}

export function toJsonLine(step: ScenarioStep): ScenarioJsonLine {
  const { command, outcome } = step
  const head = { line: command.range.line, kind: outcome.kind, command: command.command.split('\n')[0] ?? '' }
  if (outcome.kind !== 'es')
    return {
      ...head,
      exitCode: outcome.exitCode,
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      terminal: outcome.terminal,
    }
  const warnings = outcome.warnings && outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {}
  const stderr = outcome.stderr === undefined ? {} : { stderr: outcome.stderr }
  return { ...head, status: outcome.status, ...warnings, ...stderr, body: parseBody(outcome) }
}

function parseBody(outcome: Extract<CommandOutcome, { kind: 'es' }>): unknown {
  if (outcome.contentType !== 'application/json' || outcome.body === '') return outcome.body
  try {
    return JSON.parse(outcome.body) as unknown
  } catch {
    return outcome.body
  }
}
