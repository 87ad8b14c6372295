/**
 * Which first word starts which kind of command. A Dev Tools request starts with an HTTP method in any
 * case (Kibana's console parser accepts `get`, `GeT`, `GET`; but `head` in lower case is the shell's head)
 * followed by a blank or the end of the line, so
 * `GETT _search` and `delete-topic` are not requests. A Kafka tool is a `kafka-*` name or any `*.sh` script,
 * bare or with a path (`kafka-topics`, `bin/kafka-topics.sh`, `/opt/kafka/bin/kafka-topics.sh`). Any other
 * word made of letters, digits, `_` and `-` that starts with a letter is a playground command name, and a
 * `NAME=value` word starts a shell assignment.
 */
import type { HttpMethod } from '../../protocol/es.ts'

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH']
const METHOD_INITIALS = 'GPDHgpdh'
const COMMAND_NAME = /^[A-Za-z][\w-]*$/
const WORD_INITIAL = /[A-Za-z._\/~-]/
const JSON_LITERALS = new Set(['true', 'false', 'null'])
const ASSIGNMENT = /^[A-Za-z_]\w*=/

/**
 * The request method whose word starts at `start`, or null. `head` in lower case is the shell's head (`head -n 3
 * f.txt`, `head f.txt`), so a Dev Tools HEAD request is written `HEAD` (or any other mix of cases).
 */
export function methodAt(text: string, start: number, end: number): HttpMethod | null {
  if (!METHOD_INITIALS.includes(text.charAt(start))) return null
  for (const method of METHODS) {
    const after = start + method.length
    if (after > end || text.slice(start, after).toUpperCase() !== method) continue
    if (text.slice(start, after) === 'head') return null
    const next = text.charAt(after)
    if (after === end || next === ' ' || next === '\t') return method
  }
  return null
}

/** `kafka-topics` for `./bin/kafka-topics.sh`, `kafka-topics.sh` or `kafka-topics`; null for other words. */
export function kafkaToolName(word: string): string | null {
  const base = word.slice(word.lastIndexOf('/') + 1)
  const script = /^([\w.-]+)\.(?:sh|bat)$/.exec(base)
  if (script?.[1] !== undefined) return script[1]
  return /^kafka-[\w-]+$/.test(base) ? base : null
}

/** A command name for the shell (`true` and `false` included: bash's builtins). */
export function isPlaygroundName(word: string): boolean {
  return COMMAND_NAME.test(word)
}

/**
 * Whether a line (from its first non-blank character `start` to `end`) starts a new command, judged on the
 * raw text: this is what ends a Dev Tools body. JSON body lines start with `{`, `}`, `[`, `"`, a digit or a
 * JSON literal, so none of them matches.
 */
export function startsCommand(text: string, start: number, end: number): boolean {
  if (!WORD_INITIAL.test(text.charAt(start))) return false
  const word = firstWord(text, start, end)
  const named = isPlaygroundName(word) && !JSON_LITERALS.has(word)
  return startsRequestOrTool(text, start, end) || named || ASSIGNMENT.test(word)
}

/**
 * The stronger test used to recover from an unclosed `"""` string or block comment, whose lines may be any
 * prose: only a request line, `curl` or a Kafka tool ends it.
 */
export function startsRequestOrTool(text: string, start: number, end: number): boolean {
  if (methodAt(text, start, end) !== null) return true
  const word = firstWord(text, start, end)
  return word === 'curl' || kafkaToolName(word) !== null
}

function firstWord(text: string, start: number, end: number): string {
  let wordEnd = start
  while (wordEnd < end && text.charAt(wordEnd) !== ' ' && text.charAt(wordEnd) !== '\t') wordEnd++
  return text.slice(start, wordEnd)
}
