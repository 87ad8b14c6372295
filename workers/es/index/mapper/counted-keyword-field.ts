/**
 * CountedKeywordFieldMapper's side of a mapping and a document (ES 8.17, x-pack mapper-counted-keyword).
 *
 * Mapping: `meta` and `index` (true unless set; kept only when false), in that order; any other parameter is refused
 * as unknown (field-parameters.ts). Multi-fields and copy_to as any field mapper's.
 *
 * Document: the mapper reads a whole array itself (parsesArrayValue). A value is a string, null (nothing), or an
 * array of strings and nulls; any other token, an array's elements included (numbers, booleans, objects, nested
 * arrays), fails with "Encountered unexpected token [T]." wrapped by FieldMapper.parse ("failed to parse field [f] of
 * type [counted_keyword] in document with id '1'. Preview of field's value: '<the token's value>'"), located where
 * reading that value leaves the parser (an object's or array's end, a scalar itself).
 *
 * Index: each distinct value is a keyword term (when `index` is not false) and a sorted-set doc value; the number of
 * times each occurs goes into the binary doc values of `<path>_count`. Here the doc values keep every value, sorted in
 * UTF-8 byte order with repeats (doc-values.ts), which is what CountedKeywordSortedBinaryDocValues hands out: the
 * counted_terms aggregation (search/aggregations/bucket/counted-terms.ts) counts each occurrence.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import { javaToString } from '../../ingest/java-values.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import { failedIn } from './document-failure.ts'
import { fieldParsingException, typedParameters, type ParameterSpec } from './field-parameters.ts'

export const COUNTED_KEYWORD = 'counted_keyword'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['meta', { kind: 'value', shown: {} }],
  ['index', { kind: 'boolean', default: true }],
])

/** A counted_keyword field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function countedKeywordMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  return typedParameters(name, COUNTED_KEYWORD, definition, PARAMETERS) as unknown as FieldMapping
}

/** A leaf the mapper reads (null: nothing indexed); a number or a boolean is refused. */
export function countedKeywordValue(
  path: string,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
): LeafValue | null {
  if (leaf === null || typeof leaf === 'string') return leaf
  const value = token ?? (typeof leaf === 'boolean' ? leaf : new XNumber(String(leaf)))
  throw unexpectedToken(path, value, id ?? '')
}

/**
 * The checks parseArray makes of an array's elements before any is indexed: strings and nulls pass, the first other
 * element fails the document (`id` null: parsed again after its primary took it, nothing fails).
 */
export function checkCountedKeywordArray(
  path: string,
  elements: readonly XContentValue[],
  id: string | null,
): void {
  if (id === null) return
  elements.forEach((element, i) => {
    if (element !== null && typeof element !== 'string') throw failedIn(unexpectedToken(path, element, id), i)
  })
}

/** A counted_keyword's refusal of an object given as its value. */
export function countedKeywordObject(path: string, value: XContentValue, id: string | null): EsException {
  return unexpectedToken(path, value, id ?? '')
}

/** The counted fielddata's sortField: an UnsupportedOperationException (500). */
export function countedKeywordSortRefusal(): EsException {
  const reason = `can't sort on the [${COUNTED_KEYWORD}] field`
  return new EsException({ type: 'unsupported_operation_exception', reason, status: 500, rootCause: false })
}

/** FieldMapper.parse's wrapping of "Encountered unexpected token [T].", previewing the value it read. */
function unexpectedToken(path: string, value: XContentValue, id: string): EsException {
  const cause = illegalArgumentException(`Encountered unexpected token [${valueToken(value)}].`)
  const nested = value instanceof Map || Array.isArray(value)
  return fieldParsingException(
    path,
    COUNTED_KEYWORD,
    javaToString(value),
    id,
    cause,
    nested ? 'end' : 'start',
  )
}
