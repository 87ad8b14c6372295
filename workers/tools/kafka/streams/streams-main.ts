/**
 * The main() of the streams-examples programs (kafka-run-class.sh org.apache.kafka.streams.examples...): build
 * the StreamsConfig (WordCountDemo reads an optional properties file, its first argument, and prints
 * `Warning: Some command line arguments were ignored. This demo only accepts an optional configuration file.`
 * on stdout when more follow), start KafkaStreams, and wait on the latch that the shutdown hook
 * (`streams-<name>-shutdown-hook`: streams.close()) counts down. With the tools' log4j2 config (root WARN)
 * a healthy run prints only StateDirectory's warning, for a topology with persistent stores whose state.dir
 * lies under java.io.tmpdir (WordCountProcessorDemo's punctuator also prints on stdout); Ctrl+C or a signal closes it and the JVM exits 128 + the signal.
 *
 * The playground runs at_least_once with the classic group protocol only; another processing.guarantee or
 * group.protocol, and a missing source topic (which the real client reports at ERROR before it shuts down
 * while the JVM waits on its latch), answer a `[playground]` line and wait for Ctrl+C the same way.
 */
import { interruptExitCode, type Tool, type ToolContext } from '../../tool.ts'
import { Random } from '../../../net/random.ts'
import { JavaException } from '../java-exception.ts'
import { asJavaException } from '../tool-errors.ts'
import { loadProps } from '../tool-files.ts'
import { logLine } from '../tool-log.ts'
import { JAVA_IO_TMPDIR, streamsConfig, type StreamsConfig } from './streams-config.ts'
import { MissingSourceTopicError, StreamThread } from './stream-thread.ts'
import type { StreamsApplication } from './topology.ts'

const STATE_DIRECTORY = 'org.apache.kafka.streams.processor.internals.StateDirectory'

/** The user's config file, as `new FileInputStream(args[0])` + Properties.load read it. */
function userProps(argv: readonly string[], context: ToolContext): Map<string, string> {
  const path = argv[0]
  if (path === undefined) return new Map()
  if ((context.files?.read(path) ?? null) === null) {
    throw new JavaException('java.io.FileNotFoundException', `${path} (No such file or directory)`)
  }
  return loadProps(context, path)
}

async function waitForSignal(context: ToolContext): Promise<number> {
  await context.interrupt.whenInterrupted
  return interruptExitCode(context.interrupt)
}

async function runThread(thread: StreamThread, context: ToolContext): Promise<void> {
  await thread.makeInternalTopicsReady()
  await thread.start()
  for (;;) {
    if (context.interrupt.interrupted) return
    const records = await Promise.race([thread.poll(), context.interrupt.whenInterrupted.then(() => null)])
    if (records === null) return
    // The join and each record processed move it on: the headless runner's idle Ctrl+C waits for them.
    if (await thread.runOnce(records)) context.interrupt.progressed?.(context.clock.now())
  }
}

function unsupported(config: StreamsConfig): string | null {
  if (config.groupProtocol !== 'classic')
    return `group.protocol=${config.groupProtocol}: the playground's Kafka Streams runs the classic protocol only.`
  if (config.processingGuarantee !== 'at_least_once')
    return `processing.guarantee=${config.processingGuarantee}: the playground's Kafka Streams runs at_least_once only.`
  return null
}

/** A streams-examples main class: `readsConfigFile` for WordCountDemo's optional properties file. */
export function streamsMain(app: StreamsApplication, readsConfigFile: boolean): Tool {
  return async (argv, context) => {
    let config: StreamsConfig
    try {
      const props = readsConfigFile ? userProps(argv, context) : new Map<string, string>()
      if (readsConfigFile && argv.length > 1) {
        context.out.stdout(
          'Warning: Some command line arguments were ignored. This demo only accepts an optional configuration file.\n',
        )
      }
      config = streamsConfig(props, app.applicationId, context.random ?? new Random(context.clock.now()))
    } catch (error) {
      context.out.stderr(`Exception in thread "main" ${asJavaException(error).stackTrace()}`)
      return 1
    }
    const refusal = unsupported(config)
    if (refusal !== null) {
      context.out.stderr(`[playground] ${refusal}\n`)
      return waitForSignal(context)
    }
    if (app.persistentStores && config.stateDir.startsWith(JAVA_IO_TMPDIR)) {
      const warning =
        'Using an OS temp directory in the state.dir property can cause failures with writing the checkpoint file ' +
        `due to the fact that this directory can be cleared by the OS. Resolved state.dir: [${config.stateDir}]`
      context.out.stderr(logLine(context.clock, 'WARN', STATE_DIRECTORY, warning))
    }
    const thread = new StreamThread(app, config, context)
    try {
      await runThread(thread, context)
    } catch (error) {
      const text =
        error instanceof MissingSourceTopicError
          ? `source topic ${error.message} is missing: the real client logs a MissingSourceTopicException at ERROR and shuts down; the JVM waits for Ctrl+C.`
          : `the stream thread failed: ${asJavaException(error).toString()}; the JVM waits for Ctrl+C.`
      context.out.stderr(`[playground] ${text}\n`)
      await thread.close()
      return waitForSignal(context)
    }
    await thread.close()
    return interruptExitCode(context.interrupt)
  }
}
