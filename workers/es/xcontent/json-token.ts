/**
 * Token kinds of the JSON pull parser, numbered as small integers so the hot loop compares numbers, with the
 * names Jackson (JsonToken) and Elasticsearch (XContentParser.Token) print in messages.
 */

export const Token = {
  EOF: 0,
  START_OBJECT: 1,
  END_OBJECT: 2,
  START_ARRAY: 3,
  END_ARRAY: 4,
  FIELD_NAME: 5,
  VALUE_STRING: 6,
  VALUE_NUMBER_INT: 7,
  VALUE_NUMBER_FLOAT: 8,
  VALUE_TRUE: 9,
  VALUE_FALSE: 10,
  VALUE_NULL: 11,
} as const

export type TokenKind = (typeof Token)[keyof typeof Token]

/** Jackson's JsonToken name, as `_reportInvalidEOF()` prints the current token (`null` before the first). */
export function jacksonTokenName(kind: TokenKind | null): string {
  if (kind === null || kind === Token.EOF) return 'null'
  return JACKSON_NAMES[kind - 1] ?? 'null'
}

/** Elasticsearch's XContentParser.Token name, which merges the number and boolean kinds. */
export function xContentTokenName(kind: TokenKind): string {
  if (kind === Token.VALUE_NUMBER_INT || kind === Token.VALUE_NUMBER_FLOAT) return 'VALUE_NUMBER'
  if (kind === Token.VALUE_TRUE || kind === Token.VALUE_FALSE) return 'VALUE_BOOLEAN'
  return jacksonTokenName(kind)
}

const JACKSON_NAMES = [
  'START_OBJECT',
  'END_OBJECT',
  'START_ARRAY',
  'END_ARRAY',
  'FIELD_NAME',
  'VALUE_STRING',
  'VALUE_NUMBER_INT',
  'VALUE_NUMBER_FLOAT',
  'VALUE_TRUE',
  'VALUE_FALSE',
  'VALUE_NULL',
]
