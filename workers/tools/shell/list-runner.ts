/**
 * Runs a bash list (`a | b && c || d; e`) as bash does: pipelines left to right, one after `&&` only when
 * `$?` is 0, one after `||` only when it is not, one after `;` always; `$?` is each pipeline's status, which
 * is its last command's (no `pipefail`). Ctrl+C (the interrupt) ends the list after the pipeline it stopped.
 *
 * A pipeline starts all its commands at once, as bash does: each one's stdout goes through a Pipe (pipe.ts)
 * to the next one's stdin, line by line as it is written (a text filter's in blocks: stdio-buffer.ts); every command's stderr goes to the terminal, and the
 * last one's stdout. The pipeline ends when all its commands have ended: a reader that ends first, such as
 * `head`, leaves its writer running, its output going nowhere (a Kafka tool sees it through
 * ToolOutput.stdoutClosed, as Java's PrintStream.checkError()). A curl's response is its stdout byte for byte (curl-output.ts: no newline is added,
 * so `curl ...; echo` ends the line as in a terminal) and its status is 0, as curl's is for any HTTP response.
 */
import type { Interrupt, ToolOutput } from '../tool.ts'
import type { LineInput } from '../line-input.ts'
import type { Pipeline, PipelineCommand, ScriptCommand } from '../script/types.ts'
import type { CommandOutcome } from './command-outcome.ts'
import { curlOutput } from './curl-output.ts'
import type { ShellVariables } from './shell-variables.ts'
import { Pipe } from './pipe.ts'
import { StdioBuffer, writesThroughStdio } from './stdio-buffer.ts'

export type ListCommand = Extract<ScriptCommand, { kind: 'list' }>

/**
 * Runs one simple command with its output going to `out` and, when piped, its stdin lines; `subshell` is true
 * for a command of a pipeline of several, which bash runs in a subshell (its assignments stay there).
 */
export type RunSimple = (
  command: PipelineCommand,
  out: ToolOutput,
  pipe: LineInput | null,
  subshell: boolean,
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
  const last = pipeline.commands.length - 1
  const pipes = pipeline.commands.slice(1).map(() => new Pipe())
  const statuses = pipeline.commands.map(async (command, i) => {
    const input = pipes[i - 1] ?? null
    const output = pipes[i]
    const held = output && writesThroughStdio(command) ? new StdioBuffer((text) => output.write(text)) : null
    const target: ToolOutput = output
      ? {
          stdout: (text) => (held ? held.add(text) : output.write(text)),
          stderr: (text) => out.stderr(text),
          stdoutClosed: () => output.readerGone(),
        }
      : out
    try {
      const outcome = await run(command, target, input, pipes.length > 0)
      held?.flush()
      if (outcome.kind !== 'es') return outcome.exitCode
      target.stdout(curlOutput(outcome))
      return 0
    } finally {
      output?.close()
      input?.drop()
    }
  })
  // Every command ends before the pipeline does, even when one of them fails.
  const settled = await Promise.allSettled(statuses)
  const failed = settled.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
  const status = settled[last]
  return status?.status === 'fulfilled' ? status.value : 0
}
