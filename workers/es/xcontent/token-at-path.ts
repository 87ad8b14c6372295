/**
 * Where a value of a JSON document is in its text, found by the value's path from the root object: the keys and
 * array indices leading to it. Read on error paths only (a document's parse failure is located this way after the
 * fact): the text is tokenized again, and containers off the path are skipped token by token.
 *
 * Offsets are UTF-16 offsets into the text (json-parse-error.ts `locate` turns them into Jackson's line and byte
 * column): `start` is the value's first character (Jackson's getTokenLocation at its token), `end` the closing
 * bracket of an object or array (its END token's location; the start for a scalar), and `after` the position right
 * after a number, `true`, `false` or `null` (Jackson's current location once it has read the token; the start for
 * other values), and `name` the field name the value is under (its opening quote: Jackson's getTokenLocation at the
 * FIELD_NAME token; the value's start for an array element or the root). Null when the text holds no value at that
 * path.
 */
import { JsonTokenizer } from './json-tokenizer.ts'
import { Token, type TokenKind } from './json-token.ts'

export type PathStep = string | number

export interface TokenOffsets {
  readonly start: number
  readonly end: number
  readonly after: number
  readonly name: number
}

interface OpenContainer {
  readonly array: boolean
  /** Arrays: the index of the next element. */
  index: number
  /** Objects: the last field name read. */
  key: string
  /** Objects: where the last field name read starts. */
  keyStart: number
}

export function tokenAtPath(text: string, steps: readonly PathStep[]): TokenOffsets | null {
  const tokenizer = new JsonTokenizer(text)
  const root = tokenizer.next()
  if (root !== Token.START_OBJECT) return null
  if (steps.length === 0) return closing(tokenizer, tokenizer.tokenStart)
  const open: OpenContainer[] = [{ array: false, index: 0, key: '', keyStart: 0 }]
  /** How deep the tokenizer is inside a container that is not on the path. */
  let skipping = 0
  for (;;) {
    const kind = tokenizer.next()
    if (kind === Token.EOF || kind === Token.END_ARRAY || kind === Token.END_OBJECT) {
      if (skipping === 0) return null
      skipping--
      continue
    }
    const opens = kind === Token.START_OBJECT || kind === Token.START_ARRAY
    if (skipping > 0) {
      if (opens) skipping++
      continue
    }
    const parent = open[open.length - 1]!
    if (kind === Token.FIELD_NAME) {
      parent.key = tokenizer.value
      parent.keyStart = tokenizer.tokenStart
      continue
    }
    const step = parent.array ? parent.index++ : parent.key
    if (step !== steps[open.length - 1]) {
      if (opens) skipping = 1
      continue
    }
    if (open.length === steps.length) {
      const name = parent.array ? tokenizer.tokenStart : parent.keyStart
      return opens ? closing(tokenizer, name) : scalar(tokenizer, kind, name)
    }
    if (!opens) return null
    open.push({ array: kind === Token.START_ARRAY, index: 0, key: '', keyStart: 0 })
  }
}

/** The container the tokenizer has just opened: its start and the location of its closing bracket. */
function closing(tokenizer: JsonTokenizer, name: number): TokenOffsets {
  const start = tokenizer.tokenStart
  for (let depth = 1; depth > 0;) {
    const kind = tokenizer.next()
    if (kind === Token.START_OBJECT || kind === Token.START_ARRAY) depth++
    else if (kind === Token.END_OBJECT || kind === Token.END_ARRAY || kind === Token.EOF) depth--
  }
  return { start, end: tokenizer.tokenStart, after: start, name }
}

function scalar(tokenizer: JsonTokenizer, kind: TokenKind, name: number): TokenOffsets {
  const start = tokenizer.tokenStart
  return { start, end: start, after: start + scalarLength(tokenizer, kind), name }
}

/** The length of a literal or number token (a string's is not needed: no failure is reported after one). */
function scalarLength(tokenizer: JsonTokenizer, kind: TokenKind): number {
  switch (kind) {
    case Token.VALUE_NUMBER_INT:
    case Token.VALUE_NUMBER_FLOAT:
      return tokenizer.value.length
    case Token.VALUE_TRUE:
    case Token.VALUE_NULL:
      return 4
    case Token.VALUE_FALSE:
      return 5
    default:
      return 0
  }
}
