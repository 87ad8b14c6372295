/**
 * The string functions of EsqlFunctionRegistry that work on a string's UTF-8 bytes (a keyword is a BytesRef):
 * BIT_LENGTH and BYTE_LENGTH (integer), TO_BASE64 and FROM_BASE64 (java.util.Base64's basic encoder and decoder over
 * those bytes; an undecodable text is null with the decoder's IllegalArgumentException warning), REVERSE (of the argument's type; grapheme
 * clusters kept whole; a text of ASCII bytes without `(` is reversed byte by byte, Reverse's fast path), REPEAT and
 * SPACE (keyword). A negative count, or a result over 1MB, is null with the IllegalArgumentException warning; a
 * count that is a constant is checked when the evaluator is built, so a bad one fails the whole query with that
 * illegal_argument_exception (Repeat.toEvaluator, Space.toEvaluator). All are single-valued.
 */
import { illegalArgumentException } from '../errors/index.ts'
import { encodeBase64 } from '../index/mapper/binary-field.ts'
import {
  INTEGER,
  STRING,
  fixed,
  same,
  single,
  type FunctionArg,
  type ScalarFunction,
} from './esql-function-support.ts'
import { EvaluationFailure } from './esql-warnings.ts'
import { utf8Length } from '../xcontent/jackson-chars.ts'

const KEYWORD = fixed('keyword')
/** ByteSizeUnit.MB.toBytes(1): the largest string REPEAT and SPACE build. */
const MAX_LENGTH = 1048576

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
/** The UTF-8 bytes of `s`, counted without encoding it (a lone surrogate counts as U+FFFD's 3). */
const utf8Bytes = (s: string): number => utf8Length(s, 0, s.length)
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

function illegal(message: string): EvaluationFailure {
  return new EvaluationFailure(`java.lang.IllegalArgumentException: ${message}`)
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * Base64.getDecoder().decode (RFC 4648's alphabet, no line breaks; `=` padding optional but, when present, it ends
 * the data) with the decoder's messages. A byte is named as Java's Integer.toString(byte, 16) names a signed byte.
 */
function decodeBase64(input: Uint8Array): Uint8Array {
  const out: number[] = []
  let bits = 0
  let shift = 18
  let i = 0
  while (i < input.length) {
    const byte = input[i++]!
    const digit = byte < 128 ? ALPHABET.indexOf(String.fromCharCode(byte)) : -1
    if (digit >= 0) {
      bits |= digit << shift
      shift -= 6
      if (shift < 0) {
        out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff)
        shift = 18
        bits = 0
      }
      continue
    }
    if (byte !== 0x3d) throw illegal(`Illegal base64 character ${((byte << 24) >> 24).toString(16)}`)
    if ((shift === 6 && (i === input.length || input[i++] !== 0x3d)) || shift === 18) {
      throw illegal('Input byte array has wrong 4-byte ending unit')
    }
    break
  }
  if (shift === 6) out.push((bits >> 16) & 0xff)
  else if (shift === 0) out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff)
  else if (shift === 12) throw illegal('Last unit does not have enough valid bits')
  if (i < input.length) throw illegal(`Input byte array has incorrect ending byte at ${i}`)
  return Uint8Array.from(out)
}

/** Reverse.process: byte by byte when every byte is ASCII but `(` (0x28), else by grapheme cluster. */
function reverse(s: string): string {
  if (/^[\0-\x27\x29-\x7f]*$/.test(s)) return [...s].reverse().join('')
  const clusters = [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(s)]
  return clusters
    .map((c) => c.segment)
    .reverse()
    .join('')
}

/** Repeat's and Space's count: a negative one refused (as a warning, or at planning for a constant). */
function checkCount(count: number): void {
  if (count < 0) throw illegal(`Number parameter cannot be negative, found [${count}]`)
}

/** A constant count is checked when the evaluator is built: its failure fails the query (toEvaluator's throw). */
function constantCount(arg: FunctionArg | undefined, check: (count: number) => void): void {
  if (arg === undefined || typeof arg.constant !== 'number') return
  try {
    check(arg.constant)
  } catch (error) {
    if (!(error instanceof EvaluationFailure)) throw error
    throw illegalArgumentException(error.exception.replace(/^java\.lang\.IllegalArgumentException: /, ''))
  }
}

function checkSpace(count: number): void {
  checkCount(count)
  if (count > MAX_LENGTH) throw illegal(`Creating strings longer than [${MAX_LENGTH}] bytes is not supported`)
}

const REPEAT_BASE = single([2, 2], [STRING, INTEGER], KEYWORD, ([s, n]) => {
  const count = n as number
  checkCount(count)
  if (utf8Bytes(String(s)) * count > MAX_LENGTH) {
    throw illegal(`Creating repeated strings with more than [${MAX_LENGTH}] bytes is not supported`)
  }
  return String(s).repeat(count)
})

const SPACE_BASE = single([1, 1], [INTEGER], KEYWORD, ([n]) => {
  checkSpace(n as number)
  return ' '.repeat(n as number)
})

export const STRING_BYTE_FUNCTIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['bit_length', single([1, 1], [STRING], fixed('integer'), ([s]) => utf8Bytes(String(s)) * 8)],
  ['byte_length', single([1, 1], [STRING], fixed('integer'), ([s]) => utf8Bytes(String(s)))],
  ['to_base64', single([1, 1], [STRING], KEYWORD, ([s]) => encodeBase64(utf8(String(s))))],
  ['from_base64', single([1, 1], [STRING], KEYWORD, ([s]) => text(decodeBase64(utf8(String(s)))))],
  ['reverse', single([1, 1], [STRING], same, ([s]) => reverse(String(s)))],
  [
    'repeat',
    {
      ...REPEAT_BASE,
      resolve: (args, callText) => {
        const resolved = REPEAT_BASE.resolve(args, callText)
        if (typeof resolved === 'string') constantCount(args[1], checkCount)
        return resolved
      },
    },
  ],
  [
    'space',
    {
      ...SPACE_BASE,
      resolve: (args, callText) => {
        const resolved = SPACE_BASE.resolve(args, callText)
        if (typeof resolved === 'string') constantCount(args[0], checkSpace)
        return resolved
      },
    },
  ],
]
