/**
 * POSIX shell word splitting for one logical command line, as `sh` reads `kafka-topics.sh --topic 'a b'`:
 * blanks separate words; '...' keeps everything literally; "..." keeps everything except that `\` escapes
 * `$`, backquote, `"`, `\` and a newline; an unquoted `\` escapes any character; `\` before a newline joins
 * the next line (line continuation); an unquoted `#` at the start of a word begins a comment. Quotes may
 * span lines (curl's `-d'` + newline + JSON + `'`, as the Elasticsearch docs write it).
 *
 * The playground runs one command per line, so unquoted operators (`|`, `&`, `;`, `<`, `>`, `(`, `)`) are an
 * error. Variables (`$X`) are not expanded: they stay literal text.
 *
 * Invariant: `end` is the offset of the newline that ends the logical line (or the end of the text). When a
 * quote is never closed, the logical line is cut back to the first physical line so that the script parser
 * can recover on the next line; `error` then says which quote is missing, in bash's words.
 */

export interface ShellLine {
  words: string[]
  end: number
  error: string | null
}

const OPERATORS = '|&;<>()'
/** The characters that end a run of plain word characters. */
const SPECIAL = ` \t\r\n\\'"${OPERATORS}`
const DOUBLE_QUOTE_ESCAPABLE = '$`"\\\n'

export function readShellLine(text: string, start: number): ShellLine {
  const words: string[] = []
  let word = ''
  let inWord = false
  let error: string | null = null
  let at = start
  while (at < text.length) {
    const c = text.charAt(at)
    if (c === '\n') break
    if (c === ' ' || c === '\t' || c === '\r') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      at++
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
  if (inWord) words.push(word)
  return { words, end: Math.min(at, text.length), error }
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
