/**
 * The `date` processor (DateProcessor and DateFormat, ES 8): `field`, `target_field` (default
 * `@timestamp`), `timezone` and `locale` (templates), `formats` (required list), `output_format` (default
 * `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`). The formats are tried in order; the first that parses wins:
 * - `ISO8601`: an ISO date-time (strict_date_optional_time), an offset in the text wins over `timezone`;
 * - `UNIX`: seconds, Double.parseDouble(text) * 1000 truncated to millis; `UNIX_MS`: Long.parseLong millis;
 * - anything else is a java.time pattern read in `timezone` (UTC by default); a pattern without a year
 *   takes the current year, as DateFormat.Java does.
 * When none parses: `unable to parse date [x]` caused by the first format's failure (the later failures
 * suppressed). The result is printed with `output_format` in `timezone`. `locale` is accepted; the
 * playground knows only the ROOT/English names (docs/DEVIATIONS.md).
 */
import { EsException, exceptionFields } from '../../errors/index.ts'
import { DateFormatter, ZoneId } from '../../common/time/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException, withSuppressed } from '../ingest-exceptions.ts'
import { javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import type { Template } from '../template.ts'
import { LONG_RANGE, parseJavaInteger } from '../../../net/java-integer.ts'
import { parseJavaDouble } from '../../../net/java-double.ts'

/** Parses to epoch millis; `year` is the current year, for patterns without one. */
export type DateParser = (text: string, zone: ZoneId, year: string) => number

function numberFormatException(text: string): EsException {
  return new EsException({
    type: 'number_format_exception',
    reason: text === '' ? 'empty String' : `For input string: "${text}"`,
    status: 400,
    rootCause: false,
  })
}

/** DateFormat.fromString(format).getFunction: `ISO8601`, `UNIX`, `UNIX_MS` or a java.time pattern. */
export function dateParser(format: string): DateParser {
  if (format === 'ISO8601') {
    const iso = DateFormatter.forPattern('strict_date_optional_time')
    return (text, zone) => iso.parseMillis(text, zone)
  }
  if (format === 'UNIX') {
    return (text) => {
      const seconds = parseJavaDouble(text)
      if (seconds === null) throw numberFormatException(text)
      return Math.trunc(seconds * 1000)
    }
  }
  if (format === 'UNIX_MS') {
    return (text) => {
      const millis = parseJavaInteger(text, LONG_RANGE)
      if (millis === null || /^-?0[xX]/.test(text)) throw numberFormatException(text)
      return Number(millis)
    }
  }
  const formatter = DateFormatter.forPattern(format)
  const pattern = format.startsWith('8') ? format.slice(1) : format
  const hasYear = /[yuY]/.test(pattern.replace(/'[^']*'/g, ''))
  if (hasYear || pattern.includes('||')) return (text, zone) => formatter.parseMillis(text, zone)
  const withYear = DateFormatter.forPattern(`uuuu ${pattern}`)
  return (text, zone, year) => {
    try {
      return withYear.parseMillis(`${year} ${text}`, zone)
    } catch {
      return formatter.parseMillis(text, zone)
    }
  }
}

export function createDate(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const targetField = config.optionalString('target_field') ?? '@timestamp'
  const timezone: Template | null = config.optionalTemplate('timezone')
  config.optionalTemplate('locale')
  const formats = config.list('formats').map((f) => javaToString(f))
  const outputFormat = config.optionalString('output_format') ?? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"
  let output: DateFormatter
  try {
    output = DateFormatter.forPattern(outputFormat)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw illegalArgumentException(`invalid output format [${outputFormat}]`, error)
  }
  const parsers = formats.map((format) => dateParser(format))
  return {
    type: 'date',
    execute(doc: IngestDocument) {
      const value = doc.getFieldValue(field) ?? null
      const text = javaToString(value)
      const zone = timezone === null ? ZoneId.UTC : ZoneId.of(timezone.render(doc))
      const year = javaToString(doc.ingest.get('timestamp') ?? null).slice(0, 4)
      doc.setFieldValue(targetField, output.format(parseDate(parsers, text, zone, year), zone))
      return doc
    },
  }
}

/**
 * The first parse that succeeds; when none does, `unable to parse date [x]` caused by the first failure with the
 * later ones suppressed (ExceptionsHelper.useOrSuppress).
 */
export function parseDate(parsers: readonly DateParser[], text: string, zone: ZoneId, year: string): number {
  const failures: EsException[] = []
  for (const parse of parsers) {
    try {
      return parse(text, zone, year)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      failures.push(error)
    }
  }
  const [first, ...rest] = failures
  const cause =
    first && rest.length > 0
      ? withSuppressed(
          first,
          rest.map((e) => exceptionFields(e)),
        )
      : first
  throw illegalArgumentException(`unable to parse date [${text}]`, cause)
}
