/**
 * The `date_index_name` processor (DateIndexNameProcessor, ES 8): reads `locale` (accepted, see the date processor),
 * `timezone` (ZoneId.of, default UTC), `date_formats` (default `yyyy-MM-dd'T'HH:mm:ss.SSSXX`; each as the date
 * processor reads a format), `field`, `index_name_prefix` (`""`), `date_rounding` (required) and
 * `index_name_format` (`yyyy-MM-dd`), the last three templates.
 *
 * The field's value (its toString) is parsed by every format, the last that succeeds winning (the loop has no
 * break); when none does: `unable to parse date [x]`. `_index` becomes the date math expression
 * `<prefix{date||/rounding{format|zone}}>`: the date printed with the format in the zone, the zone as
 * ZoneId.getId prints it (`UTC` for UTC). An unknown `timezone` fails as the plain java.time exception a factory
 * throws (`exception`, `java.time.DateTimeException: ...`). The write path resolves that expression (date-math-index-name.ts).
 */
import { DateFormatter, ZoneId } from '../../common/time/index.ts'
import { EsException } from '../../errors/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { convertToElastic } from '../ingest-exceptions.ts'
import { javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import { dateParser, parseDate } from './date.ts'

/** java.time.ZoneId.of(text).getId(), with ZoneOffset.UTC printed as `UTC`. */
function zoneText(text: string): string {
  const id = ZoneId.ofUnnormalized(text).id
  return id === 'Z' ? 'UTC' : id
}

/** ZoneId.of in the factory: its java.time exception reaches the reader as a plain Java exception. */
function zoneOf(text: string): ZoneId {
  try {
    return ZoneId.of(text)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const javaClass =
      error.type === 'zone_rules_exception'
        ? 'java.time.zone.ZoneRulesException'
        : 'java.time.DateTimeException'
    throw convertToElastic(javaClass, error)
  }
}

export function createDateIndexName(config: ProcessorConfig): Processor {
  config.optionalString('locale')
  const timezoneText = config.optionalString('timezone')
  const zone = timezoneText === null ? ZoneId.UTC : zoneOf(timezoneText)
  const zoneId = timezoneText === null ? 'UTC' : zoneText(timezoneText)
  const formats = config.optionalList('date_formats')?.map((f) => javaToString(f)) ?? [
    "yyyy-MM-dd'T'HH:mm:ss.SSSXX",
  ]
  const parsers = formats.map((format) => dateParser(format))
  const field = config.string('field')
  const prefix = config.compile('index_name_prefix', config.optionalString('index_name_prefix') ?? '')
  const rounding = config.template('date_rounding')
  const indexNameFormat = config.compile(
    'index_name_format',
    config.optionalString('index_name_format') ?? 'yyyy-MM-dd',
  )
  return {
    type: 'date_index_name',
    execute(doc: IngestDocument) {
      const text = javaToString(doc.getFieldValue(field) ?? null)
      const year = javaToString(doc.ingest.get('timestamp') ?? null).slice(0, 4)
      let millis: number | null = null
      for (const parse of parsers) {
        try {
          millis = parse(text, zone, year)
        } catch {
          // the next format is tried; the failures are reported when none parses
        }
      }
      millis ??= parseDate(parsers, text, zone, year)
      const format = indexNameFormat.render(doc)
      const date = DateFormatter.forPattern(format).format(millis, zone)
      const index = `<${prefix.render(doc)}{${date}||/${rounding.render(doc)}{${format}|${zoneId}}}>`
      doc.setFieldValue('_index', index)
      return doc
    },
  }
}
