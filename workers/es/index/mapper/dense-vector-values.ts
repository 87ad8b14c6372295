/**
 * DenseVectorFieldMapper's side of a document (ES 8.17): a `dense_vector` field's value is one array of numbers
 * (null: no vector), read element by element as its parser reads tokens, and checked as ElementType checks it.
 *
 * Failures are IllegalArgumentExceptions (a non-number element: ensureExpectedToken's ParsingException) that
 * DocumentParser wraps as document_parsing_exception "failed to parse: <reason>" at the token its parser is on:
 * - an element past `dims`: "The [dense_vector] field [f] in doc [document with id '1'] has more dimensions than
 *   defined in the mapping [3]", at that element;
 * - a non-number element: "Failed to parse object: expecting token of type [VALUE_NUMBER] but found [VALUE_STRING]";
 * - fewer elements: "... has a different number of dimensions [2] than defined in the mapping [3]", at the `]`;
 * - float: an element that overflows a float ("element_type [float] vectors do not support infinite values but
 *   found [Infinity] at dim [0];"), an infinite squared magnitude, a `dot_product` vector whose squared magnitude
 *   is not within 1e-3 of 1 ("The [dot_product] similarity can only be used with unit-length vectors."), a zero
 *   `cosine` vector ("The [cosine] similarity does not support vectors with zero magnitude."), each followed by
 *   " Preview of invalid vector: [1.0, 2.0]" (the first five elements as Java floats, ", ..." from five on);
 *   byte: a decimal or out-of-range element ("element_type [byte] vectors only support non-decimal values but found
 *   decimal value [0.5] at dim [0];", "... only support integers between [-128, 127] but found [200] at dim [0];")
 *   and a zero cosine vector.
 * The squared magnitude is summed in float arithmetic, as the mapper sums it.
 *
 * Doc values: the vector's elements as Java floats, packed into the index's numeric column (whose values are sorted
 * per document) as one word per element, word i = i·2^32 + the element's IEEE float bits, so that the column's
 * ascending order is the elements' order.
 */
import {
  documentParsingException,
  illegalArgumentException,
  parsingException,
  type EsException,
} from '../../errors/index.ts'
import { javaFloatToString, XNumber, type XContentValue } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import { documentFailure, failedIn, type TokenPart } from './document-failure.ts'

/** DenseVectorFieldMapper.isNotUnitVector's tolerance on the squared magnitude (1e-3 since 8.15, elastic/elasticsearch#110240). */
const UNIT_EPSILON = Math.fround(1e-3)

/** A dense_vector value's dimension count (ElementType.parseDimensionCount), for a field mapped without `dims`. */
export function dimensionCount(value: XContentValue): number {
  return Array.isArray(value) ? value.length : 0
}

/** The elements of a dense_vector field's value (null: none), as Java floats, or the document's failure. */
export function denseVectorValue(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  id: string | null,
): number[] | null {
  if (value === null) return null
  const dims = field.dims ?? 0
  const doc = id === null ? 'document' : `document with id '${id}'`
  if (!Array.isArray(value)) throw notAnArray(value)
  const byte = field.element_type === 'byte'
  const vector: number[] = []
  let squared = 0
  value.forEach((element, i) => {
    try {
      if (i >= dims)
        throw failure(
          'start',
          `The [dense_vector] field [${path}] in doc [${doc}] has more dimensions than defined in the mapping [${dims}]`,
        )
      if (!(element instanceof XNumber)) throw unexpectedToken('start', tokenKind(element))
      const x = byte ? byteElement(element, i) : Math.fround(element.value)
      vector.push(x)
      squared = Math.fround(squared + Math.fround(x * x))
    } catch (error) {
      throw failedIn(error, i)
    }
  })
  if (vector.length !== dims)
    throw failure(
      'end',
      `The [dense_vector] field [${path}] in doc [${doc}] has a different number of dimensions [${vector.length}] than defined in the mapping [${dims}]`,
    )
  const problem = invalidVectorReason(field, vector, squared)
  if (problem !== null) throw failure('end', problem)
  return vector
}

/**
 * Why ElementType refuses a vector of `field` whose squared magnitude (summed in float) is `squared`, with the
 * preview of its elements; null when it does not. A document's vector and a knn search's query vector are checked
 * alike (DenseVectorFieldType.createKnnQuery).
 */
export function invalidVectorReason(
  field: FieldMapping,
  vector: readonly number[],
  squared: number,
): string | null {
  const byte = field.element_type === 'byte'
  const problem = byte ? byteVectorProblem(field, squared) : floatVectorProblem(field, vector, squared)
  return problem === null ? null : `${problem} Preview of invalid vector: [${preview(vector, byte)}]`
}

/** A byte element: an integer in [-128, 127] (a decimal refused as one). */
function byteElement(element: XNumber, i: number): number {
  if (!Number.isInteger(element.value)) {
    const decimal = javaFloatToString(element.value)
    throw failure(
      'start',
      `element_type [byte] vectors only support non-decimal values but found decimal value [${decimal}] at dim [${i}];`,
    )
  }
  if (element.value < -128 || element.value > 127)
    throw failure(
      'start',
      `element_type [byte] vectors only support integers between [-128, 127] but found [${element.text}] at dim [${i}];`,
    )
  return element.value
}

/** ElementType.FLOAT's checkVectorBounds and checkVectorMagnitude: the reason refused, or null. */
function floatVectorProblem(field: FieldMapping, vector: readonly number[], squared: number): string | null {
  const infinite = vector.findIndex((x) => !Number.isFinite(x))
  if (infinite >= 0)
    return `element_type [float] vectors do not support infinite values but found [${javaFloatToString(vector[infinite]!)}] at dim [${infinite}];`
  if (!Number.isFinite(squared))
    return 'NaN or Infinite magnitude detected, this usually means the vector values are too extreme to fit within a float.'
  if (field.similarity === 'dot_product' && Math.fround(Math.abs(squared - 1)) > UNIT_EPSILON)
    return 'The [dot_product] similarity can only be used with unit-length vectors.'
  if (field.similarity === 'cosine' && squared === 0)
    return 'The [cosine] similarity does not support vectors with zero magnitude.'
  return null
}

/** ElementType.BYTE's checkVectorMagnitude: only a zero cosine vector is refused. */
function byteVectorProblem(field: FieldMapping, squared: number): string | null {
  return field.similarity === 'cosine' && squared === 0
    ? 'The [cosine] similarity does not support vectors with zero magnitude.'
    : null
}

/** ElementType.appendErrorElements: the first five elements, ", ..." when there are five or more. */
function preview(vector: readonly number[], byte: boolean): string {
  const shown = vector.slice(0, 5).map((x) => (byte ? String(x) : javaFloatToString(x)))
  return shown.join(', ') + (vector.length >= 5 ? ', ...' : '')
}

/** The JSON token a non-number element starts with, as XContentParser.Token names it. */
function tokenKind(value: XContentValue): string {
  if (value === null) return 'VALUE_NULL'
  if (typeof value === 'string') return 'VALUE_STRING'
  if (typeof value === 'boolean') return 'VALUE_BOOLEAN'
  return Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT'
}

/**
 * A value that is no array: the mapper reads on from it and meets an object's first field name or its end; after a
 * scalar it meets the next field's name (or the enclosing object's end: docs/DEVIATIONS.md), named at the value.
 */
function notAnArray(value: XContentValue): EsException {
  if (!(value instanceof Map)) return unexpectedToken('after', 'FIELD_NAME')
  const first = value.keys().next()
  if (first.done === true) return unexpectedToken('end', 'END_OBJECT')
  return failedIn(unexpectedToken('name', 'FIELD_NAME'), first.value) as EsException
}

/** XContentParserUtils.ensureExpectedToken's ParsingException, wrapped by DocumentParser. */
function unexpectedToken(part: TokenPart, found: string): EsException {
  const reason = `Failed to parse object: expecting token of type [VALUE_NUMBER] but found [${found}]`
  return documentFailure(part, (at) =>
    documentParsingException(
      at.line,
      at.col,
      `failed to parse: ${reason}`,
      parsingException(at.line, at.col, reason),
    ),
  )
}

/** An IllegalArgumentException of the mapper, wrapped by DocumentParser at `part` of the value's token. */
function failure(part: TokenPart, reason: string): EsException {
  return documentFailure(part, (at) =>
    documentParsingException(at.line, at.col, `failed to parse: ${reason}`, illegalArgumentException(reason)),
  )
}

const WORD = 2 ** 32
const BITS = new DataView(new ArrayBuffer(4))

/** The elements (Java floats) of a vector's packed doc-value words, in the words' (ascending) order. */
export function denseVectorElements(words: readonly number[]): Float32Array {
  return Float32Array.from(words, (word) => {
    BITS.setUint32(0, word % WORD)
    return BITS.getFloat32(0)
  })
}

/** The packed doc-value words of a vector's elements (see the header). */
export function denseVectorDocValues(elements: readonly number[]): number[] {
  return elements.map((x, i) => {
    BITS.setFloat32(0, x)
    return i * WORD + BITS.getUint32(0)
  })
}
