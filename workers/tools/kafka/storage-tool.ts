/**
 * kafka-storage.sh (kafka.tools.StorageTool of Kafka 4.1, argparse4j): `random-uuid` prints a Uuid drawn
 * from the shell session's seeded stream; `info -c FILE` and `format -t ID -c FILE` read the properties file
 * (config/server.properties is what broker 1 runs with) and look at the log dirs it names. The playground's
 * log dirs were formatted when its cluster was created, and their meta.properties hold the cluster's real
 * id (asked of the cluster) and the broker's node id, so `format` answers as the Formatter does for
 * directories that are formatted: a static quorum (controller.quorum.voters) refuses --standalone and
 * --initial-controllers (TerseException), another cluster id fails MetaPropertiesEnsemble.verify (an uncaught
 * RuntimeException: `Exception in thread "main" ...`), the same one is `Log directory ... is already
 * formatted` (FormatterException, exit 1) unless --ignore-formatted (`All of the log directories are already
 * formatted.`). Each refusal is followed by one `[playground]` line saying the brokers are formatted and
 * running. A log dir that no broker has `does not exist` for `info`; the playground formats no new ones.
 */
import type { Tool, ToolContext } from '../tool.ts'
import { Random } from '../../net/random.ts'
import { randomUuid, uuidBytes, uuidText } from '../../kafka/metadata/uuid.ts'
import { brokerHoldingPath } from '../../protocol/log-dirs.ts'
import { KAFKA_BASE_PORT } from '../../protocol/kafka.ts'
import { parseArgs, stringValue, type Namespace, type ProgramSpec } from './argparse.ts'
import { JavaException } from './java-exception.ts'
import { loadProps } from './tool-files.ts'
import { TerseException } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'

const CONFIG = { flags: ['--config', '-c'], action: 'store', required: true } as const
const QUORUM = 'quorum'

const STORAGE_TOOL: ProgramSpec = {
  prog: 'kafka-storage',
  arguments: [],
  subcommands: new Map([
    ['info', { arguments: [CONFIG] }],
    [
      'format',
      {
        arguments: [
          CONFIG,
          { flags: ['--cluster-id', '-t'], action: 'store', required: true },
          { flags: ['--add-scram', '-S'], action: 'append' },
          { flags: ['--ignore-formatted', '-g'], action: 'storeTrue' },
          { flags: ['--release-version', '-r'], action: 'store' },
          { flags: ['--feature', '-f'], action: 'append' },
          { flags: ['--standalone', '-s'], action: 'storeTrue', group: QUORUM },
          { flags: ['--no-initial-controllers', '-N'], action: 'storeTrue', group: QUORUM },
          { flags: ['--initial-controllers', '-I'], action: 'store', group: QUORUM },
        ],
      },
    ],
    ['version-mapping', { arguments: [{ flags: ['--release-version', '-r'], action: 'store' }] }],
    [
      'feature-dependencies',
      { arguments: [{ flags: ['--feature', '-f'], action: 'append', required: true }] },
    ],
    ['random-uuid', { arguments: [] }],
  ]),
}

/** The parts of KafkaConfig the storage tool reads. */
interface ServerConfig {
  nodeId: number
  processRoles: string
  quorumVoters: string
  /** log.dirs (and metadata.log.dir), sorted and distinct, as configToLogDirectories gives them. */
  directories: string[]
}

function serverConfig(context: ToolContext, path: string): ServerConfig {
  const props = loadProps(context, path)
  const logDirs = (props.get('log.dirs') ?? props.get('log.dir') ?? '/tmp/kafka-logs').split(',')
  const metadataLogDir = props.get('metadata.log.dir')
  const directories = [...new Set([...logDirs, ...(metadataLogDir === undefined ? [] : [metadataLogDir])])]
  return {
    nodeId: Number(props.get('node.id') ?? '-1'),
    processRoles: props.get('process.roles') ?? '',
    quorumVoters: props.get('controller.quorum.voters') ?? '',
    directories: directories.map((dir) => dir.trim()).sort(),
  }
}

/** The playground broker whose log dir `directory` is, or null when no broker has it. */
function brokerOfDirectory(context: ToolContext, directory: string): number | null {
  return brokerHoldingPath(`${directory.replace(/\/+$/, '')}/`, context.brokers?.ids() ?? [])
}

async function clusterId(context: ToolContext): Promise<string> {
  const bootstrap = (context.brokers?.ids() ?? [1]).map((id) => `localhost:${KAFKA_BASE_PORT + id - 1}`)
  const admin = context.kafka.admin(bootstrap.join(','))
  try {
    return (await admin.describeCluster()).clusterId
  } finally {
    await admin.close()
  }
}

/** The meta.properties the playground formatted in a broker's log dir (directory.id derived from the dir). */
function metaProperties(cluster: string, nodeId: number, directory: string): Map<string, string> {
  return new Map([
    ['cluster.id', cluster],
    ['directory.id', uuidText(uuidBytes(`${cluster}:${directory}`))],
    ['node.id', String(nodeId)],
    ['version', '1'],
  ])
}

async function info(context: ToolContext, config: ServerConfig): Promise<number> {
  const out = context.out
  const found = config.directories.filter((dir) => brokerOfDirectory(context, dir) !== null)
  const problems = config.directories
    .filter((dir) => !found.includes(dir))
    .map((dir) => `${dir} does not exist`)
  const first = found[0]
  if (first !== undefined) {
    out.stdout(`${found.length === 1 ? 'Found log directory:' : 'Found log directories:'}\n`)
    out.stdout(found.map((dir) => `  ${dir}\n`).join('') + '\n')
    const meta = metaProperties(await clusterId(context), brokerOfDirectory(context, first) ?? -1, first)
    out.stdout(`Found metadata: {${[...meta].map(([k, v]) => `${k}=${v}`).join(', ')}}\n\n`)
  }
  if (problems.length === 0) return 0
  out.stdout(`${problems.length === 1 ? 'Found problem:' : 'Found problems:'}\n`)
  out.stdout(problems.map((problem) => `  ${problem}\n`).join('') + '\n')
  return 1
}

async function format(context: ToolContext, config: ServerConfig, namespace: Namespace): Promise<number> {
  if (config.processRoles === '') {
    throw new TerseException(
      'The kafka configuration file appears to be for a legacy cluster. Formatting is only supported for clusters in KRaft mode.',
    )
  }
  const dynamic = namespace.values.has('standalone') || namespace.values.has('initial_controllers')
  if (config.quorumVoters !== '' && dynamic) {
    throw new TerseException(
      'You cannot specify controller.quorum.voters and format the node with --initial-controllers or --standalone. ' +
        'If you want to use dynamic quorum, please remove controller.quorum.voters and specify controller.quorum.bootstrap.servers instead.',
    )
  }
  if (
    !namespace.values.has('no_initial_controllers') &&
    config.processRoles.split(',').includes('controller') &&
    config.quorumVoters === '' &&
    !dynamic
  ) {
    throw new TerseException(
      'Because controller.quorum.voters is not set on this controller, you must specify one of the following: ' +
        '--standalone, --initial-controllers, or --no-initial-controllers.',
    )
  }
  if (config.nodeId < 0)
    throw new JavaException('java.lang.RuntimeException', 'You must specify a valid non-negative node ID.')
  const formatted = config.directories.filter((dir) => brokerOfDirectory(context, dir) !== null)
  const first = formatted[0]
  if (first === undefined) {
    throw new TerseException(
      `[playground] The playground formats no new log dirs: ${config.directories.join(', ')} is no broker's.`,
    )
  }
  const given = stringValue(namespace, 'cluster_id') ?? ''
  const cluster = await clusterId(context)
  for (const dir of formatted) {
    const path = `${dir}/meta.properties`
    if (cluster !== given) {
      const message = `Invalid cluster.id in: ${path}. Expected ${given}, but read ${cluster}`
      throw new JavaException('java.lang.RuntimeException', message)
    }
    const stored = brokerOfDirectory(context, dir) ?? -1
    if (stored !== config.nodeId) {
      throw new JavaException(
        'java.lang.RuntimeException',
        `Stored node id ${stored} doesn't match previous node id ${config.nodeId} in ${path}. If you moved your data, ` +
          'make sure your configured node id matches. If you intend to create a new node, you should remove all ' +
          'data in your data directories.',
      )
    }
  }
  if (!namespace.values.has('ignore_formatted')) {
    throw new TerseException(
      `Log directory ${first} is already formatted. Use --ignore-formatted to ignore this directory and format the others.`,
    )
  }
  context.out.stdout('All of the log directories are already formatted.\n')
  return 0
}

function formattedHint(context: ToolContext): string {
  const count = context.brokers?.ids().length ?? 0
  return (
    `[playground] The cluster's ${count} brokers were formatted when it was created and are running: ` +
    'kafka-cluster.sh cluster-id --bootstrap-server localhost:9092 shows its id.\n'
  )
}

async function execute(namespace: Namespace, context: ToolContext): Promise<number> {
  switch (namespace.command) {
    case 'random-uuid':
      context.out.stdout(`${randomUuid(context.random ?? new Random(context.clock.now()))}\n`)
      return 0
    case 'info':
      return info(context, serverConfig(context, stringValue(namespace, 'config') ?? ''))
    case 'format':
      return format(context, serverConfig(context, stringValue(namespace, 'config') ?? ''), namespace)
    default:
      throw new TerseException(
        `[playground] kafka-storage ${namespace.command} is not supported in the playground.`,
      )
  }
}

export const kafkaStorage: Tool = (argv, context) => {
  let command = ''
  return runToolMain(
    context.out,
    () => {
      const namespace = parseArgs(STORAGE_TOOL, argv)
      command = namespace.command
      return execute(namespace, context)
    },
    {
      uncaught: (exception) => `Exception in thread "main" ${exception.stackTrace()}`,
      // A failed format (but for a missing file) goes on to print what the directories hold.
      after: (exception) =>
        command === 'format' && exception.className !== 'java.nio.file.NoSuchFileException'
          ? formattedHint(context)
          : '',
    },
  )
}
