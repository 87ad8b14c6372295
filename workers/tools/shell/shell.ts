/**
 * The shell behind the console: runs one parsed ScriptCommand the way a terminal and Kibana would.
 * A Kafka or playground command line is first expanded as bash expands it (command-line.ts: `$NAME`,
 * `${NAME}`, `$?`, `$(command)` and backquotes, whose commands run through this same shell with their stdout
 * captured); a line of `NAME=value` assignments only sets the session's variables. Kafka commands run their
 * tool with argv and the `>` lines as stdin; Dev Tools requests and curl lines go to an Elasticsearch node's
 * REST layer (es-routing.ts: which node); playground commands act on the simulated hosts, the file commands
 * (cat, echo, ls, rm) on the shell's files as seen from the Kafka directory (kafka-home-files.ts:
 * config/server.properties beside the learner's files), and the variable commands (export, unset, env,
 * printenv) on the session's variables, the job commands (jobs, wait, kill) on its background jobs (a line
 * ending with `&` starts one: job-runner.ts). Redirections (`> f`, `>> f`, `< f`) are applied first. Output
 * streams through `out` as it is produced and is also collected into the outcome (each stream, and both in the
 * order written); `$?` is set from it.
 */
import type { EsDirectory } from '../../protocol/es.ts'
import type { KafkaClients } from '../../clients/kafka/api.ts'
import type { Clock } from '../../net/clock.ts'
import type { Random } from '../../net/random.ts'
import type { PipelineCommand, ScriptCommand } from '../script/types.ts'
import { parseScript } from '../script/parse-script.ts'
import { couldNotConnect } from '../script/curl.ts'
import type { HostFiles, Interrupt, ToolOutput } from '../tool.ts'
import { InputLines, type LineInput } from '../line-input.ts'
import { runKafkaTool } from '../kafka/index.ts'
import type { CommandOutcome } from './command-outcome.ts'
import { expandLine, hereDocumentLines, type ExpandedLine } from './command-line.ts'
import { FILE_COMMANDS } from './file-commands.ts'
import { applyRedirects } from './redirections.ts'
import { CURLE_READ_ERROR, curlBody, uploadBody } from './curl-data.ts'
import { devToolsNode, kibanaBadGateway, nodeAtPort } from './es-routing.ts'
import type { ShellFiles } from './shell-files.ts'
import { KafkaHomeFiles } from './kafka-home-files.ts'
import type { ShellVariables } from './shell-variables.ts'
import { VARIABLE_COMMANDS } from './variable-commands.ts'
import { runPlaygroundCommand, type PlaygroundControl } from './playground-commands.ts'
import { JOB_COMMANDS } from './job-commands.ts'
import { runsInBackground, startJob } from './job-runner.ts'
import { listKind, runList } from './list-runner.ts'
import type { JobTable } from './jobs.ts'

export interface ShellEnvironment {
  kafka: KafkaClients
  /** Every Elasticsearch node, running or not: Kibana's elasticsearch.hosts and curl's localhost:920N. */
  es: EsDirectory
  clock: Clock
  playground: PlaygroundControl
  /** The brokers' log dirs, for kafka-dump-log. */
  hostFiles?: HostFiles
  /** The learner's own files (reassign.json and friends), for the page session or the scenario run. */
  files: ShellFiles
  /** The shell's variables, for the page session or the scenario run. */
  variables: ShellVariables
  /** The session's seeded random stream (kafka-storage.sh random-uuid draws from it), so a run replays. */
  random: Random
  /** The session's background jobs (`command &`), for jobs, wait and kill. */
  jobs: JobTable
}

/**
 * Runs one command and resolves with its outcome when it ends. A command whose line ends with `&` is started
 * as a background job before this returns (its `[N] PID` already written) and resolves when the job ends;
 * `$?` is then 0 at once, as bash sets it, and `interrupt` is the terminal's: its signal reaches the job.
 */
export async function runCommand(
  command: ScriptCommand,
  env: ShellEnvironment,
  out: ToolOutput,
  interrupt: Interrupt,
): Promise<CommandOutcome> {
  // What bash printed while reading the line (its here-document warnings) comes before anything it runs.
  const read = (command.warnings ?? []).map((warning) => `${warning}\n`).join('')
  if (runsInBackground(command)) {
    const job = startJob(
      env.jobs,
      {
        source: command.command,
        read,
        kind: command.kind === 'list' ? listKind(command) : command.kind,
        // A background job runs in a subshell: its `$?` and assignments stay in it.
        run: (jobOut, signal) =>
          execute(command, { ...env, variables: env.variables.subshell() }, jobOut, signal),
      },
      out,
      interrupt,
    )
    env.variables.lastStatus = 0
    env.variables.lastBackgroundPid = env.jobs.lastPid
    return job
  }
  if (read !== '') out.stderr(read)
  const outcome = afterRead(read, await execute(command, env, out, interrupt))
  if (outcome.kind !== 'es') env.variables.lastStatus = outcome.exitCode
  else if (outcome.via === 'curl') env.variables.lastStatus = 0
  return outcome
}

/** The outcome with what the shell printed while reading the command (`read`) before its own output. */
function afterRead(read: string, outcome: CommandOutcome): CommandOutcome {
  if (read === '') return outcome
  if (outcome.kind === 'es') return { ...outcome, stderr: read + (outcome.stderr ?? '') }
  return { ...outcome, stderr: read + outcome.stderr, terminal: read + outcome.terminal }
}

/** Runs the command; `pipe` is its stdin when a pipe feeds it (a `<` file or a here-document comes first). */
async function execute(
  command: ScriptCommand,
  env: ShellEnvironment,
  out: ToolOutput,
  interrupt: Interrupt,
  pipe: LineInput | null = null,
): Promise<CommandOutcome> {
  let stdout = ''
  let stderr = ''
  // Both streams in the order they were written, as a terminal shows them.
  let terminal = ''
  const collect: ToolOutput = {
    stdout: (text) => {
      stdout += text
      terminal += text
      out.stdout(text)
    },
    stderr: (text) => {
      stderr += text
      terminal += text
      out.stderr(text)
    },
    stdoutClosed: () => out.stdoutClosed?.() ?? false,
  }
  const finished = (kind: 'kafka' | 'playground', exitCode: number): CommandOutcome => ({
    kind,
    exitCode,
    stdout,
    stderr,
    terminal,
  })
  switch (command.kind) {
    case 'es': {
      if (command.via === 'devtools') {
        const node = devToolsNode(env.es)
        const response = node ? await node.handleRequest(command.request) : kibanaBadGateway(env.es)
        return { kind: 'es', via: 'devtools', ...response }
      }
      // curl reads its data files (and stdin: a here-document or a `< file`, the last one given, else a
      // pipe) before it connects; a missing `< file` stops the line before curl runs, as bash does.
      const files = new KafkaHomeFiles(env.files, env.playground.brokers)
      const io = applyRedirects(command.redirects ?? [], files, collect)
      if (typeof io === 'string') {
        collect.stderr(`${io}\n`)
        return finished('playground', 1)
      }
      const stdin = command.stdin ?? io.stdin ?? pipe
      const warn = (text: string): void => collect.stderr(text)
      const body = command.upload
        ? await uploadBody(command.upload, files, stdin, warn)
        : command.data
          ? await curlBody(command.data, files, stdin, warn)
          : command.request.body
      if (command.upload && body === null) return finished('playground', CURLE_READ_ERROR)
      const node = nodeAtPort(env.es, command.port)
      if (!node) {
        collect.stderr(`${couldNotConnect(command.host, command.port)}\n`)
        return finished('playground', 7)
      }
      const response = await node.handleRequest({ ...command.request, body })
      const include = command.include ? { include: true } : {}
      return { kind: 'es', via: 'curl', ...response, ...include, ...(stderr === '' ? {} : { stderr }) }
    }
    case 'error':
      // A curl refusal that `-s` mutes prints nothing.
      if (command.message !== '') collect.stderr(`${command.message}\n`)
      return finished('playground', 2)
    case 'list': {
      const run = (
        simple: PipelineCommand,
        simpleOut: ToolOutput,
        input: LineInput | null,
        subshell: boolean,
      ) =>
        execute(
          simple,
          subshell ? { ...env, variables: env.variables.subshell() } : env,
          simpleOut,
          interrupt,
          input,
        )
      const exitCode = await runList(command, run, collect, interrupt, env.variables)
      // The prompt that follows a list starts on a line of its own.
      if (terminal !== '' && !terminal.endsWith('\n')) terminal += '\n'
      return finished(listKind(command), exitCode)
    }
    case 'kafka':
    case 'playground':
      break
  }
  // bash: a line without a command name exits with the status of its last command substitution, else 0.
  const substituted = { status: 0 }
  const expansions = {
    variables: env.variables,
    substitute: async (script: string) => {
      const captured = await substitute(script, env, collect, interrupt)
      substituted.status = captured.status
      return captured.stdout
    },
  }
  const line = await expandLine(command.command, expansions)
  if (typeof line === 'string') {
    collect.stderr(`${line}\n`)
    return finished(command.kind, 1)
  }
  const [name, ...args] = line.words
  if (name === undefined) {
    for (const [variable, value] of line.assignments) env.variables.set(variable, value)
    return finished('playground', substituted.status)
  }
  const files = new KafkaHomeFiles(env.files, env.playground.brokers)
  const io = applyRedirects(line.redirects, files, collect)
  if (typeof io === 'string') {
    collect.stderr(`${io}\n`)
    return finished(command.kind, 1)
  }
  // bash: redirections come before the pipe, the last one to stdin winning; a tool's `>` lines are never piped.
  // Whatever it is, stdin is read once, as a file descriptor is.
  const stdinOf = async (typed: readonly string[]): Promise<LineInput> =>
    line.hereDocument
      ? new InputLines(await hereDocumentLines(typed, line, expansions), false)
      : line.hereString !== null
        ? new InputLines(line.hereString, false)
        : io.stdin !== null
          ? new InputLines(io.stdin, true)
          : (pipe ?? new InputLines(typed, false))
  if (command.kind === 'kafka') {
    const exitCode = await runKafkaTool(name, args, {
      out: io.out,
      stdin: await stdinOf(command.stdin),
      kafka: env.kafka,
      clock: env.clock,
      interrupt,
      hostFiles: env.hostFiles,
      files,
      random: env.random,
      brokers: env.playground.brokers,
    })
    return finished('kafka', exitCode)
  }
  const file = FILE_COMMANDS.get(name)
  const variables = VARIABLE_COMMANDS.get(name)
  const job = JOB_COMMANDS.get(name)
  const exitCode = file
    ? await file(args, await stdinOf(command.stdin ?? []), io.out, files)
    : variables
      ? variables(args, io.out, env.variables, environmentOf(env.variables, line))
      : job
        ? await job(args, io.out, env.jobs, interrupt)
        : await runPlaygroundCommand(name, args, io.out, env.playground, interrupt)
  return finished('playground', exitCode)
}

/** What a command gets as its environment: the exported variables, then its own `NAME=value` prefixes. */
function environmentOf(variables: ShellVariables, line: ExpandedLine): [string, string][] {
  const own = new Set(line.assignments.map(([name]) => name))
  return [...variables.environment().filter(([name]) => !own.has(name)), ...line.assignments]
}

/**
 * `$(script)`: runs the script's commands in order through the shell, their stdout captured (a curl's body
 * is its stdout) and their stderr on the terminal; resolves to the stdout and the last exit status.
 */
async function substitute(
  script: string,
  env: ShellEnvironment,
  terminal: ToolOutput,
  interrupt: Interrupt,
): Promise<{ stdout: string; status: number }> {
  let stdout = ''
  const capture: ToolOutput = {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => terminal.stderr(text),
  }
  for (const command of parseScript(script)) {
    const outcome = await runCommand(command, env, capture, interrupt)
    if (outcome.kind === 'es') stdout += outcome.body
  }
  return { stdout, status: env.variables.lastStatus }
}
