/**
 * What connect-standalone.sh prints: log4j2 events through config/connect-log4j2.yaml's console appender
 * (STDOUT, root level INFO), pattern `[%d] %p %X{connector.context}%m (%c:%L)%n`. %d is log4j2's default
 * `yyyy-MM-dd HH:mm:ss,SSS` (tool-log.ts), %X{connector.context} is Connect's logging context, `[name|worker] `
 * on a connector's lines and `[name|task-0] ` on its task's lines (empty on the worker's own), and %L is the
 * line of the logging call in the class's source. A logged throwable follows as its stack trace.
 *
 * The events are a short subset of what Kafka 4.1's worker logs (docs/DEVIATIONS.md lists what is left
 * out), each with its logger and source line. The line numbers are those of real worker logs where found
 * (AbstractConnectCli:114 and :100, Connect:77, ConnectStandalone:87 in 3.7, AbstractWorkerSourceTask:280,
 * WorkerSinkTask:316, WorkerTask:187) and otherwise counted from the nearest sources read (ConnectStandalone's
 * 3.8+ processExtraArgs, Connect's stop(), FileStreamSourceTask's poll()); none was confirmed on 4.1.
 */
import type { Clock } from '../../../net/clock.ts'
import type { ToolOutput } from '../../tool.ts'
import type { JavaException } from '../java-exception.ts'
import { logTimestamp } from '../tool-log.ts'

/** A logging call site: the logger (the class) and the source line of the call. */
export interface LogSite {
  logger: string
  line: number
}

const CLI = 'org.apache.kafka.connect.cli'
const RUNTIME = 'org.apache.kafka.connect.runtime'

export const LOG_SITES = {
  usage: { logger: `${CLI}.AbstractConnectCli`, line: 84 },
  stoppingDueToError: { logger: `${CLI}.AbstractConnectCli`, line: 100 },
  initializing: { logger: `${CLI}.AbstractConnectCli`, line: 114 },
  started: { logger: `${RUNTIME}.Connect`, line: 77 },
  stopping: { logger: `${RUNTIME}.Connect`, line: 87 },
  stopped: { logger: `${RUNTIME}.Connect`, line: 92 },
  failedToCreateConnector: { logger: `${CLI}.ConnectStandalone`, line: 87 },
  createdConnector: { logger: `${CLI}.ConnectStandalone`, line: 89 },
  stoppingAfterConnectorError: { logger: `${CLI}.ConnectStandalone`, line: 99 },
  sourceTaskStarted: { logger: `${RUNTIME}.AbstractWorkerSourceTask`, line: 280 },
  sinkTaskStarted: { logger: `${RUNTIME}.WorkerSinkTask`, line: 316 },
  taskKilled: { logger: `${RUNTIME}.WorkerTask`, line: 187 },
  sourceFileMissing: { logger: 'org.apache.kafka.connect.file.FileStreamSourceTask', line: 115 },
} as const satisfies Record<string, LogSite>

export type LogLevel = 'INFO' | 'WARN' | 'ERROR'

/** The worker's log on the tool's stdout. */
export class ConnectLog {
  constructor(
    private readonly out: ToolOutput,
    private readonly clock: Clock,
  ) {}

  /** One event; `context` is the logging context without its brackets (`local-file-source|task-0`). */
  log(level: LogLevel, site: LogSite, message: string, context?: string, thrown?: JavaException): void {
    const prefix = context === undefined ? '' : `[${context}] `
    const line = `[${logTimestamp(this.clock.now())}] ${level} ${prefix}${message} (${site.logger}:${site.line})\n`
    this.out.stdout(thrown === undefined ? line : line + thrown.stackTrace())
  }
}
