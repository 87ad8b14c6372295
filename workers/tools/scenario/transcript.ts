/**
 * The two printed forms of a scenario run. The transcript is what the console shows: each command as
 * typed (`$ ` before shell commands, the `>` lines after a producer), then its output (a background job's
 * whole output as its terminal showed it, from `[1] 1001` to its end); an Elasticsearch request shows its
 * status, its deprecation warnings as Kibana's console does (one `#! <text>` line each, above the body), and
 * the body as Kibana Dev Tools formats it (curl: the body as sent, after the status line and headers, Warning
 * headers included, with -i/--include or -I; es/rest/http-response-head.ts).
 * The JSON form is one object per command, with stable field names: line, kind, command, then
 * exitCode/stdout/stderr or status/body.
 */
import { prettyKibana } from '../../es/xcontent/index.ts'
import { reasonPhrase, type CommandOutcome } from '../shell/command-outcome.ts'
import { curlTerminalOutput } from '../shell/curl-output.ts'
import type { ScenarioStep } from './scenario-runner.ts'

export function formatOutcome(outcome: CommandOutcome): string {
  if (outcome.kind !== 'es') return outcome.terminal ?? outcome.stdout + outcome.stderr
  if (outcome.via === 'curl') return (outcome.stderr ?? '') + curlTerminalOutput(outcome)
  const body =
    outcome.contentType === 'application/json' && outcome.body !== ''
      ? `${prettyKibana(outcome.body)}\n`
      : outcome.body
  const warnings = (outcome.warnings ?? []).map((warning) => `#! ${warning}\n`).join('')
  return `${outcome.status} ${reasonPhrase(outcome.status)}\n${warnings}${body}`
}

/** The delimiter word of a here-document operator (`<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`), or null. */
const HERE_DOCUMENT = /<<-?\s*(['"]?)([^\s'"<>|;&]+)\1/

export function formatCommand(step: ScenarioStep): string {
  const { command } = step
  if (command.kind === 'es' && command.via === 'devtools') return `${command.command}\n`
  // A curl shows lines after it only for a here-document.
  if (command.kind === 'error' || (command.kind === 'es' && command.stdin === undefined))
    return `$ ${command.command}\n`
  const stdin = command.stdin ?? []
  const delimiter = HERE_DOCUMENT.exec(command.command)?.[2]
  // A here-document shows as typed (its lines, then the delimiter); a producer's lines as its `>` prompts.
  const lines = delimiter === undefined ? stdin.map((line) => `> ${line}`) : [...stdin, delimiter]
  return [`$ ${command.command}`, ...lines].join('\n') + '\n'
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
  status?: number
  /** An Elasticsearch response's deprecation warnings, when it has any. */
  warnings?: string[]
  body?: unknown
}

export function toJsonLine(step: ScenarioStep): ScenarioJsonLine {
  const { command, outcome } = step
  const head = { line: command.range.line, kind: outcome.kind, command: command.command.split('\n')[0] ?? '' }
  if (outcome.kind !== 'es')
    return { ...head, exitCode: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr }
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
