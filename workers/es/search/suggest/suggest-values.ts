/**
 * The value tokens a suggester's parser reads (parser.text(), floatValue(), intValue()), and its ParsingException
 * located at a key of the body.
 */
import { EsException, parsingException } from '../../errors/index.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { parseJavaDouble } from '../../../net/java-double.ts'

export function locatedParsingException(body: string, key: string, reason: string): EsException {
  const { line, col } = bodyLocation(body, key, 'key')
  return parsingException(line, col, reason)
}

export type ValueToken = string | boolean | null | XNumber

/** parser.text() of a value token. */
export function text(value: ValueToken): string {
  return value instanceof XNumber ? value.text : String(value)
}

/** parser.floatValue() / intValue() of a value token: a number, or a string holding one. */
export function numberOf(value: ValueToken): number {
  const n = value instanceof XNumber ? value.value : typeof value === 'string' ? parseJavaDouble(value) : null
  if (n === null)
    throw new EsException({
      type: 'number_format_exception',
      reason: `For input string: "${text(value)}"`,
      status: 400,
    })
  return n
}

export function isValue(value: XContentValue): value is ValueToken {
  return !(value instanceof Map) && !Array.isArray(value)
}
