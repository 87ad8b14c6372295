/**
 * The log line a Kafka tool writes to stderr through log4j2 with config/tools-log4j2.yaml: pattern
 * `[%d] %p %m (%c)%n`, where %d is `yyyy-MM-dd HH:mm:ss,SSS` (here in UTC, from the context's clock) and a
 * logged throwable follows the line as its stack trace. The tools' root level is WARN.
 */
import type { Clock } from '../../net/clock.ts'
import type { ClientLog } from '../../clients/kafka/api.ts'
import type { ToolContext } from '../tool.ts'
import type { JavaException } from './java-exception.ts'

function two(value: number): string {
  return String(value).padStart(2, '0')
}

/** log4j2's default %d format, in UTC. */
export function logTimestamp(epochMs: number): string {
  const date = new Date(epochMs)
  const day = `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`
  return `${day} ${time},${String(date.getUTCMilliseconds()).padStart(3, '0')}`
}

/** One event at `level` as the appender prints it. */
export function logLine(
  clock: Clock,
  level: 'WARN' | 'ERROR',
  logger: string,
  message: string,
  thrown?: JavaException,
): string {
  const line = `[${logTimestamp(clock.now())}] ${level} ${message} (${logger})\n`
  return thrown === undefined ? line : line + thrown.stackTrace()
}

/** One ERROR event as the appender prints it. */
export function errorLogLine(clock: Clock, logger: string, message: string, thrown?: JavaException): string {
  return logLine(clock, 'ERROR', logger, message, thrown)
}

/** A client's log events, printed by the tool's appender to its stderr. */
export function clientLog(context: Pick<ToolContext, 'clock' | 'out'>): ClientLog {
  return (level, logger, message) => context.out.stderr(logLine(context.clock, level, logger, message))
}
