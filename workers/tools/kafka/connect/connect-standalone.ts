/**
 * bin/connect-standalone.sh worker.properties [connector1.properties connector2.json ...]
 * (org.apache.kafka.connect.cli.ConnectStandalone of Kafka 4.1, over AbstractConnectCli): a standalone Kafka
 * Connect worker. It reads the worker properties (StandaloneConfig, worker-config.ts), checks that it reaches
 * the cluster, starts, then creates each connector from its file in turn (connector-config.ts: parsed, its
 * plugin found, validated) and starts its one task (worker-tasks.ts): the FileStream connectors read a file's
 * lines into a topic and write a topic's values into a file. It then runs, a streaming command like the
 * console consumer, until Ctrl+C or Stop, when it stops its tasks (committing their offsets) and exits 130,
 * as a JVM does on SIGINT after its shutdown hooks (143 on SIGTERM, 129 on SIGHUP).
 *
 * Everything it prints is its log on stdout (connect-log.ts). Failures end it as ConnectStandalone does: no
 * worker file is `Usage:` (exit 1); a worker file that cannot be read, a bad worker config or an unreachable
 * cluster is `Stopping due to error` (exit 2); a connector file that cannot be read or parsed is `Stopping
 * after connector error` (exit 3), and a connector the herder refuses (unknown class, invalid config, a name
 * already in use) first logs `Failed to create connector for <file>`, the error then wrapped in the
 * ExecutionException of the herder's callback. After a connector error the started worker is stopped.
 */
import { interruptExitCode, type Interrupt, type Tool, type ToolContext } from '../../tool.ts'
import type { ShellFileSystem } from '../../shell/shell-files.ts'
import { JavaException } from '../java-exception.ts'
import { loadProps } from '../tool-files.ts'
import { asJavaException } from '../tool-errors.ts'
import { ConnectLog, LOG_SITES } from './connect-log.ts'
import { standaloneConfig, type StandaloneConfig } from './worker-config.ts'
import {
  connectException,
  connectorPlugin,
  type ConnectorConfig,
  type ConnectorPlugin,
  invalidConfiguration,
  parseConnectorConfigurationFile,
  pluginPathHint,
  validationErrors,
} from './connector-config.ts'
import { FileOffsetBackingStore } from './file-offset-backing-store.ts'
import { DEFAULT_BATCH_SIZE, FileStreamSourceTask } from './file-stream-source-task.ts'
import { WorkerSinkTask, WorkerSourceTask, type TaskEnvironment, type WorkerTask } from './worker-tasks.ts'

const USAGE = 'ConnectStandalone worker.properties [connector1.properties connector2.json ...]'

/** A connector error that ConnectStandalone's callback saw (it logs `Failed to create connector for`). */
class HerderError extends Error {
  constructor(readonly refusal: JavaException) {
    super(refusal.toString())
  }
}

/** The tasks' stop signal: the learner's Ctrl+C, or the worker stopping after a connector error. */
class StopSignal implements Interrupt {
  private stopped = false
  private readonly own: Promise<void>
  private resolve: () => void = () => undefined

  constructor(private readonly interrupt: Interrupt) {
    this.own = new Promise<void>((resolve) => (this.resolve = resolve))
  }

  get interrupted(): boolean {
    return this.stopped || this.interrupt.interrupted
  }

  get whenInterrupted(): Promise<void> {
    return this.stopped ? this.own : Promise.race([this.own, this.interrupt.whenInterrupted])
  }

  stop(): void {
    this.stopped = true
    this.resolve()
  }
}

interface StartedTask {
  task: WorkerTask
  run: Promise<void>
}

/** The standalone herder's state: the worker config, its offset store and the connectors' running tasks. */
class StandaloneWorker {
  private readonly tasks: StartedTask[] = []
  private readonly names = new Set<string>()
  private readonly stopSignal: StopSignal
  private readonly offsets: FileOffsetBackingStore

  constructor(
    private readonly context: ToolContext,
    private readonly config: StandaloneConfig,
    private readonly log: ConnectLog,
  ) {
    this.offsets = new FileOffsetBackingStore(this.files(), config.offsetsFile)
    this.stopSignal = new StopSignal(context.interrupt)
  }

  private files(): ShellFileSystem {
    const files = this.context.files
    if (files === undefined) throw new Error('connect-standalone needs the shell files')
    return files
  }

  /** Creates the connector of one file and starts its task (StandaloneHerder.putConnectorConfig). */
  addConnector(path: string): void {
    const text = this.context.files?.read(path) ?? null
    if (text === null) {
      throw new JavaException('java.io.FileNotFoundException', `${path} (No such file or directory)`)
    }
    const connector = parseConnectorConfigurationFile(path, text, () => loadProps(this.context, path))
    const plugin = this.validatedPlugin(connector)
    this.names.add(connector.name)
    const env: TaskEnvironment = {
      connector: connector.name,
      config: this.config,
      kafka: this.context.kafka,
      clock: this.context.clock,
      log: this.log,
      interrupt: this.stopSignal,
    }
    const props = connector.props
    const task = plugin.type === 'source' ? this.sourceTask(env, props) : this.sinkTask(env, props)
    this.log.log('INFO', LOG_SITES.createdConnector, `Created connector ${connector.name}`)
    task.started()
    this.tasks.push({ task, run: task.run() })
  }

  /** The herder's validation of a connector config: its plugin, or a HerderError with the refusal. */
  private validatedPlugin(connector: ConnectorConfig): ConnectorPlugin {
    try {
      if (this.names.has(connector.name)) {
        throw new JavaException(
          'org.apache.kafka.connect.errors.AlreadyExistsException',
          `Connector ${connector.name} already exists`,
        )
      }
      const plugin = connectorPlugin(connector, this.config.pluginPath)
      const errors = validationErrors(plugin, connector.props)
      if (errors.length > 0) throw invalidConfiguration(errors)
      if (!plugin.className.startsWith('org.apache.kafka.connect.file.')) {
        throw connectException(
          "[playground] The playground's Connect worker runs the FileStream connectors only.",
        )
      }
      return plugin
    } catch (error) {
      throw new HerderError(asJavaException(error))
    }
  }

  private sourceTask(env: TaskEnvironment, props: ReadonlyMap<string, string>): WorkerSourceTask {
    const file = props.get('file')?.trim() ?? ''
    const batchSize = Number(props.get('batch.size') ?? DEFAULT_BATCH_SIZE)
    const input =
      file === ''
        ? { kind: 'stdin' as const, lines: this.context.stdin }
        : {
            kind: 'file' as const,
            task: new FileStreamSourceTask(
              this.files(),
              file,
              this.offsets.position(env.connector, file) ?? 0,
              batchSize,
            ),
          }
    return new WorkerSourceTask(env, (props.get('topic') ?? '').trim(), input, this.offsets)
  }

  private sinkTask(env: TaskEnvironment, props: ReadonlyMap<string, string>): WorkerSinkTask {
    const file = props.get('file')?.trim() ?? ''
    const regex = props.get('topics.regex')
    const topics =
      props.get('topics') !== undefined || regex === undefined
        ? {
            names: (props.get('topics') ?? '')
              .split(',')
              .map((topic) => topic.trim())
              .filter((t) => t !== ''),
          }
        : { regex: new RegExp(`^(?:${regex})$`) }
    const stdout = (text: string): void => this.context.out.stdout(text)
    return new WorkerSinkTask(env, topics, file === '' ? null : file, this.files(), stdout)
  }

  /** Connect.stop: the herder stops every task, which commits its offsets and closes its client. */
  async stop(): Promise<void> {
    this.log.log('INFO', LOG_SITES.stopping, 'Kafka Connect stopping')
    this.stopSignal.stop()
    await Promise.all(this.tasks.map(({ run }) => run))
    for (const { task } of this.tasks) await task.close()
    this.log.log('INFO', LOG_SITES.stopped, 'Kafka Connect stopped')
  }

  /** After a refused connector: the playground's hint when plugin.path names another version's jar. */
  printPluginPathHint(): void {
    this.context.out.stderr(pluginPathHint(this.config.pluginPath))
  }

  /** Runs until the worker is interrupted (every task loop ends then). */
  async awaitStop(): Promise<void> {
    await this.context.interrupt.whenInterrupted
  }
}

/** AbstractConnectCli.startConnect: the worker's config and its cluster, then Connect.start. */
async function startConnect(
  context: ToolContext,
  log: ConnectLog,
  props: Map<string, string>,
): Promise<StandaloneWorker> {
  log.log('INFO', LOG_SITES.initializing, 'Kafka Connect worker initializing ...')
  const config = standaloneConfig(props)
  const admin = context.kafka.admin(config.bootstrapServers)
  try {
    await admin.describeCluster()
  } catch (error) {
    throw connectException(
      "Failed to connect to and describe Kafka cluster. Check worker's broker connection and security properties.",
      asJavaException(error),
    )
  } finally {
    await admin.close()
  }
  const worker = new StandaloneWorker(context, config, log)
  log.log('INFO', LOG_SITES.started, 'Kafka Connect started')
  return worker
}

/** ConnectStandalone.processExtraArgs; false when a connector error stopped the worker. */
async function addConnectors(
  worker: StandaloneWorker,
  paths: readonly string[],
  log: ConnectLog,
): Promise<boolean> {
  for (const path of paths) {
    try {
      worker.addConnector(path)
    } catch (error) {
      let thrown = asJavaException(error)
      if (error instanceof HerderError) {
        log.log('ERROR', LOG_SITES.failedToCreateConnector, `Failed to create connector for ${path}`)
        thrown = new JavaException(
          'java.util.concurrent.ExecutionException',
          error.message,
          [],
          error.refusal,
        )
      }
      log.log(
        'ERROR',
        LOG_SITES.stoppingAfterConnectorError,
        'Stopping after connector error',
        undefined,
        thrown,
      )
      await worker.stop()
      if (error instanceof HerderError) worker.printPluginPathHint()
      return false
    }
  }
  return true
}

export const connectStandalone: Tool = async (argv, context) => {
  const log = new ConnectLog(context.out, context.clock)
  const [workerFile, ...connectorFiles] = argv
  if (workerFile === undefined || argv.includes('--help')) {
    log.log('INFO', LOG_SITES.usage, `Usage: ${USAGE}`)
    return 1
  }
  let worker: StandaloneWorker
  try {
    const props = workerFile === '' ? new Map<string, string>() : loadProps(context, workerFile)
    worker = await startConnect(context, log, props)
  } catch (error) {
    log.log('ERROR', LOG_SITES.stoppingDueToError, 'Stopping due to error', undefined, asJavaException(error))
    return 2
  }
  if (!(await addConnectors(worker, connectorFiles, log))) return 3
  await worker.awaitStop()
  await worker.stop()
  return interruptExitCode(context.interrupt)
}
