/**
 * Dynamic field mapping as ES 8 does it for a value of a field it has not seen (DynamicFieldsBuilder, under
 * `dynamic: true`). The value's JSON kind is detected first:
 * - a string that parses as a Java long is `long`, one that parses as a Java double `double`, when the root's
 *   `numeric_detection` is on (off by default); otherwise, when `date_detection` is on (the default) and the
 *   string is not a number at all, the first of the root's `dynamic_date_formats` that parses it makes it a
 *   `date` (by default strict_date_optional_time, then `yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis`);
 *   else it is a `string`;
 * - JSON integers are `long`, other JSON numbers `double`, booleans `boolean`, objects `object`.
 * The first of the root's dynamic templates that matches the field's path, name and kind (dynamic-templates.ts)
 * gives its mapping (a date template without `format` takes the detected format); without one, a string is `text`
 * with a `keyword` multi-field (ignore_above 256), a double `float`, a date `date` with the detected format
 * (none shown for the default one), the others their own type.
 * Under `dynamic: runtime` (DynamicFieldsBuilder's Runtime strategy) a leaf no template maps becomes a runtime field
 * without a script, named by its full path: a string `keyword`, a date `date` (with the detected format, none for the
 * default one), a double `double`, a long `long`, a boolean `boolean`; objects are still mapped as objects.
 */
import { parseJavaDouble } from '../../../net/java-double.ts'
import { DateFormatter } from '../../common/time/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { documentParsingException } from '../../errors/index.ts'
import { hasProperties, type FieldMapping, type Mapping } from './mapping.ts'
import { findTemplate, templateField, type XContentFieldType } from './dynamic-templates.ts'
import type { RuntimeField } from './runtime-field.ts'
import { documentFailure } from './document-failure.ts'

/**
 * RootObjectMapper's default dynamic_date_formats. A field detected with the first has no `format` in its mapping
 * (it is the date type's default); the second is written out.
 */
const DEFAULT_DATE_FORMATS = ['strict_date_optional_time', 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis']

/** Long.parseLong: optional sign, decimal digits, within 64 bits. */
const JAVA_LONG = /^[+-]?\d+$/
const LONG_LIMIT = 2n ** 63n

type Leaf = Exclude<XContentValue, null | XContentValue[]>
/** The kinds a JSON value can be (binary is CBOR/SMILE only). */
type JsonKind = Exclude<XContentFieldType, 'binary'>

/**
 * The mapping of a new field at `path` (its own name `name`) whose first value is `value`; `templateName`, from
 * a bulk item's `dynamic_templates`, names the template to use whatever its conditions (one that does not exist
 * fails the document, DocumentParserContext.findDynamicTemplate).
 */
export function dynamicFieldMapping(
  value: Leaf,
  name: string,
  path: string,
  root: Mapping,
  templateName?: string,
): FieldMapping {
  const { kind, format } = detect(value, root)
  const templates = root.dynamic_templates ?? []
  const template =
    templateName === undefined
      ? findTemplate(templates, path, name, kind)
      : (templates.find((candidate) => candidate.name === templateName) ??
        missingTemplate(templateName, path))
  if (template === null) return defaultMapping(kind, format)
  const field = templateField(template, name, kind)
  if (hasProperties(field)) field.properties ??= {}
  if (kind === 'date' && field.type === 'date' && field.format === undefined && format !== undefined)
    field.format = format
  return field
}

/**
 * The runtime field a new field at `path` gets under `dynamic: runtime`, or null when it is mapped as a concrete
 * field instead (dynamicFieldMapping): an object, or a value a dynamic template maps.
 */
export function dynamicRuntimeField(
  value: Leaf,
  name: string,
  path: string,
  root: Mapping,
  templateName?: string,
): RuntimeField | null {
  const { kind, format } = detect(value, root)
  if (kind === 'object' || templateName !== undefined) return null
  if (findTemplate(root.dynamic_templates ?? [], path, name, kind) !== null) return null
  if (kind === 'string') return { type: 'keyword' }
  if (kind === 'date') return format === undefined ? { type: 'date' } : { type: 'date', format }
  return { type: kind }
}

/** DocumentParserContext.findDynamicTemplate's DocumentParsingException, at the value's token. */
function missingTemplate(templateName: string, path: string): never {
  const message = `Can't find dynamic template for dynamic template name [${templateName}] of field [${path}]`
  throw documentFailure('start', (at) => documentParsingException(at.line, at.col, message))
}

function detect(value: Leaf, root: Mapping): { kind: JsonKind; format?: string } {
  if (value instanceof Map) return { kind: 'object' }
  if (value instanceof XNumber) return { kind: value.isInteger ? 'long' : 'double' }
  if (typeof value === 'boolean') return { kind: 'boolean' }
  const asLong = JAVA_LONG.test(value) && BigInt(value) < LONG_LIMIT && BigInt(value) >= -LONG_LIMIT
  const asDouble = parseJavaDouble(value) !== null
  if (asLong && root.numeric_detection === true) return { kind: 'long' }
  if (asDouble && root.numeric_detection === true) return { kind: 'double' }
  if (asLong || asDouble || root.date_detection === false) return { kind: 'string' }
  const formats = root.dynamic_date_formats ?? DEFAULT_DATE_FORMATS
  const format = formats.find((pattern) => parses(pattern, value))
  if (format === undefined) return { kind: 'string' }
  return format === DEFAULT_DATE_FORMATS[0] && root.dynamic_date_formats === undefined
    ? { kind: 'date' }
    : { kind: 'date', format }
}

function parses(pattern: string, text: string): boolean {
  try {
    DateFormatter.forPattern(pattern).parse(text)
    return true
  } catch {
    return false
  }
}

/** DynamicFieldsBuilder.Concrete: the mapping of a new field no template maps. */
function defaultMapping(kind: JsonKind, format: string | undefined): FieldMapping {
  switch (kind) {
    case 'object':
      return { type: 'object', properties: {} }
    case 'string':
      return { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } }
    case 'double':
      return { type: 'float' }
    case 'date':
      return format === undefined ? { type: 'date' } : { type: 'date', format }
    case 'long':
    case 'boolean':
      return { type: kind }
  }
}
