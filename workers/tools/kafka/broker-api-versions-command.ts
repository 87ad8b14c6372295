/**
 * kafka-broker-api-versions.sh (kafka.admin.BrokerApiVersionsCommand of Kafka 4.1, joptsimple): asks every
 * broker of the cluster's metadata for its ApiVersions and prints, per broker, Node.toString
 * (`localhost:9092 (id: 1 rack: null isFenced: false)`), ` -> ` and NodeApiVersions.toString(true): `(`, then
 * one tab-indented line per API the broker advertises and per client API it does not (`UNSUPPORTED`), in
 * api-key order, joined by `,\n\t`, then `\n)`. A range prints as `0 to 13` (one version alone as `0`) and is
 * followed by `[usable: N]`, the highest version both this 4.1 client and the broker know, or
 * `[unusable: node too new]` / `[unusable: node too old]`. A broker that does not answer prints
 * `-> ERROR: <exception>`. The real tool's broker order follows the client's shuffled Cluster nodes; the
 * playground prints them by id. --bootstrap-server is required; --command-config is read as a properties
 * file; --help and --version as CommandDefaultOptions.
 */
import type { ApiVersion } from '../../protocol/kafka-features.ts'
import { CLIENT_APIS, apiKeyById } from '../../protocol/api-keys.ts'
import type { BrokerApiVersions, Node } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import { checkRequiredArgs, maybePrintHelpOrVersion } from './command-line-utils.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, withArgument } from './options/option-spec.ts'
import { asJavaException, messageAndStackTrace, futureGet } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'
import { loadProps } from './tool-files.ts'

export const BROKER_API_VERSIONS_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('command-config', 'A property file containing configs to be passed to Admin Client.', {
    argumentDescription: 'command config property file',
  }),
  withArgument('bootstrap-server', 'REQUIRED: The server to connect to.', {
    argumentDescription: 'server(s) to use for bootstrapping',
  }),
]

function nodeText(node: Node): string {
  return `${node.host}:${node.port} (id: ${node.id} rack: ${node.rack ?? 'null'} isFenced: false)`
}

/** NodeApiVersions.apiVersionToText. */
function apiVersionText(version: ApiVersion): string {
  const key = apiKeyById(version.apiKey)
  const range =
    version.minVersion === version.maxVersion
      ? String(version.minVersion)
      : `${version.minVersion} to ${version.maxVersion}`
  const client = key?.advertised ?? null
  if (key === undefined || client === null) return `${key?.name ?? 'UNKNOWN'}(${version.apiKey}): ${range}`
  const usable =
    client.max < version.minVersion
      ? '[unusable: node too new]'
      : version.maxVersion < client.min
        ? '[unusable: node too old]'
        : `[usable: ${Math.min(client.max, version.maxVersion)}]`
  return `${key.name}(${version.apiKey}): ${range} ${usable}`
}

/** NodeApiVersions.toString(true). */
export function nodeApiVersionsText(versions: readonly ApiVersion[]): string {
  const lines = new Map<number, string>()
  for (const version of versions) lines.set(version.apiKey, apiVersionText(version))
  for (const key of CLIENT_APIS) {
    if (!lines.has(key.id)) lines.set(key.id, `${key.name}(${key.id}): UNSUPPORTED`)
  }
  const ordered = [...lines.entries()].sort(([a], [b]) => a - b).map(([, line]) => line)
  return `(\n\t${ordered.join(',\n\t')}\n)`
}

function brokerText({ node, versions }: BrokerApiVersions): string {
  const answer = Array.isArray(versions)
    ? nodeApiVersionsText(versions)
    : `ERROR: ${asJavaException(versions).toString()}`
  return `${nodeText(node)} -> ${answer}\n`
}

async function execute(options: OptionSet, context: ToolContext): Promise<void> {
  const commandConfig = options.valueOf('command-config')
  if (commandConfig !== null) loadProps(context, commandConfig)
  const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '')
  try {
    const brokers = await futureGet(admin.listAllBrokerVersionInfo())
    for (const broker of [...brokers].sort((a, b) => a.node.id - b.node.id))
      context.out.stdout(brokerText(broker))
  } finally {
    await admin.close()
  }
}

export const kafkaBrokerApiVersions: Tool = (argv, context) =>
  runToolMain(
    context.out,
    async () => {
      const options = parseOptions(BROKER_API_VERSIONS_OPTIONS, argv)
      maybePrintHelpOrVersion(argv, options, 'This tool helps to retrieve broker version information.')
      checkRequiredArgs(options, 'bootstrap-server')
      await execute(options, context)
    },
    { options: BROKER_API_VERSIONS_OPTIONS, uncaught: messageAndStackTrace },
  )
