/**
 * org.apache.kafka.tools.LineMessageReader (Kafka 4.1), the console producer's default reader: each input
 * line is one record. With parse.headers the line starts `h1:v1,h2:v2<headers.delimiter>`, with parse.key
 * the key ends at key.separator (default tab); the rest is the value. A field equal to null.marker becomes
 * null. A missing separator throws KafkaException `No key separator found on line number N: 'line'`
 * unless ignore.error=true (then the whole rest is the value). headers.separator is a regular expression
 * (Pattern.split: trailing empty pairs dropped); a pair without headers.key.separator throws
 * `No header key separator found in pair 'p' on line number N` (with ignore.error: a key with null value).
 */
import type { ProducerRecord } from '../../clients/kafka/api.ts'
import type { RecordHeader } from '../../../engine-wasm/src/log/types.ts'
import { JavaException } from './java-exception.ts'
import { javaSplit } from './java-lang.ts'

const encoder = new TextEncoder()

function kafkaException(message: string): JavaException {
  return new JavaException('org.apache.kafka.common.KafkaException', message)
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true'
}

export class LineMessageReader {
  private readonly parseKey: boolean
  private readonly keySeparator: string
  private readonly parseHeaders: boolean
  private readonly headersDelimiter: string
  private readonly headersSeparator: string
  private readonly headersKeySeparator: string
  private readonly ignoreError: boolean
  private readonly nullMarker: string | null
  private lineNumber = 0

  /** LineMessageReader.configure; throws KafkaException for conflicting separators. */
  constructor(
    private readonly topic: string,
    props: ReadonlyMap<string, string>,
  ) {
    this.parseKey = isTrue(props.get('parse.key'))
    this.keySeparator = props.get('key.separator') ?? '\t'
    this.parseHeaders = isTrue(props.get('parse.headers'))
    this.headersDelimiter = props.get('headers.delimiter') ?? '\t'
    this.headersSeparator = props.get('headers.separator') ?? ','
    this.headersKeySeparator = props.get('headers.key.separator') ?? ':'
    this.ignoreError = isTrue(props.get('ignore.error'))
    this.nullMarker = props.get('null.marker') ?? null
    const distinct: [string, string, string, string][] = [
      ['headers.delimiter', this.headersDelimiter, 'headers.separator', this.headersSeparator],
      ['headers.delimiter', this.headersDelimiter, 'headers.key.separator', this.headersKeySeparator],
      ['headers.separator', this.headersSeparator, 'headers.key.separator', this.headersKeySeparator],
      ['null.marker', this.nullMarker ?? '', 'key.separator', this.keySeparator],
      ['null.marker', this.nullMarker ?? '', 'headers.separator', this.headersSeparator],
      ['null.marker', this.nullMarker ?? '', 'headers.delimiter', this.headersDelimiter],
      ['null.marker', this.nullMarker ?? '', 'headers.key.separator', this.headersKeySeparator],
    ]
    for (const [nameA, a, nameB, b] of distinct) {
      if (a === b && (nameA !== 'null.marker' || this.nullMarker !== null)) {
        throw kafkaException(`${nameA} and ${nameB} may not be equal`)
      }
    }
  }

  private field(text: string | null): Uint8Array | null {
    return text === null || text === this.nullMarker ? null : encoder.encode(text)
  }

  private parse(
    enabled: boolean,
    line: string,
    start: number,
    separator: string,
    name: string,
  ): string | null {
    if (!enabled) return null
    const index = line.indexOf(separator, start)
    if (index === -1) {
      if (this.ignoreError) return null
      throw kafkaException(`No ${name} found on line number ${this.lineNumber}: '${line}'`)
    }
    return line.slice(start, index)
  }

  private splitHeaders(headers: string): RecordHeader[] {
    return javaSplit(headers, this.headersSeparator).map((pair) => {
      const index = pair.indexOf(this.headersKeySeparator)
      if (index === -1) {
        if (this.ignoreError) return { key: pair, value: null }
        throw kafkaException(
          `No header key separator found in pair '${pair}' on line number ${this.lineNumber}`,
        )
      }
      const key = pair.slice(0, index)
      if (key === this.nullMarker) {
        throw kafkaException(
          `Header keys should not be equal to the null marker '${this.nullMarker}' as they can't be null`,
        )
      }
      return { key, value: this.field(pair.slice(index + this.headersKeySeparator.length)) }
    })
  }

  /** The record for the next input line. */
  read(line: string): ProducerRecord {
    this.lineNumber += 1
    const headers = this.parse(this.parseHeaders, line, 0, this.headersDelimiter, 'headers delimiter')
    const headerOffset = headers === null ? 0 : headers.length + this.headersDelimiter.length
    const key = this.parse(this.parseKey, line, headerOffset, this.keySeparator, 'key separator')
    const keyOffset = key === null ? 0 : key.length + this.keySeparator.length
    return {
      topic: this.topic,
      key: this.field(key),
      value: this.field(line.slice(headerOffset + keyOffset)),
      headers: headers === null || headers === this.nullMarker ? [] : this.splitHeaders(headers),
    }
  }
}
