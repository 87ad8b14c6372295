/**
 * LogContext: where a client's log events go, as the Java clients' org.apache.kafka.common.utils.LogContext
 * writes them: every message starts with the client's prefix (`[Producer clientId=console-producer] `,
 * `[Consumer clientId=console-consumer, groupId=g1] `), and names the class that logs it. Only WARN and ERROR
 * events exist here: the tools' log4j2 root level is WARN, so the playground never builds the others.
 */
import type { ClientLog } from './api.ts'

export class LogContext {
  constructor(
    readonly logPrefix: string,
    private readonly log: ClientLog,
  ) {}

  warn(logger: string, message: string): void {
    this.log('WARN', logger, this.logPrefix + message)
  }

  error(logger: string, message: string): void {
    this.log('ERROR', logger, this.logPrefix + message)
  }
}
