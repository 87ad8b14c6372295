/**
 * The Painless lexer (lang-painless's PainlessLexer.g4): identifiers, numeric literals (decimal, hex and octal
 * ints, `L` longs, `f` floats, `d` and decimal-point doubles), string literals in single or double quotes whose
 * only escapes are `\\` and the quote itself, `//` and `/* *\/` comments, regex literals `/pattern/flags` (flags of
 * `cilmsUux`; a `/` starts one only where PainlessLexer's isSlashRegex allows: not after an identifier, a number, `)`
 * or `]`, else it is division; inside one `\` escapes any character but a newline and the pattern keeps it), and the
 * operators longest first.
 * Every token keeps its start and end offsets in the source: errors point at them. A character no rule
 * matches is PainlessLexer's error, "unexpected character [c]." at its offset.
 */
import { ScriptCompileError } from './script-errors.ts'

export type TokenKind = 'id' | 'int' | 'long' | 'float' | 'double' | 'string' | 'regex' | 'op' | 'eof'

export interface Token {
  readonly kind: TokenKind
  /** The identifier or operator; a literal's source text (a string's unquoted, unescaped value, a regex's pattern). */
  readonly text: string
  /** A regex literal's flags. */
  readonly flags?: string
  readonly start: number
  readonly end: number
}

const OPERATORS = [
  '>>>=', '>>>', '<<=', '>>=', '===', '==~', '!==', '=~', '?.', '?:', '++', '--', '==', '!=', '<=', '>=', '&&', '||', '+=',
  '-=', '*=', '/=', '%=', '&=', '^=', '|=', '<<', '>>', '->', '::',
  '{', '}', '[', ']', '(', ')', ';', ',', '.', '?', ':', '=', '<', '>', '!', '~', '+', '-', '*', '/', '%', '&',
  '|', '^',
] // prettier-ignore

const NUMBER = /(?:0[xX][0-9a-fA-F]+[lL]?)|(?:(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[lLfFdD]?)/y
const IDENTIFIER = /[A-Za-z_][A-Za-z_0-9]*/y
const REGEX = /\/((?:\\[^\n]|[^/\n])+?)\/([cilmsUux]*)/y
/** Painless' keywords: lexed apart from identifiers, so a `/` after one starts a regex (`return /a/`). */
const KEYWORDS: ReadonlySet<string> = new Set([
  'if', 'in', 'else', 'while', 'do', 'for', 'continue', 'break', 'return', 'new', 'try', 'catch', 'throw', 'this',
  'instanceof', 'true', 'false', 'null', 'def', 'boolean', 'byte', 'short', 'char', 'int', 'long', 'float', 'double',
]) // prettier-ignore

/** EnhancedPainlessLexer.isSlashRegex: whether a `/` after `last` starts a regex rather than a division. */
function isSlashRegex(last: Token | undefined): boolean {
  if (last === undefined) return true
  if (last.kind === 'op') return last.text !== ')' && last.text !== ']'
  return last.kind === 'id'
    ? KEYWORDS.has(last.text)
    : last.kind !== 'int' && last.kind !== 'long' && last.kind !== 'float' && last.kind !== 'double'
}

function numberKind(text: string): TokenKind {
  const last = text.at(-1)!.toLowerCase()
  if (last === 'l') return 'long'
  if (last === 'f' && !/^0x/i.test(text)) return 'float'
  if ((last === 'd' && !/^0x/i.test(text)) || /[.eE]/.test(text.replace(/^0x.*/i, ''))) return 'double'
  return 'int'
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < source.length) {
    const c = source[at]!
    if (/\s/.test(c)) {
      at++
      continue
    }
    if (source.startsWith('//', at)) {
      const end = source.indexOf('\n', at)
      at = end < 0 ? source.length : end + 1
      continue
    }
    if (source.startsWith('/*', at)) {
      const end = source.indexOf('*/', at + 2)
      if (end < 0) throw new ScriptCompileError(`unexpected character [${source.slice(at)}].`, at)
      at = end + 2
      continue
    }
    if (c === "'" || c === '"') {
      tokens.push(stringToken(source, at))
      at = tokens.at(-1)!.end
      continue
    }
    NUMBER.lastIndex = at
    const number =
      /[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[at + 1] ?? '')) ? NUMBER.exec(source) : null
    if (number !== null) {
      tokens.push({ kind: numberKind(number[0]), text: number[0], start: at, end: at + number[0].length })
      at += number[0].length
      continue
    }
    REGEX.lastIndex = at
    const regex = c === '/' && isSlashRegex(tokens.at(-1)) ? REGEX.exec(source) : null
    if (regex !== null) {
      const end = at + regex[0].length
      tokens.push({ kind: 'regex', text: regex[1]!, flags: regex[2]!, start: at, end })
      at = end
      continue
    }
    IDENTIFIER.lastIndex = at
    const identifier = IDENTIFIER.exec(source)
    if (identifier !== null) {
      tokens.push({ kind: 'id', text: identifier[0], start: at, end: at + identifier[0].length })
      at += identifier[0].length
      continue
    }
    const operator = OPERATORS.find((op) => source.startsWith(op, at))
    if (operator === undefined) throw new ScriptCompileError(`unexpected character [${c}].`, at)
    tokens.push({ kind: 'op', text: operator, start: at, end: at + operator.length })
    at += operator.length
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: source.length, end: source.length })
  return tokens
}

function stringToken(source: string, start: number): Token {
  const quote = source[start]!
  let text = ''
  for (let at = start + 1; at < source.length; at++) {
    const c = source[at]!
    if (c === quote) return { kind: 'string', text, start, end: at + 1 }
    if (c !== '\\') {
      text += c
      continue
    }
    const next = source[at + 1]
    if (next !== '\\' && next !== quote) {
      throw new ScriptCompileError(
        `unexpected character [${quote}\\${next ?? ''}]. The only valid escape sequences in strings starting ` +
          `with [${quote}] are [\\\\] and [\\${quote}].`,
        start,
      )
    }
    text += next
    at++
  }
  throw new ScriptCompileError(`unexpected character [${source.slice(start)}].`, start)
}
