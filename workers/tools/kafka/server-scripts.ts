/**
 * bin/kafka-server-start.sh and bin/kafka-server-stop.sh of Kafka 4.x on the playground's hosts.
 *
 * kafka-server-start.sh [-daemon] FILE runs kafka.Kafka with the properties file. For a broker that is
 * running (or paused: its process still holds the directory) the real outcome is the JVM failing to lock its
 * log dir: `ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)` with KafkaRaftManager's KafkaException,
 * exit 1 (with -daemon that goes to the log file and the script prints nothing). A stopped broker is started,
 * as a learner expects, with the file's properties (a learner's edited copy may set `authorizer.class.name` to
 * StandardAuthorizer, the one authorizer the playground runs; another class is refused with a `[playground]`
 * line; one that leaves User:ANONYMOUS without access gets a `[playground]` warning, since the playground's
 * brokers do not enforce ACLs), and the script prints the line a broker logs once it serves, `Kafka Server started`;
 * the JVM's other start-up lines are not printed. The file's `auto.create.topics.enable` is the broker's static
 * config (staticBrokerConfigs); a value KafkaConfig refuses ends kafka.Kafka with its ConfigException, exit 1. The script returns at once (the broker runs in the
 * background, as with -daemon). A `[playground]` line follows each outcome.
 *
 * kafka-server-stop.sh sends SIGTERM (a controlled shutdown) to every running kafka.Kafka process, or with
 * --node-id=N / --process-role=R to those whose properties file says so, printing nothing; with no process
 * `No kafka server to stop`, exit 1. A paused process would only handle the signal once continued, so paused
 * brokers are left as they are.
 */
import type { Tool, ToolContext } from '../tool.ts'
import type { BrokerControl } from '../shell/broker-control.ts'
import { stateOf } from '../shell/host-commands.ts'
import { logDirFor } from '../../protocol/log-dirs.ts'
import { JavaException } from './java-exception.ts'
import { logTimestamp } from './tool-log.ts'
import { loadProps } from './tool-files.ts'
import { asJavaException } from './tool-errors.ts'
import { serverProperties, serverPropertiesPath } from './server-properties.ts'
import { STANDARD_AUTHORIZER } from '../../kafka/server/acl-apis.ts'
import { staticBrokerConfigs } from '../../kafka/config/broker-configs.ts'
import { ConfigException } from '../../protocol/kafka-config-def.ts'

const CONFIG_EXCEPTION = 'org.apache.kafka.common.config.ConfigException'

function brokersOf(context: ToolContext): BrokerControl {
  if (context.brokers === undefined) throw new Error('kafka-server scripts need the playground hosts')
  return context.brokers
}

function fatal(context: ToolContext, thrown: JavaException): string {
  const at = logTimestamp(context.clock.now())
  return `[${at}] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)\n${thrown.stackTrace()}`
}

export const kafkaServerStart: Tool = async (argv, context) => {
  const brokers = brokersOf(context)
  const daemon = argv[0] === '-daemon'
  const [file, ...overrides] = daemon ? argv.slice(1) : argv
  if (file === undefined) {
    context.out.stdout(
      `USAGE: ${context.scriptName ?? 'kafka-server-start.sh'} [-daemon] server.properties [--override property=value]*\n`,
    )
    return 1
  }
  if (overrides.length > 0) {
    context.out.stderr(
      '[playground] --override is not supported: edit a copy of the properties file instead.\n',
    )
    return 1
  }
  let properties: Map<string, string>
  try {
    properties = loadProps(context, file)
  } catch (error) {
    context.out.stdout(fatal(context, asJavaException(error)))
    return 1
  }
  const nodeId = Number(properties.get('node.id') ?? '-1')
  // KafkaConfig.fromProps, before anything else starts: a value it refuses ends the JVM.
  try {
    staticBrokerConfigs(nodeId, false, Object.fromEntries(properties))
  } catch (error) {
    if (!(error instanceof ConfigException)) throw error
    if (daemon) {
      context.out.stderr(
        `[playground] The broker exited at start-up (with -daemon its log says why): ${error.message}\n`,
      )
      return 0
    }
    context.out.stdout(fatal(context, new JavaException(CONFIG_EXCEPTION, error.message)))
    return 1
  }
  const authorizer = properties.get('authorizer.class.name') ?? ''
  if (authorizer !== '' && authorizer !== STANDARD_AUTHORIZER) {
    context.out.stderr(
      `[playground] The brokers run Kafka 4.1's own authorizer only: authorizer.class.name=${STANDARD_AUTHORIZER}.\n`,
    )
    return 1
  }
  if (!brokers.ids().includes(nodeId)) {
    context.out.stderr(
      `[playground] The playground runs brokers ${brokers.ids().join(', ')}, not node.id ${nodeId}: add-broker starts one more.\n`,
    )
    return 1
  }
  const state = stateOf(brokers, nodeId)
  if (state !== 'stopped') {
    const message =
      `Failed to acquire lock on file .lock in ${logDirFor(nodeId)}. ` +
      'A Kafka instance in another process or thread is using this directory.'
    if (!daemon)
      context.out.stdout(fatal(context, new JavaException('org.apache.kafka.common.KafkaException', message)))
    context.out.stderr(
      `[playground] Broker ${nodeId} is already ${state} with ${serverPropertiesPath(nodeId)}: the playground runs its brokers ` +
        `for you (stop-broker ${nodeId} stops it, start-broker ${nodeId} starts it).\n`,
    )
    return daemon ? 0 : 1
  }
  await brokers.startWith(nodeId, Object.fromEntries(properties))
  if (!daemon) {
    const at = logTimestamp(context.clock.now())
    context.out.stdout(
      `[${at}] INFO [KafkaRaftServer nodeId=${nodeId}] Kafka Server started (kafka.server.KafkaRaftServer)\n`,
    )
  }
  context.out.stderr(
    `[playground] Broker ${nodeId} started, as start-broker ${nodeId} does; it runs in the background, so the prompt returns.\n`,
  )
  if (authorizer !== '' && !anonymousAllowed(properties)) {
    context.out.stderr(
      "[playground] The playground's clients and brokers connect without authentication (User:ANONYMOUS over PLAINTEXT) " +
        'and its brokers enforce no ACLs; a real cluster with this file denies them, the brokers among them, ' +
        'unless super.users lists User:ANONYMOUS or allow.everyone.if.no.acl.found=true.\n',
    )
  }
  return 0
}

/**
 * Whether StandardAuthorizer lets User:ANONYMOUS (every PLAINTEXT connection) through without ACLs: it is one of
 * the `;`-separated super.users, or allow.everyone.if.no.acl.found is true (Boolean.valueOf).
 */
function anonymousAllowed(properties: ReadonlyMap<string, string>): boolean {
  const superUsers = (properties.get('super.users') ?? '').split(';').map((user) => user.trim())
  const allowEveryone = (properties.get('allow.everyone.if.no.acl.found') ?? '').toLowerCase() === 'true'
  return superUsers.includes('User:ANONYMOUS') || allowEveryone
}

/** `--node-id=N` and `--process-role=R` as the script greps them from its arguments. */
function argument(argv: readonly string[], name: string): string | null {
  const prefix = `--${name}=`
  const found = argv.find((arg) => arg.startsWith(prefix))
  return found === undefined ? null : found.slice(prefix.length)
}

export const kafkaServerStop: Tool = async (argv, context) => {
  const brokers = brokersOf(context)
  const nodeId = argument(argv, 'node-id')
  const role = argument(argv, 'process-role')
  if (nodeId !== null && role !== null) {
    context.out.stdout(
      'When both node-id and process-role are provided, the value for node-id will take precedence\n',
    )
  }
  const processes = brokers.ids().filter((id) => brokers.isRunning(id))
  if (processes.length === 0) {
    context.out.stdout('No kafka server to stop\n')
    return 1
  }
  const voters = brokers.voters()
  const roles = (id: number): string => loadPropsText(serverProperties(id, voters), 'process.roles')
  const chosen = processes.filter((id) =>
    nodeId !== null ? String(id) === nodeId : role !== null ? roles(id) === role : true,
  )
  const running = chosen.filter((id) => !brokers.isPaused(id))
  for (const id of running) await brokers.stop(id)
  const paused = chosen.filter((id) => brokers.isPaused(id))
  const stopped = running.length === 0 ? 'no broker' : `broker(s) ${running.join(', ')}`
  const left =
    paused.length === 0
      ? ''
      : `; paused broker(s) ${paused.join(', ')} left as they are (resume-broker first)`
  context.out.stderr(
    `[playground] SIGTERM stopped ${stopped} (controlled shutdown)${left}. start-broker N starts one again.\n`,
  )
  return 0
}

/** One property of a properties file's text, as the script's `sed -n "/key=/ { s/key=//p; q; }"` reads it. */
function loadPropsText(text: string, key: string): string {
  const line = text.split('\n').find((l) => l.includes(`${key}=`))
  return line === undefined ? '' : line.replace(`${key}=`, '')
}
