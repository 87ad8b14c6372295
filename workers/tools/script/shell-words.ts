/**
 * POSIX shell word splitting for one logical command line, as `sh` reads `kafka-topics.sh --topic 'a b'`:
 * blanks separate words; '...' keeps everything literally; "..." keeps everything except that `\` escapes
 * `$`, backquote, `"`, `\` and a newline; an unquoted `\` escapes any character; `\` before a newline joins
 * the next line (line continuation); an unquoted `#` at the start of a word begins a comment. Quotes may
 * span lines (curl's `-d'` + newline + JSON + `'`, as the Elasticsearch docs write it).
 *
 * The playground runs one command per line, so unquoted operators (`|`, `&`, `;`, `(`, `)`) are an error.
 * Redirections (`> f`, `>> f`, `< f`, and the here-document operators `<<WORD`, `<<-WORD`) are read apart
 * from the words, each with the word that follows it as its target (quotes removed, so `<<'EOF'` ends at
 * `EOF`). Variables (`$X`) are not expanded: they stay literal text.
 *
 * Invariant: `end` is the offset of the newline that ends the logical line (or the end of the text). When a
 * quote is never closed, the logical line is cut back to the first physical line so that the script parser
 * can recover on the next line; `error` then says which quote is missing, in bash's words.
 */

export type RedirectOperator = '>' | '>>' | '<' | '<<' | '<<-'

export interface Redirect {
  op: RedirectOperator
  target: string
}

export interface ShellLine {
  words: string[]
  end: number
  error: string | null
  /** The redirections in order; absent when the line has none. */
  redirects?: Redirect[]
}

const OPERATORS = '|&;<>()'
const REDIRECT = /^(?:>>|<<-|<<|>|<)/
/** The characters that end a run of plain word characters. */
const SPECIAL = ` \t\r\n\\'"${OPERATORS}`
const DOUBLE_QUOTE_ESCAPABLE = '$`"\\\n'

export function readShellLine(text: string, start: number): ShellLine {
  const words: string[] = []
  const redirects: Redirect[] = []
  let pending: RedirectOperator | null = null
  let word = ''
  let inWord = false
  let error: string | null = null
  const finishWord = (): void => {
    if (!inWord) return
    if (pending === null) words.push(word)
    else redirects.push({ op: pending, target: word })
    pending = null
    word = ''
    inWord = false
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
      if (pending !== null && error === null) error = `syntax error near unexpected token \`${op}'`
      pending = op
      at += op.length
    } else if (c === '#' && !inWord) {
      const newline = text.indexOf('\n', at)
      at = newline < 0 ? text.length : newline
    } else if (c === '\\') {
      const next = text.charAt(at + 1)
      if (next === '\r' && text.charAt(at + 2) === '\n') at += 3
      else if (next === '\n') at += 2
      else {
        word += next
        inWord = true
        at += 2
      }
    } else if (c === "'" || c === '"') {
      const quoted = c === "'" ? singleQuoted(text, at) : doubleQuoted(text, at)
      if (quoted === null) return unterminated(text, start, c)
      word += quoted.value
      inWord = true
      at = quoted.end
    } else {
      let runEnd = at + 1
      while (runEnd < text.length && !SPECIAL.includes(text.charAt(runEnd))) runEnd++
      word += text.slice(at, runEnd)
      inWord = true
      at = runEnd
      if (error === null && OPERATORS.includes(c)) {
        error = `shell operator '${c}' is not supported: run one command per line`
      }
    }
  }
  finishWord()
  if (pending !== null && error === null) error = "syntax error near unexpected token `newline'"
  const line: ShellLine = { words, end: Math.min(at, text.length), error }
  if (redirects.length > 0) line.redirects = redirects
  return line
}

interface Quoted {
  value: string
  end: number
}

function singleQuoted(text: string, open: number): Quoted | null {
  const close = text.indexOf("'", open + 1)
  return close < 0 ? null : { value: text.slice(open + 1, close), end: close + 1 }
}

function doubleQuoted(text: string, open: number): Quoted | null {
  let value = ''
  for (let at = open + 1; at < text.length; at++) {
    const c = text.charAt(at)
    if (c === '"') return { value, end: at + 1 }
    const next = text.charAt(at + 1)
    if (c === '\\' && next !== '' && DOUBLE_QUOTE_ESCAPABLE.includes(next)) {
      if (next !== '\n') value += next
      at++
    } else value += c
  }
  return null
}

function unterminated(text: string, start: number, quote: string): ShellLine {
  const newline = text.indexOf('\n', start)
  return {
    words: [],
    end: newline < 0 ? text.length : newline,
    error: `unexpected EOF while looking for matching \`${quote}'`,
  }
}
