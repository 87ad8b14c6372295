/**
 * org.apache.kafka.tools.consumer.DefaultMessageFormatter (Kafka 4.1): one record as
 * `[CreateTime:ts<sep>][Partition:p<sep>][Offset:o<sep>][Delivery:NONE<sep>][headers<sep>][key<sep>]value<line>`
 * where <sep> is key.separator (default tab) and <line> is line.separator (default newline). Each field
 * is printed only when its print.* property is true (print.value defaults to true); a separator follows a
 * field only when another field follows it. Null key, value and header values print null.literal
 * (default `null`); a record without headers prints `NO_HEADERS`. Bytes are shown as UTF-8 text.
 */
import type { ConsumerRecord } from '../../clients/kafka/api.ts'

const decoder = new TextDecoder()

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

  constructor(configs: ReadonlyMap<string, string>) {
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
  }

  private text(bytes: Uint8Array | null): string {
    return bytes === null ? this.nullLiteral : decoder.decode(bytes)
  }

  private headersText(record: ConsumerRecord): string {
    if (record.headers.length === 0) return 'NO_HEADERS'
    return record.headers
      .map((header) => `${header.key}:${this.text(header.value)}`)
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
      [this.fields.key, () => this.text(record.key)],
    ]
    const shown = columns.filter(([enabled]) => enabled).map(([, render]) => render())
    let text = ''
    shown.forEach((column, index) => {
      const last = index === shown.length - 1
      text += column + (last && !this.fields.value ? this.lineSeparator : this.keySeparator)
    })
    return this.fields.value ? text + this.text(record.value) + this.lineSeparator : text
  }
}
