/**
 * The shell behind the console: runs one parsed ScriptCommand the way a terminal and Kibana would.
 * Kafka commands run their tool with argv and the `>` lines as stdin; Dev Tools requests and curl
 * lines go to an Elasticsearch node's REST layer (es-routing.ts: which node); playground commands act on
 * the simulated hosts, and the
 * file commands (cat, echo, ls, rm) on the shell's files. Redirections (`> f`, `>> f`, `< f`) are applied
 * first. Output streams through `out` as it is produced and is also collected into the outcome.
 */
import type { EsDirectory } from '../../protocol/es.ts'
import type { KafkaClients } from '../../clients/kafka/api.ts'
import type { Clock } from '../../net/clock.ts'
import type { ScriptCommand } from '../script/types.ts'
import { couldNotConnect } from '../script/curl.ts'
import type { HostFiles, Interrupt, ToolOutput } from '../tool.ts'
import { runKafkaTool } from '../kafka/index.ts'
import type { CommandOutcome } from './command-outcome.ts'
import { FILE_COMMANDS } from './file-commands.ts'
import { applyRedirects } from './redirections.ts'
import { devToolsNode, kibanaBadGateway, nodeAtPort } from './es-routing.ts'
import type { ShellFiles } from './shell-files.ts'
import { runPlaygroundCommand, type PlaygroundControl } from './playground-commands.ts'

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
}

export async function runCommand(
  command: ScriptCommand,
  env: ShellEnvironment,
  out: ToolOutput,
  interrupt: Interrupt,
): Promise<CommandOutcome> {
  let stdout = ''
  let stderr = ''
  const collect: ToolOutput = {
    stdout: (text) => {
      stdout += text
      out.stdout(text)
    },
    stderr: (text) => {
      stderr += text
      out.stderr(text)
    },
  }
  const io =
    command.kind === 'kafka' || command.kind === 'playground'
      ? applyRedirects(command.redirects ?? [], env.files, collect)
      : { out: collect, stdin: null }
  if (typeof io === 'string') {
    collect.stderr(`${io}\n`)
    return { kind: command.kind === 'kafka' ? 'kafka' : 'playground', exitCode: 1, stdout, stderr }
  }
  switch (command.kind) {
    case 'kafka': {
      // The tool as typed (`bin/kafka-topics.sh`), so a misspelt one is answered as bash answers it.
      const typed = command.command.trimStart().split(/\s/, 1)[0] ?? command.tool
      const exitCode = await runKafkaTool(typed, command.argv, {
        out: io.out,
        stdin: io.stdin ?? command.stdin,
        kafka: env.kafka,
        clock: env.clock,
        interrupt,
        hostFiles: env.hostFiles,
        files: env.files,
      })
      return { kind: 'kafka', exitCode, stdout, stderr }
    }
    case 'es': {
      if (command.via === 'devtools') {
        const node = devToolsNode(env.es)
        const response = node ? await node.handleRequest(command.request) : kibanaBadGateway(env.es)
        return { kind: 'es', via: 'devtools', ...response }
      }
      const node = nodeAtPort(env.es, command.port)
      if (!node) {
        collect.stderr(`${couldNotConnect(command.host, command.port)}\n`)
        return { kind: 'playground', exitCode: 7, stdout, stderr }
      }
      const response = await node.handleRequest(command.request)
      return { kind: 'es', via: 'curl', ...response, ...(command.include ? { include: true } : {}) }
    }
    case 'playground': {
      const file = FILE_COMMANDS.get(command.name)
      const exitCode = file
        ? file(command.args, io.stdin ?? command.stdin ?? [], io.out, env.files)
        : await runPlaygroundCommand(command.name, command.args, io.out, env.playground)
      return { kind: 'playground', exitCode, stdout, stderr }
    }
    case 'error':
      collect.stderr(`${command.message}\n`)
      return { kind: 'playground', exitCode: 2, stdout, stderr }
  }
}
