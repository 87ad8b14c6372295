/**
 * jq's input: JSON values one after another (whitespace between them, or none where the values delimit
 * themselves), parsed into jq values whose numbers keep their literal text when it differs from jq's own
 * printing (json-value.ts). A malformed input ends with jq's `parse error` line, in jq's words for the common
 * cases (`Invalid numeric literal`, `Invalid literal`, `Unfinished JSON term at EOF`, `Expected separator
 * between values`, `Objects must consist of key:value pairs`, `Unmatched ']'`) and a line and column that
 * are this parser's (docs/DEVIATIONS.md), except for a bad literal, whose position is jq's: after the delimiter
 * that ended it (a newline making it `line N+1, column 0`).
 */
import { formatNumber, JsonNumber, type Json, type JsonObject } from './json-value.ts'

export class JsonParseError extends Error {}

export function numberLiteral(text: string): Json {
  const value = Number(text)
  return formatNumber(value) === text || !Number.isFinite(value) ? value : new JsonNumber(value, text)
}

/** The values of the text, in order, and the parse error that stopped it (null when none). */
export function parseJsonValues(text: string): { values: Json[]; error: string | null } {
  const values: Json[] = []
  let at = 0
  const where = () => {
    const before = text.slice(0, at)
    const line = before.split('\n').length
    return ` at line ${line}, column ${at - (before.lastIndexOf('\n') + 1)}`
  }
  const fail = (message: string): never => {
    throw new JsonParseError(message + where())
  }
  const skip = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++
  }
  const value = (): Json => {
    skip()
    if (at >= text.length) fail('Unfinished JSON term at EOF')
    const char = text[at]!
    if (char === '{') {
      at++
      const object: JsonObject = new Map()
      skip()
      if (text[at] === '}') {
        at++
        return object
      }
      for (;;) {
        skip()
        if (text[at] !== '"')
          fail(at >= text.length ? 'Unfinished JSON term at EOF' : 'Object keys must be strings')
        const key = string()
        skip()
        if (text[at] !== ':')
          fail(at >= text.length ? 'Unfinished JSON term at EOF' : 'Objects must consist of key:value pairs')
        at++
        object.set(key, value())
        skip()
        if (text[at] === ',') at++
        else if (text[at] === '}') {
          at++
          return object
        } else fail(at >= text.length ? 'Unfinished JSON term at EOF' : 'Expected separator between values')
      }
    }
    if (char === '[') {
      at++
      const array: Json[] = []
      skip()
      if (text[at] === ']') {
        at++
        return array
      }
      for (;;) {
        array.push(value())
        skip()
        if (text[at] === ',') at++
        else if (text[at] === ']') {
          at++
          return array
        } else fail(at >= text.length ? 'Unfinished JSON term at EOF' : 'Expected separator between values')
      }
    }
    if (char === '"') return string()
    if (char === ']' || char === '}') fail(`Unmatched '${char}'`)
    const word = /^[^\s{}[\]",:]+/.exec(text.slice(at))?.[0] ?? char
    at += word.length
    if (word === 'null') return null
    if (word === 'true') return true
    if (word === 'false') return false
    if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(word)) return numberLiteral(word)
    // jq's check_literal runs when the delimiter after the token is read (so the position counts it): a token
    // that starts like true, false or null is an `Invalid literal`, any other a number that failed.
    if (at < text.length) at++
    return fail(/^[tfn]/.test(word) ? 'Invalid literal' : 'Invalid numeric literal')
  }
  const string = (): string => {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(at))
    if (!match) {
      if (text.indexOf('"', at + 1) < 0) fail('Unfinished JSON term at EOF')
      fail('Invalid string')
    }
    at += match![0].length
    return JSON.parse(match![0]) as string
  }
  try {
    for (skip(); at < text.length; skip()) values.push(value())
    return { values, error: null }
  } catch (error) {
    if (error instanceof JsonParseError) return { values, error: error.message }
    throw error
  }
}
