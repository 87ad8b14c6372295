/**
 * kafka-cluster.sh (org.apache.kafka.tools.ClusterTool of Kafka 4.1, argparse4j): `cluster-id` prints
 * `Cluster ID: <id>` from Admin.describeCluster, `list-endpoints` the brokers' endpoints as its printf table
 * (`%-10s %-<host>s %-10s %-<rack>s %-10s %-15s`, columns sized by the longest host and rack); each needs one of
 * --bootstrap-server and --bootstrap-controller. The playground's clients reach brokers only, so
 * --bootstrap-controller and `unregister` (no UnregisterBroker in the playground) answer one `[playground]`
 * line. A failure prints its message, then its stack trace, as mainNoExit does.
 */
import type { Tool, ToolContext } from '../tool.ts'
import type { Node } from '../../clients/kafka/api.ts'
import { parseArgs, stringValue, type Namespace, type ParserSpec, type ProgramSpec } from './argparse.ts'
import { futureGet, messageAndStackTrace, TerseException } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'
import { leftJustify } from './java-format.ts'
import { clientLog } from './tool-log.ts'

const CONNECTION = 'connection'

function subcommand(extra: ParserSpec['arguments']): ParserSpec {
  return {
    arguments: [
      { flags: ['--bootstrap-server', '-b'], action: 'store', group: CONNECTION },
      { flags: ['--bootstrap-controller', '-C'], action: 'store', group: CONNECTION },
      { flags: ['--config', '-c'], action: 'store' },
      ...extra,
    ],
    requiredGroups: [CONNECTION],
  }
}

const CLUSTER_TOOL: ProgramSpec = {
  prog: 'kafka-cluster',
  arguments: [],
  subcommands: new Map([
    ['cluster-id', subcommand([])],
    ['unregister', subcommand([{ flags: ['--id', '-i'], action: 'store', required: true }])],
    ['list-endpoints', subcommand([{ flags: ['--include-fenced-brokers'], action: 'storeTrue' }])],
  ]),
}

function endpointsTable(nodes: readonly Node[]): string {
  const hostWidth = nodes.length === 0 ? 100 : Math.max(...nodes.map((node) => node.host.length))
  const racks = nodes.flatMap((node) => (node.rack === null ? [] : [node.rack.length]))
  const rackWidth = racks.length === 0 ? 10 : Math.max(...racks)
  const widths = [10, hostWidth, 10, rackWidth, 10, 15]
  // `%-10s %-<host>s %-10s %-<rack>s %-10s %-15s%n`: every cell padded, the last one too.
  const row = (cells: readonly string[]): string =>
    cells.map((cell, i) => leftJustify(cell, widths[i] ?? 0)).join(' ') + '\n'
  const rows = nodes.map((node) =>
    row([String(node.id), node.host, String(node.port), String(node.rack), 'unfenced', 'broker']),
  )
  return row(['ID', 'HOST', 'PORT', 'RACK', 'STATE', 'ENDPOINT_TYPE']) + rows.join('')
}

async function execute(namespace: Namespace, context: ToolContext): Promise<void> {
  if (namespace.values.has('bootstrap_controller')) {
    throw new TerseException(
      "[playground] The playground's tools reach the brokers only: use --bootstrap-server localhost:9092.",
    )
  }
  if (namespace.command === 'unregister') {
    throw new TerseException('[playground] kafka-cluster unregister is not supported in the playground.')
  }
  const admin = context.kafka.admin(stringValue(namespace, 'bootstrap_server') ?? '', clientLog(context))
  try {
    const cluster = await futureGet(admin.describeCluster())
    if (namespace.command === 'cluster-id') context.out.stdout(`Cluster ID: ${cluster.clusterId}\n`)
    else context.out.stdout(endpointsTable(cluster.nodes))
  } finally {
    await admin.close()
  }
}

export const kafkaCluster: Tool = (argv, context) =>
  runToolMain(context.out, () => execute(parseArgs(CLUSTER_TOOL, argv), context), {
    uncaught: messageAndStackTrace,
  })
