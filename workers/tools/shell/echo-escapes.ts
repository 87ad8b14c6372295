/**
 * bash's builtin `echo [-neE] [ARG...]`: leading words made only of `-` and the letters n, e and E are
 * options (`-n` drops the trailing newline, `-e` interprets backslash escapes, `-E`, the default, does not;
 * the last of -e/-E wins), any other word ends them. With -e the escapes are those of bash's echo:
 * `\a \b \e \E \f \n \r \t \v \\`, `\0nnn` (up to three octal digits), `\xHH` (one or two hex digits),
 * `\uHHHH` and `\UHHHHHHHH` (Unicode code points), and `\c`, which ends the output there (no newline either).
 * Any other backslash is printed as typed.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
}

/** A numeric escape's digits: `\0` octal, `\x` hex, `\u` and `\U` Unicode. */
const NUMERIC_ESCAPES: Readonly<Record<string, { pattern: RegExp; radix: number }>> = {
  '0': { pattern: /^[0-7]{0,3}/, radix: 8 },
  x: { pattern: /^[0-9A-Fa-f]{1,2}/, radix: 16 },
  u: { pattern: /^[0-9A-Fa-f]{1,4}/, radix: 16 },
  U: { pattern: /^[0-9A-Fa-f]{1,8}/, radix: 16 },
}

interface Interpreted {
  text: string
  /** True when a `\c` stopped the output. */
  stopped: boolean
}

function interpretEscapes(word: string): Interpreted {
  let text = ''
  let at = 0
  while (at < word.length) {
    const backslash = word.indexOf('\\', at)
    if (backslash < 0 || backslash === word.length - 1) return { text: text + word.slice(at), stopped: false }
    text += word.slice(at, backslash)
    const letter = word.charAt(backslash + 1)
    at = backslash + 2
    const simple = SIMPLE_ESCAPES[letter]
    const numeric = NUMERIC_ESCAPES[letter]
    if (letter === 'c') return { text, stopped: true }
    if (simple !== undefined) text += simple
    else if (numeric !== undefined) {
      const digits = numeric.pattern.exec(word.slice(at))?.[0] ?? ''
      if (digits === '' && letter !== '0') text += `\\${letter}`
      else text += String.fromCodePoint(digits === '' ? 0 : parseInt(digits, numeric.radix))
      at += digits.length
    } else text += `\\${letter}`
  }
  return { text, stopped: false }
}

/** What `echo args...` writes to stdout. */
export function echoArguments(args: readonly string[]): string {
  let newline = true
  let escapes = false
  let first = 0
  for (; first < args.length; first++) {
    const option = /^-([neE]+)$/.exec(args[first] ?? '')?.[1]
    if (option === undefined) break
    for (const letter of option) {
      if (letter === 'n') newline = false
      else escapes = letter === 'e'
    }
  }
  const words = args.slice(first)
  if (!escapes) return words.join(' ') + (newline ? '\n' : '')
  let text = ''
  for (const [i, word] of words.entries()) {
    const interpreted = interpretEscapes(word)
    text += (i > 0 ? ' ' : '') + interpreted.text
    if (interpreted.stopped) return text
  }
  return text + (newline ? '\n' : '')
}
