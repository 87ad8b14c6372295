/**
 * The worker's tasks as WorkerSourceTask and WorkerSinkTask run them, each a loop on the worker's clock until
 * the worker stops (Interrupt) or the task fails.
 *
 * Source: each poll of the FileStreamSourceTask (or of the worker's stdin lines, for a source with no `file`)
 * is converted (null key, string value) and produced to the topic by the task's producer
 * (`connector-producer-<name>-0`, acks=all); the positions of acknowledged records are committed to the
 * offset store every offset.flush.interval.ms and once more when the task stops, so a restarted worker
 * goes on where this one stopped. Sink: the task's consumer (`connector-consumer-<name>-0` in the group
 * `connect-<name>`, reading from the earliest offset when the group has none) polls the topics and
 * FileStreamSinkTask appends each value, as String.valueOf prints it, to `file` (or prints it on the worker's
 * stdout without one). The group's offsets are committed every offset.flush.interval.ms and when the task
 * stops (the consumer's auto-commit at that interval, then its close).
 *
 * A failure (a converter's DataException, a client error) kills the task as WorkerTask does: logged at ERROR
 * with `Task threw an uncaught and unrecoverable exception`; the other tasks go on.
 */
import type { Consumer, KafkaClients, Producer } from '../../../clients/kafka/api.ts'
import type { Clock } from '../../../net/clock.ts'
import type { Interrupt } from '../../tool.ts'
import { eachLine, type LineInput } from '../../line-input.ts'
import type { ShellFileSystem } from '../../shell/shell-files.ts'
import { asJavaException } from '../tool-errors.ts'
import { LOG_SITES, type ConnectLog } from './connect-log.ts'
import type { StandaloneConfig } from './worker-config.ts'
import type { FileOffsetBackingStore } from './file-offset-backing-store.ts'
import type { FileStreamSourceTask, SourceRecord } from './file-stream-source-task.ts'
import { connectException } from './connector-config.ts'

/** How long a source poll without data waits (FileStreamSourceTask's wait(1000)) and a sink poll blocks. */
const POLL_WAIT_MS = 1000

export interface WorkerTask {
  /** Runs until the worker stops or the task fails. */
  run(): Promise<void>
  /** Commits what the task has done and closes its client. */
  close(): Promise<void>
}

export interface TaskEnvironment {
  connector: string
  config: StandaloneConfig
  kafka: KafkaClients
  clock: Clock
  log: ConnectLog
  interrupt: Interrupt
}

function taskContext(env: TaskEnvironment): string {
  return `${env.connector}|task-0`
}

function taskId(env: TaskEnvironment): string {
  return `${env.connector}-0`
}

function logTaskKilled(
  env: TaskEnvironment,
  kind: 'WorkerSourceTask' | 'WorkerSinkTask',
  error: unknown,
): void {
  env.log.log(
    'ERROR',
    LOG_SITES.taskKilled,
    `${kind}{id=${taskId(env)}} Task threw an uncaught and unrecoverable exception. Task is being killed and ` +
      'will not recover until manually restarted',
    taskContext(env),
    asJavaException(error),
  )
}

async function sleepUnlessStopped(env: TaskEnvironment, ms: number): Promise<void> {
  await Promise.race([env.clock.sleep(ms), env.interrupt.whenInterrupted])
}

/** Where a source task's lines come from: the file task, or the worker's stdin (typed, or a pipe's). */
export type SourceInput = { kind: 'file'; task: FileStreamSourceTask } | { kind: 'stdin'; lines: LineInput }

export class WorkerSourceTask implements WorkerTask {
  private readonly producer: Producer
  /** The position after the last acknowledged record, and the one last committed. */
  private acknowledged: number | null = null
  private committed: number | null = null
  /** The stdin lines read and not yet polled (typed lines are all there at once, a pipe's as they arrive). */
  private stdinLines: string[] = []

  constructor(
    private readonly env: TaskEnvironment,
    private readonly topic: string,
    private readonly input: SourceInput,
    private readonly offsets: FileOffsetBackingStore,
  ) {
    this.producer = env.kafka.producer(env.config.bootstrapServers, {
      acks: 'all',
      'client.id': `connector-producer-${taskId(env)}`,
    })
    if (input.kind === 'stdin') void eachLine(input.lines, (line) => this.stdinLines.push(line))
  }

  started(): void {
    const message = `WorkerSourceTask{id=${taskId(this.env)}} Source task finished initialization and start`
    this.env.log.log('INFO', LOG_SITES.sourceTaskStarted, message, taskContext(this.env))
  }

  async run(): Promise<void> {
    const { clock, interrupt, config } = this.env
    let nextFlushMs = clock.now() + config.offsetFlushIntervalMs
    try {
      while (!interrupt.interrupted) {
        const polled = this.poll()
        if (polled === 'missing') {
          this.logMissingFile()
          await sleepUnlessStopped(this.env, POLL_WAIT_MS)
        } else if (polled.length === 0) await sleepUnlessStopped(this.env, POLL_WAIT_MS)
        else await this.send(polled)
        if (clock.now() >= nextFlushMs) {
          this.commit()
          nextFlushMs = clock.now() + config.offsetFlushIntervalMs
        }
      }
    } catch (error) {
      logTaskKilled(this.env, 'WorkerSourceTask', error)
    }
  }

  async close(): Promise<void> {
    this.commit()
    await this.producer.close()
  }

  private poll(): SourceRecord[] | 'missing' {
    if (this.input.kind === 'file') return this.input.task.poll()
    const lines = this.stdinLines
    this.stdinLines = []
    return lines.map((value) => ({ value, position: -1 }))
  }

  private logMissingFile(): void {
    if (this.input.kind !== 'file') return
    this.env.log.log(
      'WARN',
      LOG_SITES.sourceFileMissing,
      `Couldn't find file ${this.input.task.filename} for FileStreamSourceTask, sleeping to wait for it to be created`,
      taskContext(this.env),
    )
  }

  private async send(records: readonly SourceRecord[]): Promise<void> {
    const { keyConverter, valueConverter } = this.env.config
    await Promise.all(
      records.map((record) =>
        this.producer.send({
          topic: this.topic,
          key: keyConverter.fromConnectData(null),
          value: valueConverter.fromConnectData(record.value),
        }),
      ),
    )
    const last = records[records.length - 1]
    if (last !== undefined && last.position >= 0) this.acknowledged = last.position
  }

  private commit(): void {
    if (this.input.kind !== 'file' || this.acknowledged === null || this.acknowledged === this.committed)
      return
    this.offsets.commit(this.env.connector, this.input.task.filename, this.acknowledged)
    this.committed = this.acknowledged
  }
}

export class WorkerSinkTask implements WorkerTask {
  private readonly consumer: Consumer

  constructor(
    private readonly env: TaskEnvironment,
    private readonly topics: { names: string[] } | { regex: RegExp },
    /** The sink file, or null for the worker's stdout. */
    private readonly file: string | null,
    private readonly files: ShellFileSystem,
    private readonly stdout: (text: string) => void,
  ) {
    this.consumer = env.kafka.consumer(env.config.bootstrapServers, {
      'group.id': `connect-${env.connector}`,
      'client.id': `connector-consumer-${taskId(env)}`,
      'auto.offset.reset': 'earliest',
      'auto.commit.interval.ms': String(env.config.offsetFlushIntervalMs),
    })
  }

  started(): void {
    const message = `WorkerSinkTask{id=${taskId(this.env)}} Sink task finished initialization and start`
    this.env.log.log('INFO', LOG_SITES.sinkTaskStarted, message, taskContext(this.env))
  }

  async run(): Promise<void> {
    const { interrupt, config } = this.env
    try {
      await this.consumer.subscribe(await this.topicNames())
      while (!interrupt.interrupted) {
        const records = await Promise.race([
          this.consumer.poll(POLL_WAIT_MS),
          interrupt.whenInterrupted.then(() => null),
        ])
        if (records === null) break
        let written = ''
        for (const record of records) {
          try {
            config.keyConverter.toConnectData(record.topic, record.key)
            written += `${config.valueConverter.toConnectData(record.topic, record.value)}\n`
          } catch (error) {
            this.write(written)
            throw connectException('Tolerance exceeded in error handler', asJavaException(error))
          }
        }
        this.write(written)
      }
    } catch (error) {
      logTaskKilled(this.env, 'WorkerSinkTask', error)
    }
  }

  async close(): Promise<void> {
    await this.consumer.close()
  }

  private async topicNames(): Promise<string[]> {
    if ('names' in this.topics) return this.topics.names
    const admin = this.env.kafka.admin(this.env.config.bootstrapServers)
    try {
      const pattern = this.topics.regex
      return (await admin.listTopics()).filter((topic) => pattern.test(topic)).sort()
    } finally {
      await admin.close()
    }
  }

  private write(text: string): void {
    if (text === '') return
    if (this.file === null) this.stdout(text)
    else this.files.append(this.file, text)
  }
}
