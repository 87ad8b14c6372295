/**
 * The `csv` processor (CsvProcessor and CsvParser, ES 8): `field`, `target_fields` (required, not empty: `[target_fields]
 * target fields list can't be empty`), `separator` (`,`) and `quote` (`"`), each one character (`[separator]
 * separator has to be single character like , or ;`, `[quote] quote has to be single character like " or '`),
 * `trim` (false), `empty_value` (set for an empty field; without it the field is skipped), `ignore_missing`.
 *
 * The line is parsed as RFC 4180 with whitespace (space, tab) allowed around a quoted field: fields are set to
 * the target fields in order, extra fields are ignored and missing ones left unset. A quote doubled inside a
 * quoted field is one quote. Errors: `Illegal character inside unquoted field at i` (a quote, CR or LF),
 * `character 'c' after quoted field at i`, `Unmatched quote`. With `trim`, whitespace around unquoted fields is
 * dropped. A null field fails with `field [x] is null, cannot process it.` unless `ignore_missing`.
 */
import type { XContentValue } from '../../xcontent/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import { javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

interface CsvOptions {
  quote: string
  separator: string
  trim: boolean
  headers: readonly string[]
  emptyValue: XContentValue | undefined
}

const isWhitespace = (c: string) => c === ' ' || c === '\t'

/** CsvParser.process: the state machine over one line, setting fields as they complete. */
function parseLine(doc: IngestDocument, line: string, options: CsvOptions): void {
  const { quote, separator, trim, headers, emptyValue } = options
  // Changed by the state functions below, so declared wide (no narrowing from the initial value).
  let state = 'start' as 'start' | 'unquoted' | 'quoted' | 'quotedEnd'
  let builder = ''
  let header = 0
  let start = 0
  let i = 0
  /** Sets the next header to the text up to `end`; true when every header is set. */
  const setField = (end: number): boolean => {
    const value = builder + line.slice(start, end)
    builder = ''
    if (value.length > 0) doc.setFieldValue(headers[header]!, value)
    else if (emptyValue !== undefined) doc.setFieldValue(headers[header]!, emptyValue)
    header++
    return header === headers.length
  }
  const processStart = (): boolean => {
    for (; i < line.length; i++) {
      const c = line.charAt(i)
      if (c === quote) {
        state = 'quoted'
        builder = ''
        start = i + 1
        return false
      } else if (c === separator) {
        start++
        builder = ''
        if (setField(start)) return true
      } else if (isWhitespace(c)) {
        if (trim) start++
      } else {
        state = 'unquoted'
        builder = ''
        return false
      }
    }
    return true
  }
  const processUnquoted = (): boolean => {
    let spaces = 0
    for (; i < line.length; i++) {
      const c = line.charAt(i)
      if (c === '\n' || c === '\r' || c === quote) {
        throw illegalArgumentException(`Illegal character inside unquoted field at ${i}`)
      } else if (trim && isWhitespace(c)) spaces++
      else if (c === separator) {
        state = 'start'
        if (setField(i - spaces)) return true
        start = i + 1
        return false
      } else spaces = 0
    }
    return false
  }
  const processQuoted = (): void => {
    for (; i < line.length; i++) {
      if (line.charAt(i) === quote) {
        state = 'quotedEnd'
        return
      }
    }
  }
  const processQuotedEnd = (): boolean => {
    if (line.charAt(i) === quote) {
      builder += line.slice(start, i - 1) + quote
      start = i + 1
      state = 'quoted'
      return false
    }
    let shouldSetField = true
    for (; i < line.length; i++) {
      const c = line.charAt(i)
      if (isWhitespace(c)) {
        if (shouldSetField) {
          if (setField(i - 1)) return true
          shouldSetField = false
        }
      } else if (c === separator) {
        if (shouldSetField && setField(i - 1)) return true
        start = i + 1
        state = 'start'
        return false
      } else throw illegalArgumentException(`character '${c}' after quoted field at ${i}`)
    }
    return true
  }
  for (i = 0; i < line.length; i++) {
    let done = false
    if (state === 'start') done = processStart()
    else if (state === 'unquoted') done = processUnquoted()
    else if (state === 'quoted') processQuoted()
    else done = processQuotedEnd()
    if (done) return
  }
  if (state === 'unquoted') setField(line.length)
  else if (state === 'quotedEnd') setField(line.length - 1)
  else if (state === 'quoted') throw illegalArgumentException('Unmatched quote')
}

export function createCsv(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const quote = config.optionalString('quote') ?? '"'
  if (quote.length !== 1) throw config.error('quote', `quote has to be single character like " or '`)
  const separator = config.optionalString('separator') ?? ','
  if (separator.length !== 1)
    throw config.error('separator', 'separator has to be single character like , or ;')
  const trim = config.boolean('trim', false)
  const emptyValue = config.has('empty_value') ? config.required('empty_value') : undefined
  const ignoreMissing = config.boolean('ignore_missing', false)
  const headers = config.list('target_fields').map((header) => javaToString(header))
  if (headers.length === 0) throw config.error('target_fields', "target fields list can't be empty")
  const options: CsvOptions = { quote, separator, trim, headers, emptyValue }
  return {
    type: 'csv',
    execute(doc: IngestDocument) {
      const line = doc.getStringFieldValue(field, ignoreMissing)
      if (line === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${field}] is null, cannot process it.`)
      }
      parseLine(doc, line, options)
      return doc
    },
  }
}
