/**
 * AbstractStringProcessor (ES 8) and its processors: `field`, `ignore_missing`, `target_field` (default:
 * the field). A string is processed; a list of strings is processed element by element; null fails with
 * `field [x] is null, cannot process it.`, another type with `field [x] of type [T] cannot be cast to
 * [java.lang.String]` (in a list: `value [v] of type [T] in list field [x] cannot be cast to [...]`).
 *
 * lowercase / uppercase (Locale.ROOT), trim (String.trim: chars up to U+0020), html_strip (Lucene's
 * HTMLStripCharFilter), gsub (`pattern`, a Java regex, and `replacement` with `$1` groups), bytes
 * (ByteSizeValue.parseBytesSizeValue: `1kb` → 1024, a Long), urldecode (URLDecoder.decode in UTF-8,
 * java-url-decoder.ts).
 */
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { EsException } from '../../errors/index.ts'
import { HtmlStripCharFilter } from '../../analysis/char-filters/html-strip-char-filter.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import { javaReplaceAll, safeJavaPattern } from '../java-regex.ts'
import { javaClassName, javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import { parseJavaDouble } from '../../../net/java-double.ts'
import { urlDecode } from './java-url-decoder.ts'

type StringFunction = (value: string, field: string) => XContentValue

function stringProcessor(
  type: string,
  config: ProcessorConfig,
  makeProcess: (config: ProcessorConfig) => StringFunction,
): Processor {
  const field = config.string('field')
  const ignoreMissing = config.boolean('ignore_missing', false)
  const targetField = config.optionalString('target_field') ?? field
  const process = makeProcess(config)
  return {
    type,
    execute(doc: IngestDocument) {
      const value = doc.getFieldValue(field, ignoreMissing) ?? null
      if (value === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${field}] is null, cannot process it.`)
      }
      let result: XContentValue
      if (Array.isArray(value)) {
        result = value.map((item) => {
          if (typeof item === 'string') return process(item, field)
          throw illegalArgumentException(
            `value [${javaToString(item)}] of type [${javaClassName(item)}] in list field [${field}] ` +
              'cannot be cast to [java.lang.String]',
          )
        })
      } else if (typeof value === 'string') result = process(value, field)
      else {
        throw illegalArgumentException(
          `field [${field}] of type [${javaClassName(value)}] cannot be cast to [java.lang.String]`,
        )
      }
      doc.setFieldValue(targetField, result)
      return doc
    },
  }
}

const htmlStrip = new HtmlStripCharFilter('html_strip')

export const createLowercase = (config: ProcessorConfig) =>
  stringProcessor('lowercase', config, () => (value) => value.toLowerCase())
export const createUppercase = (config: ProcessorConfig) =>
  stringProcessor('uppercase', config, () => (value) => value.toUpperCase())
export const createTrim = (config: ProcessorConfig) =>
  stringProcessor('trim', config, () => (value) => value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, ''))
export const createHtmlStrip = (config: ProcessorConfig) =>
  stringProcessor('html_strip', config, () => (value) => htmlStrip.filter(value).text)
export const createUrlDecode = (config: ProcessorConfig) =>
  stringProcessor('urldecode', config, () => (value) => urlDecode(value))
export const createBytes = (config: ProcessorConfig) =>
  stringProcessor('bytes', config, () => (value, field) => new XNumber(parseBytes(value, field).toString()))

export function createGsub(config: ProcessorConfig): Processor {
  return stringProcessor('gsub', config, (c) => {
    const patternText = c.string('pattern')
    let pattern: RegExp
    try {
      pattern = safeJavaPattern(patternText)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      throw c.error('pattern', `Invalid regex pattern. ${error.reason}`)
    }
    const replacement = c.string('replacement')
    return (value) => javaReplaceAll(value, pattern, replacement)
  })
}

const UNITS: ReadonlyArray<[string, bigint]> = [
  ['kb', 1n << 10n],
  ['k', 1n << 10n],
  ['mb', 1n << 20n],
  ['m', 1n << 20n],
  ['gb', 1n << 30n],
  ['g', 1n << 30n],
  ['tb', 1n << 40n],
  ['t', 1n << 40n],
  ['pb', 1n << 50n],
  ['p', 1n << 50n],
]

function bytesParseException(field: string, value: string, detail: string): EsException {
  return new EsException({
    type: 'parse_exception',
    reason: `failed to parse setting [${field}] with value [${value}]${detail}`,
    status: 400,
  })
}

/** ByteSizeValue.parseBytesSizeValue: whole or (deprecated) fractional numbers with a unit suffix. */
export function parseBytes(value: string, field: string): bigint {
  const lower = value.toLowerCase().trim()
  const unit = UNITS.find(([suffix]) => lower.endsWith(suffix))
  if (unit === undefined) {
    if (lower.endsWith('b') && /^\s*-?\d+\s*$/.test(lower.slice(0, -1)))
      return BigInt(lower.slice(0, -1).trim())
    if (lower === '-1' || lower === '0') return BigInt(lower)
    throw bytesParseException(field, value, ' as a size in bytes: unit is missing or unrecognized')
  }
  const number = lower.slice(0, -unit[0].length).trim()
  if (/^[+-]?\d+$/.test(number)) return BigInt(number) * unit[1]
  const double = parseJavaDouble(number)
  if (double === null) throw bytesParseException(field, value, '')
  return BigInt(Math.trunc(double * Number(unit[1])))
}
