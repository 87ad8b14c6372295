/**
 * ES SQL's string functions (SqlFunctionRegistry's String group: StringProcessor, BinaryStringNumericProcessor,
 * BinaryStringStringProcessor, ConcatFunctionProcessor, InsertFunctionProcessor, LocateFunctionProcessor,
 * ReplaceFunctionProcessor, SubstringFunctionProcessor and ql's StartsWithFunctionProcessor). A null string
 * argument gives null (CONCAT reads it as ''). Positions are 1-based and count UTF-16 units, as Java's String
 * does; BIT_LENGTH and OCTET_LENGTH count UTF-8 bytes (Lucene's UnicodeUtil.calcUTF16toUTF8Length). A count,
 * start or length outside what Check.isFixedNumberAndInRange allows fails with `[name] out of the allowed range
 * [from, to], received [x]`.
 */
import type { ScalarFunction } from './scalar-function.ts'
import { sqlIllegalArgumentException } from './sql-exceptions.ts'
import type { SqlValue } from './sql-values.ts'
import { utf8Length } from '../xcontent/jackson-chars.ts'

const INT_MIN = -2147483648
const INT_MAX = 2147483647

const str =
  (f: (s: string, rest: readonly SqlValue[]) => SqlValue) =>
  (args: readonly SqlValue[]): SqlValue =>
    args[0] === null || args[0] === undefined ? null : f(String(args[0]), args.slice(1))

const keyword = (): string => 'keyword'
const integer = (): string => 'integer'

/** Check.isFixedNumberAndInRange: `value` as an int, or the range failure. */
function inRange(value: number, name: string, from: number, to: number): number {
  if (value < from || value > to)
    throw sqlIllegalArgumentException(
      `[${name}] out of the allowed range [${from}, ${to}], received [${value}]`,
    )
  return value
}

/** StringFunctionUtils.trimTrailingWhitespaces / trimLeadingWhitespaces: Character.isWhitespace ends. */
const trailing = /[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+$/
const leading = /^[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+/

function unary(type: () => string, f: (s: string) => SqlValue): ScalarFunction {
  return { type, arity: [1, 1], params: ['string'], apply: str(f) }
}

/** UnaryStringIntFunction: CHAR and SPACE, over an integer. */
function fromInteger(f: (n: number) => SqlValue): ScalarFunction {
  return {
    type: keyword,
    arity: [1, 1],
    params: ['integer'],
    apply: ([n]) => (typeof n === 'number' ? f(Math.trunc(n)) : null),
  }
}

/** BinaryStringNumericFunction: LEFT, RIGHT and REPEAT, a string and a count. */
function withCount(f: (s: string, count: number) => SqlValue): ScalarFunction {
  return {
    type: keyword,
    arity: [2, 2],
    params: ['string', 'integer'],
    apply: str((s, [n]) => (typeof n === 'number' ? f(s, inRange(n, 'count', INT_MIN, INT_MAX)) : null)),
  }
}

/** The UTF-8 bytes of `s` (xcontent's utf8Length: a lone surrogate counts as U+FFFD's 3). */
function utf8Bytes(s: string): number {
  return utf8Length(s, 0, s.length)
}

const CHAR_LENGTH = unary(integer, (s) => s.length)

export const STRING_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map<string, ScalarFunction>([
  ['ASCII', unary(integer, (s) => (s.length === 0 ? null : s.charCodeAt(0)))],
  ['BIT_LENGTH', unary(integer, (s) => utf8Bytes(s) * 8)],
  ['CHAR', fromInteger((n) => (n < 0 || n > 255 ? null : String.fromCharCode(n)))],
  ['CHAR_LENGTH', CHAR_LENGTH],
  ['CHARACTER_LENGTH', CHAR_LENGTH],
  [
    'CONCAT',
    {
      type: keyword,
      arity: [2, 2],
      params: ['string', 'string'],
      apply: ([a, b]) =>
        `${a === null || a === undefined ? '' : String(a)}${b === null || b === undefined ? '' : String(b)}`,
    },
  ],
  [
    'INSERT',
    {
      type: keyword,
      arity: [4, 4],
      params: ['string', 'integer', 'integer', 'string'],
      apply: str((s, [start, length, replacement]) => {
        if (replacement === null || replacement === undefined) return s
        if (typeof start !== 'number' || typeof length !== 'number') return s
        const from = inRange(start, 'start', INT_MIN + 1, INT_MAX) - 1
        const count = inRange(length, 'length', 0, INT_MAX)
        if (from > s.length) return s
        const at = Math.max(0, from)
        return s.slice(0, at) + String(replacement) + s.slice(Math.min(s.length, at + count))
      }),
    },
  ],
  ['LCASE', unary(keyword, (s) => s.toLowerCase())],
  ['LEFT', withCount((s, n) => (n < 0 ? '' : s.slice(0, n)))],
  ['LENGTH', unary(integer, (s) => s.replace(trailing, '').length)],
  [
    'LOCATE',
    {
      type: integer,
      arity: [2, 3],
      params: ['string', 'string', 'integer'],
      apply: ([pattern, source, start]) => {
        if (pattern === null || source === null || pattern === undefined || source === undefined) return null
        const from = typeof start === 'number' ? inRange(start, 'start', INT_MIN + 1, INT_MAX) - 1 : 0
        return 1 + String(source).indexOf(String(pattern), from)
      },
    },
  ],
  ['LTRIM', unary(keyword, (s) => s.replace(leading, ''))],
  ['OCTET_LENGTH', unary(integer, utf8Bytes)],
  [
    'POSITION',
    {
      type: integer,
      arity: [2, 2],
      params: ['string', 'string'],
      apply: ([sub, source]) =>
        sub === null || source === null || sub === undefined || source === undefined
          ? null
          : String(source).indexOf(String(sub)) + 1,
    },
  ],
  ['REPEAT', withCount((s, n) => (n <= 0 ? null : s.repeat(n)))],
  [
    'REPLACE',
    {
      type: keyword,
      arity: [3, 3],
      params: ['string'],
      apply: str((s, [a, b]) => (typeof a === 'string' && typeof b === 'string' ? s.split(a).join(b) : null)),
    },
  ],
  ['RIGHT', withCount((s, n) => (n < 0 ? '' : n > s.length ? s : s.slice(s.length - n)))],
  ['RTRIM', unary(keyword, (s) => s.replace(trailing, ''))],
  ['SPACE', fromInteger((n) => (n < 0 ? null : ' '.repeat(n)))],
  [
    'STARTS_WITH',
    {
      type: () => 'boolean',
      arity: [2, 2],
      params: ['string', 'string'],
      apply: str((s, [pattern]) =>
        pattern === null || pattern === undefined ? null : s.startsWith(String(pattern)),
      ),
    },
  ],
  [
    'SUBSTRING',
    {
      type: keyword,
      arity: [3, 3],
      params: ['string', 'integer', 'integer'],
      apply: str((s, [start, length]) => {
        if (typeof start !== 'number' || typeof length !== 'number') return null
        const from = Math.max(0, inRange(start, 'start', INT_MIN + 1, INT_MAX) - 1)
        const count = inRange(length, 'length', 0, INT_MAX)
        return from + 1 > s.length ? '' : s.slice(from, from + count)
      }),
    },
  ],
  ['TRIM', unary(keyword, (s) => s.replace(leading, '').replace(trailing, ''))],
  ['UCASE', unary(keyword, (s) => s.toUpperCase())],
])
