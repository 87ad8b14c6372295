/**
 * Runs a bash list (`a | b && c || d; e`) as bash does: pipelines left to right, one after `&&` only when
 * `$?` is 0, one after `||` only when it is not, one after `;` always; `$?` is each pipeline's status, which
 * is its last command's (no `pipefail`). Ctrl+C (the interrupt) ends the list after the pipeline it stopped.
 *
 * A pipeline runs its commands one after the other, each to its end, the stdout of one collected and given
 * to the next as its stdin lines; every command's stderr goes to the terminal, and the last one's stdout. For
 * what a pipe carries this is what bash's concurrent processes produce when the left side ends by itself
 * (`echo`, `cat`, `seq`, a consumer with --max-messages); what differs is when the lines appear (all at the
 * left side's end, not as they are written) and that a filter cannot end its producer early (see
 * docs/DEVIATIONS.md). A curl's response is its stdout byte for byte (curl-output.ts: no newline is added,
 * so `curl ...; echo` ends the line as in a terminal) and its status is 0, as curl's is for any HTTP response.
 */
import type { Interrupt, ToolOutput } from '../tool.ts'
import type { Pipeline, PipelineCommand, ScriptCommand } from '../script/types.ts'
import type { CommandOutcome } from './command-outcome.ts'
import { curlOutput } from './curl-output.ts'
import type { ShellVariables } from './shell-variables.ts'

export type ListCommand = Extract<ScriptCommand, { kind: 'list' }>

/** Runs one simple command with its output going to `out` and, when piped, its stdin lines. */
export type RunSimple = (
  command: PipelineCommand,
  out: ToolOutput,
  pipe: readonly string[] | null,
) => Promise<CommandOutcome>

/** Runs the list and resolves with its exit status (the last pipeline run's). */
export async function runList(
  list: ListCommand,
  run: RunSimple,
  out: ToolOutput,
  interrupt: Interrupt,
  variables: ShellVariables,
): Promise<number> {
  for (const pipeline of list.pipelines) {
    if (pipeline.after === '&&' && variables.lastStatus !== 0) continue
    if (pipeline.after === '||' && variables.lastStatus === 0) continue
    variables.lastStatus = await runPipeline(pipeline, run, out)
    if (interrupt.interrupted) break
  }
  return variables.lastStatus
}

/** `kafka` when the list runs a Kafka tool (a JVM, which ends on a signal only after its shutdown hooks). */
export function listKind(list: ListCommand): 'kafka' | 'playground' {
  const runsKafka = list.pipelines.some((p) => p.commands.some((command) => command.kind === 'kafka'))
  return runsKafka ? 'kafka' : 'playground'
}

async function runPipeline(pipeline: Pipeline, run: RunSimple, out: ToolOutput): Promise<number> {
  let pipe: string[] | null = null
  let status = 0
  for (const [i, command] of pipeline.commands.entries()) {
    const last = i === pipeline.commands.length - 1
    let piped = ''
    const target: ToolOutput = last
      ? out
      : {
          stdout: (text) => {
            piped += text
          },
          stderr: (text) => out.stderr(text),
        }
    const outcome = await run(command, target, pipe)
    if (outcome.kind === 'es') {
      target.stdout(curlOutput(outcome))
      status = 0
    } else status = outcome.exitCode
    pipe = piped === '' ? [] : piped.replace(/\n$/, '').split('\n')
  }
  return status
}
