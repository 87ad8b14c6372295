/**
 * FlattenedFieldMapper's side of a mapping and a document (ES 8.17), and its KeyedFlattenedFieldType.
 *
 * Mapping: the Builder's parameters in its order (`index`, `doc_values`, `depth_limit`, `null_value`,
 * `eager_global_ordinals`, `ignore_above`, `index_options`, `similarity`, `split_queries_on_whitespace`, `meta`,
 * `time_series_dimensions`: not available), defaults left out (field-parameters.ts). `depth_limit` and `ignore_above`
 * are integers (Parameter.intParam), a negative one refused; `null_value` is kept as its text. A field with
 * multi-fields or `copy_to` is refused as Builder.build refuses it ("flattened field [f] does not support [fields]").
 *
 * Document (FlattenedFieldParser): the field's value is an object (an array of them, null: nothing; anything else
 * fails as XContentParserUtils.ensureExpectedToken does); every leaf under it, at any depth and through arrays, is
 * one value: its text (a number's lexeme, a boolean's `true` / `false`), under its key, the names on its way joined
 * with `.` (dots in names are not expanded). A null leaf takes `null_value` when set, else nothing. A key holding
 * `\0` fails the document; so does an object deeper than `depth_limit` (the field's own object is depth 0); a value
 * longer than `ignore_above` (the field's, else the index's index.mapping.ignore_above: keyword-field.ts
 * effectiveIgnoreAbove; UTF-16 units) is dropped without a trace (no `_ignored`). With `index` and
 * `doc_values` both false nothing is read.
 *
 * Index: two index fields (FlattenedFieldParser's pair of fields per leaf), each a keyword's terms and sorted-set doc
 * values: the field's own path holds every value (`RootFlattenedFieldType`), `<path>._keyed` holds `key\0value`
 * for each. A search on `<path>.<key>` reads the keyed field under the key's prefix (KeyedFlattenedFieldType:
 * keyedFieldType below; FieldTypeLookup finds the shortest flattened parent of a dotted name).
 */
import {
  type EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
  parsingException,
} from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { valueToken } from '../../action/value-token.ts'
import type { FieldMapping } from './mapping.ts'
import { documentFailure, failedIn, type TokenPart } from './document-failure.ts'
import {
  fieldParsingException,
  integerParameter,
  stringParameter,
  typedParameters,
  type ParameterSpec,
} from './field-parameters.ts'
import { valuePreview } from './number-field.ts'
import { effectiveIgnoreAbove, IGNORE_ABOVE_DEFAULT, readIgnoreAbove } from './keyword-field.ts'

export const FLATTENED = 'flattened'

/** FlattenedFieldMapper.KEYED_FIELD_SUFFIX: the index field of a flattened field's `key\0value` terms. */
export const KEYED_FIELD_SUFFIX = '._keyed'

/** FlattenedFieldParser.SEPARATOR, between a keyed term's key and value. */
export const KEY_SEPARATOR = '\0'

const DEPTH_LIMIT_DEFAULT = 20

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['index', { kind: 'boolean', default: true }],
  ['doc_values', { kind: 'boolean', default: true }],
  ['depth_limit', { kind: 'value', default: DEPTH_LIMIT_DEFAULT }],
  ['null_value', { kind: 'value', default: null }],
  ['eager_global_ordinals', { kind: 'boolean', default: false }],
  ['ignore_above', { kind: 'value', default: IGNORE_ABOVE_DEFAULT }],
  ['index_options', { kind: 'value', default: 'docs', values: ['docs', 'freqs'] }],
  ['similarity', { kind: 'value' }],
  ['split_queries_on_whitespace', { kind: 'boolean', default: false }],
  ['meta', { kind: 'value', shown: {} }],
  ['time_series_dimensions', { kind: 'unmodelled' }],
])

/** A flattened field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function flattenedMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, FLATTENED, definition, PARAMETERS)
  if (mapping.null_value !== undefined) mapping.null_value = stringParameter(mapping.null_value)
  if (mapping.depth_limit !== undefined) {
    const depthLimit = integerParameter(mapping.depth_limit)
    if (depthLimit < 0)
      throw failedToParseMappingFrom(
        illegalArgumentException(`[depth_limit] must be positive, got [${depthLimit}]`),
      )
    if (depthLimit === DEPTH_LIMIT_DEFAULT) delete mapping.depth_limit
    else mapping.depth_limit = depthLimit
  }
  readIgnoreAbove(mapping)
  for (const parameter of ['fields', 'copy_to'] as const) {
    const given = mapping[parameter]
    const empty = Array.isArray(given) ? given.length === 0 : Object.keys(given ?? {}).length === 0
    if (!empty)
      throw failedToParseMappingFrom(
        illegalArgumentException(`${FLATTENED} field [${name}] does not support [${parameter}]`),
      )
    delete mapping[parameter]
  }
  return mapping as unknown as FieldMapping
}

/** A document's values for a flattened field: the root field's and the keyed field's (`key\0value`), in step. */
export interface FlattenedValues {
  root: string[]
  keyed: string[]
}

/**
 * FlattenedFieldMapper.parseCreateField over the field's value (see the header); `id` names the document in a
 * failure (null where it is parsed again after its primary took it); `indexIgnoreAbove`: the index's
 * index.mapping.ignore_above, the default of the field's.
 */
export function flattenedValues(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  id: string | null,
  indexIgnoreAbove: number,
): FlattenedValues {
  const out: FlattenedValues = { root: [], keyed: [] }
  if (field.index === false && field.doc_values === false) return out
  new FlattenedParser(path, field, id ?? '', out, effectiveIgnoreAbove(field, indexIgnoreAbove)).parseRoot(
    value,
  )
  return out
}

class FlattenedParser {
  private readonly depthLimit: number
  /** The names of the objects the parser is in, below the field's own. */
  private readonly keys: string[] = []

  constructor(
    private readonly path: string,
    private readonly field: FieldMapping,
    private readonly id: string,
    private readonly out: FlattenedValues,
    private readonly ignoreAbove: number,
  ) {
    this.depthLimit = field.depth_limit ?? DEPTH_LIMIT_DEFAULT
  }

  /** The field's value as DocumentParser hands it over: an array's elements one by one, null skipped. */
  parseRoot(value: XContentValue): void {
    if (value === null) return
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        try {
          this.parseRoot(value[i]!)
        } catch (error) {
          throw failedIn(error, i)
        }
      }
      return
    }
    if (!(value instanceof Map)) {
      const reason = `Failed to parse object: expecting token of type [START_OBJECT] but found [${valueToken(value)}]`
      const cause = documentFailure('start', (at) => parsingException(at.line, at.col, reason))
      throw this.failure(cause, previewOf(value), 'start')
    }
    this.parseObject(value)
  }

  private parseObject(object: ReadonlyMap<string, XContentValue>): void {
    for (const name of object.keys()) {
      try {
        this.parseValue(object.get(name)!, name)
      } catch (error) {
        throw failedIn(error, name)
      }
    }
  }

  private parseValue(value: XContentValue, name: string): void {
    if (value instanceof Map) {
      this.keys.push(name)
      // FlattenedFieldParser.validateDepthLimit: the preview then reads the object to its end
      if (this.keys.length + 1 > this.depthLimit) {
        const reason = `The provided [${FLATTENED}] field [${this.path}] exceeds the maximum depth limit of [${this.depthLimit}].`
        throw this.failure(illegalArgumentException(reason), previewOf(value), 'end')
      }
      this.parseObject(value)
      this.keys.pop()
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        try {
          this.parseValue(value[i]!, name)
        } catch (error) {
          throw failedIn(error, i)
        }
      }
    } else {
      const key = this.keys.length === 0 ? name : `${this.keys.join('.')}.${name}`
      if (key.includes(KEY_SEPARATOR)) {
        const reason = `Keys in [${FLATTENED}] fields cannot contain the reserved character \\0. Offending key: [${key}].`
        throw this.failure(illegalArgumentException(reason), previewOf(value), 'start')
      }
      const text = value === null ? nullValueOf(this.field) : scalarText(value)
      if (text === null || text.length > this.ignoreAbove) return
      this.out.root.push(text)
      this.out.keyed.push(key + KEY_SEPARATOR + text)
    }
  }

  /** FieldMapper.parse's rethrow: the document's failure at `part` of the value the preview read. */
  private failure(cause: EsException, preview: string, part: TokenPart): EsException {
    return fieldParsingException(this.path, FLATTENED, preview, this.id, cause, part)
  }
}

function nullValueOf(field: FieldMapping): string | null {
  return typeof field.null_value === 'string' ? field.null_value : null
}

/** XContentParser.text of a scalar: a number's lexeme, a boolean's `true` / `false`. */
function scalarText(
  value: Exclude<XContentValue, null | readonly unknown[] | ReadonlyMap<string, unknown>>,
): string {
  return value instanceof XNumber ? value.text : String(value)
}

/**
 * FieldMapper's value preview: AbstractXContentParser.readValue into HashMaps and ArrayLists, printed as Java does
 * (an object's keys in HashMap order).
 */
export function previewOf(value: XContentValue): string {
  if (value === null) return 'null'
  if (value instanceof XNumber) return valuePreview(value)
  if (Array.isArray(value)) return `[${value.map(previewOf).join(', ')}]`
  if (value instanceof Map) {
    const keys = javaHashMapKeyOrder([...value.keys()])
    return `{${keys.map((key) => `${key}=${previewOf(value.get(key) as XContentValue)}`).join(', ')}}`
  }
  return String(value)
}

/**
 * FieldTypeLookup.getDynamicField: the KeyedFlattenedFieldType a dotted name stands for, its shortest prefix being a
 * flattened field `mapped` knows (the rest its key), or undefined. It searches the keyed field (`keyed`) under the key,
 * as the root field type it is made from is configured.
 */
export function keyedFieldType(
  mapped: (name: string) => FieldMapping | undefined,
  name: string,
): FieldMapping | undefined {
  for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
    const root = mapped(name.slice(0, dot))
    if (root?.type !== FLATTENED || root.keyed !== undefined) continue
    const keyed: FieldMapping = {
      type: FLATTENED,
      keyed: { root: name.slice(0, dot), key: name.slice(dot + 1) },
    }
    for (const parameter of ['index', 'doc_values', 'split_queries_on_whitespace', 'meta'] as const)
      if (root[parameter] !== undefined) Object.assign(keyed, { [parameter]: root[parameter] })
    return keyed
  }
  return undefined
}

/** The index field and term prefix a keyed field type's queries read: `<root>._keyed` and `key\0`. */
export function keyedIndexField(keyed: { root: string; key: string }): { field: string; prefix: string } {
  return { field: keyed.root + KEYED_FIELD_SUFFIX, prefix: keyed.key + KEY_SEPARATOR }
}
