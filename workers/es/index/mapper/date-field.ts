/**
 * DateFieldMapper's side of a mapping and a document for `date` and `date_nanos` (ES 8.17; the two resolutions'
 * parsing and doc values live in doc-values.ts and date-nanos-field.ts).
 *
 * Mapping: `index`, `doc_values`, `store`, `format`, `locale`, `null_value`, `ignore_malformed`, `meta`, in the
 * Builder's order, kept when given with a value other than their default (field-parameters.ts; `format` and `locale`
 * whenever given); `script` and `on_script_error` are not available. As DateFieldMapper.Builder.build does, the
 * `format` is compiled first ("Error parsing [format] on field [f]: <why>", an illegal_argument_exception), then the
 * `null_value` (Parameter.stringParam: a scalar's text) is parsed with it as a document's value would be (the
 * field's resolution included: a date_nanos null_value before 1970 fails); a failure is mapper_parsing_exception
 * "Error parsing [null_value] on field [f]: <why>" (IndexVersions.V_8_0_0 onwards). The mapping keeps the text.
 *
 * Document (parseCreateField): a JSON null is the `null_value` text, which the doc values parse as any value, or
 * nothing; `_source` keeps the null. Any other value keeps its leaf and is parsed with the doc values
 * (numericDocValues, which fails the document with ES's document_parsing_exception), unless the field ignores
 * malformed values (its `ignore_malformed`, else the index's `index.mapping.ignore_malformed`, but never for a data
 * stream's `@timestamp` that does not set it) or the document is parsed again after its primary took it (`id` null):
 * then it is parsed here, and a value that does not parse is dropped as MALFORMED (listed in `_ignored`).
 */
import { DateFormatter } from '../../common/time/index.ts'
import {
  EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
} from '../../errors/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import { DEFAULT_DATE_FORMAT, dateMillis } from './doc-values.ts'
import { DEFAULT_DATE_NANOS_FORMAT, dateNanos } from './date-nanos-field.ts'
import {
  fieldParsingException,
  INDEX_DOC_VALUES_STORE,
  MALFORMED,
  stringParameter,
  typedParameters,
  type Malformed,
  type ParameterSpec,
} from './field-parameters.ts'

export const DATE_PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ...INDEX_DOC_VALUES_STORE,
  ['format', { kind: 'value' }],
  // Locale.ROOT, written as its toString()
  ['locale', { kind: 'value', shown: '' }],
  ['null_value', { kind: 'value', default: null }],
  ['ignore_malformed', { kind: 'boolean', default: false }],
  ['script', { kind: 'unmodelled' }],
  ['on_script_error', { kind: 'unmodelled', shown: 'fail' }],
  ['meta', { kind: 'value', shown: {} }],
])

/** A date or date_nanos field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function dateMapping(name: string, type: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, type, definition, DATE_PARAMETERS) as unknown as FieldMapping
  const format = mapping.format ?? (type === 'date' ? DEFAULT_DATE_FORMAT : DEFAULT_DATE_NANOS_FORMAT)
  try {
    DateFormatter.forPattern(String(format))
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const message = `Error parsing [format] on field [${name}]: ${error.reason}`
    throw failedToParseMappingFrom(illegalArgumentException(message, error))
  }
  const nullValue: unknown = mapping.null_value
  if (nullValue !== undefined) {
    const text = stringParameter(nullValue)
    try {
      parseDate(mapping)(text)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      const message = `Error parsing [null_value] on field [${name}]: ${error.reason}`
      throw failedToParseMappingFrom(mapperParsingException(message, error))
    }
    mapping.null_value = text
  }
  return mapping
}

/** How the field's resolution reads a value (epoch millis or nanoseconds), failing as ES fails a bad date. */
function parseDate(field: FieldMapping): (value: LeafValue) => unknown {
  return field.type === 'date_nanos' ? dateNanos(field) : dateMillis(field)
}

/**
 * The leaf one value of a date field keeps (null: nothing indexed; MALFORMED: a value that does not parse, dropped),
 * `ignoreMalformed` being whether the field ignores malformed values (see the header).
 */
export function dateFieldValue(
  field: FieldMapping,
  leaf: LeafValue | null,
  id: string | null,
  ignoreMalformed: boolean,
): LeafValue | null | Malformed {
  if (leaf === null) return field.null_value ?? null
  if (id !== null && !ignoreMalformed) return leaf
  try {
    parseDate(field)(leaf)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    return MALFORMED
  }
  return leaf
}

/**
 * DateFieldMapper.parseCreateField's failure for a value that does not parse, as the doc values raise it
 * (doc-values.ts): for a primary's walk that reads dates (parseDocumentReadingDates), at the value.
 */
export function checkDateValue(path: string, field: FieldMapping, leaf: LeafValue, id: string): void {
  try {
    parseDate(field)(leaf)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw fieldParsingException(path, field.type, String(leaf), id, error)
  }
}
