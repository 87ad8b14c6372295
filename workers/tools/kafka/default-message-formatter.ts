/**
 * org.apache.kafka.tools.consumer.DefaultMessageFormatter (Kafka 4.1): one record as
 * `[CreateTime:ts<sep>][Partition:p<sep>][Offset:o<sep>][Delivery:NONE<sep>][headers<sep>][key<sep>]value<line>`
 * where <sep> is key.separator (default tab) and <line> is line.separator (default newline). Each field
 * is printed only when its print.* property is true (print.value defaults to true); a separator follows a
 * field only when another field follows it. Null key, value and header values print null.literal
 * (default `null`); a record without headers prints `NO_HEADERS`. Bytes are shown as UTF-8 text, or through
 * the key.deserializer / value.deserializer / headers.deserializer class (message-deserializers.ts), which gets
 * the null literal's bytes for a null, as getDeserializerProperty and deserialize do. A deserializer that cannot
 * be instantiated is logged (`Unable to instantiate a deserializer from <name>`) and left out.
 */
import type { ConsumerRecord } from '../../clients/kafka/api.ts'
import type { JavaException } from './java-exception.ts'
import { messageDeserializer, type MessageDeserializer } from './message-deserializers.ts'
import { asJavaException } from './tool-errors.ts'

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** Where the formatter reports a deserializer it could not set up. */
export interface FormatterSetupLog {
  /** DefaultMessageFormatter's LOG.error with the exception. */
  error(message: string, thrown: JavaException): void
  /** A `[playground]` note: a Kafka class the playground does not model. */
  note(text: string): void
}

function deserializerProperty(
  configs: ReadonlyMap<string, string>,
  key: string,
  log: FormatterSetupLog | undefined,
): MessageDeserializer | null {
  const name = configs.get(key)
  if (name === undefined) return null
  try {
    const found = messageDeserializer(name)
    if (found !== 'unmodelled') return found
    log?.note(`${name} is not modelled here; ${key} is left out and the bytes are printed as UTF-8 text.`)
  } catch (error) {
    log?.error(`Unable to instantiate a deserializer from ${name}`, asJavaException(error))
  }
  return null
}

function isTrue(value: string | undefined, fallback: boolean): boolean {
  return value === undefined ? fallback : value.trim().toLowerCase() === 'true'
}

export class DefaultMessageFormatter {
  private readonly fields: {
    timestamp: boolean
    partition: boolean
    offset: boolean
    delivery: boolean
    headers: boolean
    key: boolean
    value: boolean
  }
  private readonly keySeparator: string
  private readonly lineSeparator: string
  private readonly headersSeparator: string
  private readonly nullLiteral: string
  private readonly keyDeserializer: MessageDeserializer | null
  private readonly valueDeserializer: MessageDeserializer | null
  private readonly headersDeserializer: MessageDeserializer | null

  constructor(configs: ReadonlyMap<string, string>, log?: FormatterSetupLog) {
    this.fields = {
      timestamp: isTrue(configs.get('print.timestamp'), false),
      partition: isTrue(configs.get('print.partition'), false),
      offset: isTrue(configs.get('print.offset'), false),
      delivery: isTrue(configs.get('print.delivery'), false),
      headers: isTrue(configs.get('print.headers'), false),
      key: isTrue(configs.get('print.key'), false),
      value: isTrue(configs.get('print.value'), true),
    }
    this.keySeparator = configs.get('key.separator') ?? '\t'
    this.lineSeparator = configs.get('line.separator') ?? '\n'
    this.headersSeparator = configs.get('headers.separator') ?? ','
    this.nullLiteral = configs.get('null.literal') ?? 'null'
    this.keyDeserializer = deserializerProperty(configs, 'key.deserializer', log)
    this.valueDeserializer = deserializerProperty(configs, 'value.deserializer', log)
    this.headersDeserializer = deserializerProperty(configs, 'headers.deserializer', log)
  }

  /** DefaultMessageFormatter.deserialize: a null is the null literal's bytes, given to the deserializer too. */
  private text(bytes: Uint8Array | null, deserializer: MessageDeserializer | null): string {
    const nonNull = bytes ?? encoder.encode(this.nullLiteral)
    return deserializer === null ? decoder.decode(nonNull) : deserializer(nonNull)
  }

  private headersText(record: ConsumerRecord): string {
    if (record.headers.length === 0) return 'NO_HEADERS'
    return record.headers
      .map((header) => `${header.key}:${this.text(header.value, this.headersDeserializer)}`)
      .join(this.headersSeparator)
  }

  /** DefaultMessageFormatter.writeTo. */
  format(record: ConsumerRecord): string {
    const columns: [boolean, () => string][] = [
      [this.fields.timestamp, () => `${record.timestampType}:${record.timestamp}`],
      [this.fields.partition, () => `Partition:${record.partition}`],
      [this.fields.offset, () => `Offset:${record.offset}`],
      [this.fields.delivery, () => 'Delivery:NONE'],
      [this.fields.headers, () => this.headersText(record)],
      [this.fields.key, () => this.text(record.key, this.keyDeserializer)],
    ]
    const shown = columns.filter(([enabled]) => enabled).map(([, render]) => render())
    let text = ''
    shown.forEach((column, index) => {
      const last = index === shown.length - 1
      text += column + (last && !this.fields.value ? this.lineSeparator : this.keySeparator)
    })
    return this.fields.value
      ? text + this.text(record.value, this.valueDeserializer) + this.lineSeparator
      : text
  }
}
