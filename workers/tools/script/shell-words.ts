/**
 * POSIX shell word splitting for one logical command line, as `sh` reads `kafka-topics.sh --topic 'a b'`:
 * blanks separate words; '...' keeps everything literally; "..." keeps everything except that `\` escapes
 * `$`, backquote, `"`, `\` and a newline, and `$` and backquote still expand; an unquoted `\` escapes any
 * character; `\` before a newline joins the next line (line continuation); an unquoted `#` at the start of a
 * word begins a comment. Quotes may span lines (curl's `-d'` + newline + JSON + `'`, as the Elasticsearch docs
 * write it).
 *
 * Expansions are read, not performed: `$NAME`, `${NAME}` and `$?` (parameters), `$(command)` and
 * `` `command` `` (command substitutions, on the logical line) become parts of their word, each marked quoted
 * when it stood inside "...", so the shell can expand them when the command runs (expansion.ts) with bash's
 * rules: no field splitting of quoted parts. A `$` before anything else is a literal `$`, as in bash.
 * readShellLine gives each word's literal text (expansions as written, quotes removed), which is what the
 * script parser classifies commands by; readShellWords gives the parts.
 *
 * A control operator (`|`, `||`, `&&`, `;`) ends the simple command: reading stops there and `operator` says
 * which (shell-list.ts reads the rest of the list); one with no command before it, or right after a
 * redirection operator, is bash's `syntax error near unexpected token `|'`. A `&` that ends the line (blanks
 * or a comment may follow) makes the command a background job, as bash runs `command &` (`background`); a `&`
 * with nothing before it, or right after a redirection operator, is bash's `syntax error near unexpected
 * token `&'`. The playground has no subshells, groups, `|&` or `&` inside a line: those operators are an error.
 * Redirections (`> f`, `>> f`, `< f`, the here-document operators `<<WORD`, `<<-WORD` and the here-string
 * `<<< WORD`) are read apart
 * from the words, each with the word that follows it as its target (quotes removed, so `<<'EOF'` ends at
 * `EOF`).
 *
 * Invariant: `end` is the offset of the control operator that ends the command, else of the newline that ends
 * the logical line (or the end of the text). When a
 * quote or a substitution is never closed, the logical line is cut back to the first physical line so that
 * the script parser can recover on the next line; `error` then says what is missing, in bash's words. bash's
 * own errors are written as interactive bash prints them, after `bash: `.
 */

export type RedirectOperator = '>' | '>>' | '<' | '<<' | '<<-' | '<<<'

/** The operators that join simple commands into pipelines (`|`) and pipelines into a list. */
export type ControlOperator = '|' | '&&' | '||' | ';'

export interface Redirect {
  op: RedirectOperator
  target: string
}

export interface ShellLine {
  words: string[]
  end: number
  error: string | null
  /** Present when the line ends with `&`: the command runs as a background job. */
  background?: true
  /** The redirections in order; absent when the line has none. */
  redirects?: Redirect[]
}

/** One piece of a word: literal text, a parameter to expand, or a command whose output replaces it. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'parameter'; name: string; quoted: boolean; source: string }
  | { kind: 'command'; script: string; quoted: boolean; source: string }

export interface ShellWordsLine {
  words: WordPart[][]
  redirects: { op: RedirectOperator; target: WordPart[] }[]
  end: number
  error: string | null
  background: boolean
  /** The control operator at `end` that ends this command, or null when the line ends it. */
  operator: ControlOperator | null
}

const OPERATORS = '|&;<>()'
const REDIRECT = /^(?:>>|<<<|<<-|<<|>|<)/
/** The characters that end a run of plain word characters. */
const SPECIAL = ` \t\r\n\\'"$\`${OPERATORS}`
const DOUBLE_QUOTE_ESCAPABLE = '$`"\\\n'
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/

/** A word's literal text: its parts as written, quotes removed. */
export function literalWord(parts: readonly WordPart[]): string {
  return parts.map((part) => (part.kind === 'text' ? part.text : part.source)).join('')
}

export function readShellLine(text: string, start: number): ShellLine {
  return literalLine(readShellWords(text, start))
}

/** The line with each word and redirection target as its literal text. */
export function literalLine(read: ShellWordsLine): ShellLine {
  const line: ShellLine = { words: read.words.map(literalWord), end: read.end, error: read.error }
  if (read.background) line.background = true
  if (read.redirects.length > 0) {
    line.redirects = read.redirects.map(({ op, target }) => ({ op, target: literalWord(target) }))
  }
  return line
}

export function readShellWords(text: string, start: number): ShellWordsLine {
  const words: WordPart[][] = []
  const redirects: ShellWordsLine['redirects'] = []
  let pending: RedirectOperator | null = null
  let word: WordPart[] = []
  let inWord = false
  let error: string | null = null
  let background = false
  const finishWord = (): void => {
    if (!inWord) return
    if (pending === null) words.push(word)
    else redirects.push({ op: pending, target: word })
    pending = null
    word = []
    inWord = false
  }
  const add = (part: WordPart): void => {
    const last = word[word.length - 1]
    if (part.kind === 'text' && last?.kind === 'text' && last.quoted === part.quoted) last.text += part.text
    else word.push(part)
    inWord = true
  }
  let at = start
  while (at < text.length) {
    const c = text.charAt(at)
    if (c === '\n') break
    if (c === ' ' || c === '\t' || c === '\r') {
      finishWord()
      at++
    } else if (c === '<' || c === '>') {
      finishWord()
      const op = (REDIRECT.exec(text.slice(at, at + 3))?.[0] ?? c) as RedirectOperator
      if (pending !== null && error === null) error = nearUnexpectedToken(op)
      pending = op
      at += op.length
    } else if (c === '&' && text.charAt(at + 1) !== '&' && blankToLineEnd(text, at + 1)) {
      finishWord()
      if (error === null && (pending !== null || (words.length === 0 && redirects.length === 0))) {
        error = nearUnexpectedToken('&')
      }
      background = true
      const newline = text.indexOf('\n', at)
      at = newline < 0 ? text.length : newline
    } else if (c === '|' || c === ';' || (c === '&' && text.charAt(at + 1) === '&')) {
      finishWord()
      const operator = controlOperator(text, at)
      if (error === null && (pending !== null || (words.length === 0 && redirects.length === 0))) {
        error = nearUnexpectedToken(operator)
      }
      if (isControl(operator)) return { words, redirects, end: at, error, background, operator }
      // `;;` ends a case item, which only a `case` command has.
      error ??=
        operator === ';;'
          ? nearUnexpectedToken(';;')
          : `shell operator '${operator}' is not supported in the playground`
      at += operator.length
    } else if (c === '#' && !inWord) {
      const newline = text.indexOf('\n', at)
      at = newline < 0 ? text.length : newline
    } else if (c === '\\') {
      const next = text.charAt(at + 1)
      if (next === '\r' && text.charAt(at + 2) === '\n') at += 3
      else if (next === '\n') at += 2
      else {
        add({ kind: 'text', text: next, quoted: true })
        at += 2
      }
    } else if (c === "'") {
      const close = text.indexOf("'", at + 1)
      if (close < 0) return unterminated(text, start, c)
      add({ kind: 'text', text: text.slice(at + 1, close), quoted: true })
      at = close + 1
    } else if (c === '"') {
      const quoted = doubleQuoted(text, at)
      if (typeof quoted === 'string') return unterminated(text, start, quoted)
      if (quoted.parts.length === 0) add({ kind: 'text', text: '', quoted: true })
      for (const part of quoted.parts) add(part)
      error ??= quoted.error
      at = quoted.end
    } else if (c === '$' || c === '`') {
      const expansion = c === '$' ? dollar(text, at, false) : backquoted(text, at, false)
      if (typeof expansion === 'string') return unterminated(text, start, expansion)
      add(expansion.part)
      error ??= expansion.error
      at = expansion.end
    } else {
      let runEnd = at + 1
      while (runEnd < text.length && !SPECIAL.includes(text.charAt(runEnd))) runEnd++
      add({ kind: 'text', text: text.slice(at, runEnd), quoted: false })
      at = runEnd
      if (error === null && OPERATORS.includes(c)) {
        error = `shell operator '${c}' is not supported in the playground`
      }
    }
  }
  finishWord()
  if (pending !== null && error === null) error = nearUnexpectedToken('newline')
  return { words, redirects, end: Math.min(at, text.length), error, background, operator: null }
}

/** bash's error for an operator (or the line's end, `newline`) where a command should be. */
function nearUnexpectedToken(token: string): string {
  return `bash: syntax error near unexpected token \`${token}'`
}

/** The operator that starts at `at` (a `|`, `;` or `&&`): bash reads the longest one. */
function controlOperator(text: string, at: number): string {
  const two = text.slice(at, at + 2)
  return two === '||' || two === '&&' || two === '|&' || two === ';;' ? two : text.charAt(at)
}

function isControl(operator: string): operator is ControlOperator {
  return operator === '|' || operator === '||' || operator === '&&' || operator === ';'
}

/** Whether only blanks, or blanks and a comment, follow `from` on its line. */
function blankToLineEnd(text: string, from: number): boolean {
  let at = from
  while (text.charAt(at) === ' ' || text.charAt(at) === '\t' || text.charAt(at) === '\r') at++
  return at >= text.length || text.charAt(at) === '\n' || text.charAt(at) === '#'
}

interface Read {
  part: WordPart
  end: number
  /** A problem bash reports when it expands the part (`${a b}: bad substitution`), or null. */
  error: string | null
}

/**
 * The expansion a `$` at `at` starts: `$NAME`, `$?`, `${...}` or `$(...)`; a lone `$` is text. A string
 * result is the closing character that is missing.
 */
function dollar(text: string, at: number, quoted: boolean): Read | string {
  const next = text.charAt(at + 1)
  if (next === '(') {
    const close = matchingParen(text, at + 2)
    if (close < 0) return ')'
    const source = text.slice(at, close + 1)
    return {
      part: { kind: 'command', script: text.slice(at + 2, close), quoted, source },
      end: close + 1,
      error: null,
    }
  }
  if (next === '{') {
    const newline = text.indexOf('\n', at)
    const close = text.indexOf('}', at + 2)
    if (close < 0 || (newline >= 0 && close > newline)) return '}'
    const name = text.slice(at + 2, close)
    const source = text.slice(at, close + 1)
    const valid = name === '?' || name === '!' || NAME.exec(name)?.[0] === name
    const part: WordPart = { kind: 'parameter', name, quoted, source }
    return { part, end: close + 1, error: valid ? null : `${source}: bad substitution` }
  }
  const name = next === '?' || next === '!' ? next : NAME.exec(text.slice(at + 1, at + 256))?.[0]
  if (name === undefined) return { part: { kind: 'text', text: '$', quoted }, end: at + 1, error: null }
  const source = `$${name}`
  return { part: { kind: 'parameter', name, quoted, source }, end: at + 1 + name.length, error: null }
}

/** The `)` that closes a `$(` whose text starts at `from` (nested parentheses and quotes skipped), or -1. */
function matchingParen(text: string, from: number): number {
  let depth = 0
  for (let at = from; at < text.length; at++) {
    const c = text.charAt(at)
    if (c === '\n') return -1
    if (c === '\\') at++
    else if (c === "'" || c === '"') {
      const close = text.indexOf(c, at + 1)
      if (close < 0) return -1
      at = close
    } else if (c === '(') depth++
    else if (c === ')') {
      if (depth === 0) return at
      depth--
    }
  }
  return -1
}

/** `` `command` ``: inside, `\` escapes only `$`, backquote and `\`, as bash reads the old form. */
function backquoted(text: string, open: number, quoted: boolean): Read | string {
  let script = ''
  for (let at = open + 1; at < text.length; at++) {
    const c = text.charAt(at)
    if (c === '\n') return '`'
    if (c === '`') {
      const part: WordPart = { kind: 'command', script, quoted, source: text.slice(open, at + 1) }
      return { part, end: at + 1, error: null }
    }
    const next = text.charAt(at + 1)
    if (c === '\\' && (next === '$' || next === '`' || next === '\\')) {
      script += next
      at++
    } else script += c
  }
  return '`'
}

interface DoubleQuoted {
  parts: WordPart[]
  end: number
  error: string | null
}

function doubleQuoted(text: string, open: number): DoubleQuoted | string {
  const parts: WordPart[] = []
  let error: string | null = null
  let literal = ''
  const flush = (): void => {
    if (literal !== '') parts.push({ kind: 'text', text: literal, quoted: true })
    literal = ''
  }
  for (let at = open + 1; at < text.length; at++) {
    const c = text.charAt(at)
    if (c === '"') {
      flush()
      return { parts, end: at + 1, error }
    }
    const next = text.charAt(at + 1)
    if (c === '\\' && next !== '' && DOUBLE_QUOTE_ESCAPABLE.includes(next)) {
      if (next !== '\n') literal += next
      at++
    } else if (c === '$' || c === '`') {
      const expansion = c === '$' ? dollar(text, at, true) : backquoted(text, at, true)
      if (typeof expansion === 'string') return expansion
      if (expansion.part.kind === 'text') literal += expansion.part.text
      else {
        flush()
        parts.push(expansion.part)
      }
      error ??= expansion.error
      at = expansion.end - 1
    } else literal += c
  }
  return '"'
}

function unterminated(text: string, start: number, quote: string): ShellWordsLine {
  const newline = text.indexOf('\n', start)
  return {
    words: [],
    redirects: [],
    end: newline < 0 ? text.length : newline,
    error: `bash: unexpected EOF while looking for matching \`${quote}'`,
    background: false,
    operator: null,
  }
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/

/** The variable a `NAME=value` word assigns (its name and `=` unquoted, as bash requires), or null. */
export function assignmentName(parts: readonly WordPart[]): string | null {
  const first = parts[0]
  if (first?.kind !== 'text' || first.quoted) return null
  return ASSIGNMENT.exec(first.text)?.[1] ?? null
}

/** The value parts of an assignment word whose variable is `name`. */
export function assignmentValue(parts: readonly WordPart[], name: string): WordPart[] {
  const [first, ...rest] = parts
  if (first?.kind !== 'text') return [...parts]
  const text = first.text.slice(name.length + 1)
  return text === '' ? rest : [{ ...first, text }, ...rest]
}

/** How many words at the start of a command are assignments (bash applies them to the command's environment). */
export function leadingAssignments(words: readonly (readonly WordPart[])[]): number {
  let count = 0
  while (count < words.length && assignmentName(words[count] ?? []) !== null) count++
  return count
}

/**
 * A here-document line as bash reads it when the delimiter is unquoted (`<<EOF`): `$` and backquote expand
 * (never split), `\` escapes only `$`, backquote and `\`, quotes are text. An unclosed expansion stays text.
 */
export function readHereDocumentLine(line: string): WordPart[] {
  const parts: WordPart[] = []
  let literal = ''
  for (let at = 0; at < line.length; at++) {
    const c = line.charAt(at)
    const next = line.charAt(at + 1)
    if (c === '\\' && (next === '$' || next === '`' || next === '\\')) {
      literal += next
      at++
      continue
    }
    const expansion = c === '$' ? dollar(line, at, true) : c === '`' ? backquoted(line, at, true) : null
    if (expansion === null || typeof expansion === 'string' || expansion.error !== null) {
      literal += c
      continue
    }
    if (expansion.part.kind === 'text') literal += expansion.part.text
    else {
      if (literal !== '') parts.push({ kind: 'text', text: literal, quoted: true })
      literal = ''
      parts.push(expansion.part)
    }
    at = expansion.end - 1
  }
  if (literal !== '') parts.push({ kind: 'text', text: literal, quoted: true })
  return parts
}
