/**
 * What ES's ObjectParser reports while it reads one section of a search body (`collapse`, `highlight`):
 * an x_content_parse_exception at the line and column of the offending key (or, with a cause, of its value),
 * its reason prefixed with the section parser's name (`[highlight] ...`), and the type checks of one value.
 */
import type { illegalArgumentException } from '../errors/index.ts'
import { xContentParseException } from '../errors/index.ts'
import { bodyLocation } from '../xcontent/body-location.ts'
import { XNumber, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { valueToken } from '../action/value-token.ts'

export class SectionParser {
  constructor(
    private readonly body: string,
    protected readonly parser: string,
  ) {}

  fail(key: string, message: string, cause?: ReturnType<typeof illegalArgumentException>): never {
    const { line, col } = bodyLocation(this.body, key, cause ? 'value' : 'key')
    throw xContentParseException(line, col, `[${this.parser}] ${message}`, cause)
  }

  /** An object value; anything else is refused as ObjectParser refuses a value of the wrong token. */
  object(key: string, value: XContentValue): XContentObject {
    if (value instanceof Map) return value
    return this.fail(key, `${this.parser} doesn't support values of type: ${valueToken(value)}`)
  }

  /** A string value; a number or boolean reads as its text, as Jackson's text() does. */
  string(key: string, value: XContentValue): string {
    if (typeof value === 'string') return value
    if (value instanceof XNumber) return value.text
    if (typeof value === 'boolean') return String(value)
    return this.fail(key, `${key} doesn't support values of type: ${valueToken(value)}`)
  }
}
