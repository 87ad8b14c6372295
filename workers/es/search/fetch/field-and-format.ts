/**
 * FieldAndFormat and StoredFieldsContext, as a search body (and top_hits) names the fields its hits carry:
 * - `fields` and `docvalue_fields`: arrays whose entries are a field name or pattern (`"title"`, `"user.*"`) or an
 *   object `{"field", "format", "include_unmapped"}` (FieldAndFormat's ConstructingObjectParser
 *   `fetch_field_and_format`: `field` required, unknown keys refused);
 * - `stored_fields`: a name or an array of names; `_none_` alone turns stored fields off entirely (no `_id`, no
 *   `_source`, no metadata fields; ES refuses `_none_` beside other names), a list (even empty) turns off the
 *   implicit `_source` unless `_source` is asked for, as FetchContext.buildFetchSourceContext does.
 * The URI forms are comma lists (`stored_fields=a,b`, `docvalue_fields=a,b`), as RestSearchAction reads them.
 */
import { illegalArgumentException, parsingException, xContentParseException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'

export interface FieldAndFormat {
  readonly field: string
  /** The output format (a date pattern), or null for the field's own. */
  readonly format: string | null
  /** `include_unmapped`: a pattern also matches fields of `_source` the mapping does not know. */
  readonly includeUnmapped: boolean
}

/** StoredFieldsContext: the names asked for, or `fetchFields: false` for `_none_`. */
export interface StoredFieldsContext {
  readonly fetchFields: boolean
  readonly fieldNames: readonly string[]
}

const NONE = '_none_'
const FIELD_AND_FORMAT_KEYS = new Set(['field', 'format', 'include_unmapped'])

/** FieldAndFormat.fromXContent over one entry of a `fields` or `docvalue_fields` array. */
export function parseFieldAndFormat(value: XContentValue): FieldAndFormat {
  if (!(value instanceof Map)) {
    if (Array.isArray(value) || value === null) {
      throw parsingException(
        1,
        1,
        `Expected [VALUE_STRING] or [START_OBJECT] but found [${valueToken(value)}]`,
      )
    }
    return { field: textOf(value), format: null, includeUnmapped: false }
  }
  for (const key of value.keys()) {
    if (!FIELD_AND_FORMAT_KEYS.has(key))
      throw xContentParseException(1, 1, `[fetch_field_and_format] unknown field [${key}]`)
  }
  const field = value.get('field')
  if (field === undefined || field === null) throw illegalArgumentException('Required [field]')
  const format = value.get('format')
  const includeUnmapped = value.get('include_unmapped')
  return {
    field: textOf(field),
    format: format === undefined || format === null ? null : textOf(format),
    includeUnmapped: includeUnmapped === true || includeUnmapped === 'true',
  }
}

/** The entries of a `fields` / `docvalue_fields` array. */
export function parseFieldAndFormatList(value: XContentValue[]): FieldAndFormat[] {
  return value.map(parseFieldAndFormat)
}

/** `docvalue_fields=a,b` / `stored_fields=a,b`: Strings.splitStringByCommaToArray. */
export function commaList(text: string): string[] {
  return text.split(',').filter((part) => part.length > 0)
}

/** StoredFieldsContext.fromXContent: a string or an array of names. */
export function parseStoredFields(value: string | XContentValue[]): StoredFieldsContext {
  return storedFieldsFromList(typeof value === 'string' ? [value] : value.map(textOf))
}

/** StoredFieldsContext.fromList. */
export function storedFieldsFromList(names: readonly string[]): StoredFieldsContext {
  if (names.includes(NONE)) {
    if (names.length > 1) throw illegalArgumentException('cannot combine _none_ with other fields')
    return { fetchFields: false, fieldNames: [] }
  }
  return { fetchFields: true, fieldNames: names }
}

/** parser.text() of a value token. */
function textOf(value: XContentValue): string {
  if (typeof value === 'string') return value
  if (value instanceof Map || Array.isArray(value) || value === null) {
    throw parsingException(1, 1, `Expected [VALUE_STRING] but found [${valueToken(value)}]`)
  }
  return typeof value === 'boolean' ? String(value) : value.text
}
