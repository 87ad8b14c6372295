/**
 * The token manager of Lucene's classic QueryParser (QueryParser.jj): the token kinds with their numbers and
 * images as JavaCC numbers them (QueryParserConstants), and a lexer with the three lexical states.
 *
 * Lexical states: DEFAULT (2) holds the query tokens; `^` switches to Boost (0), where only NUMBER lexes (and no
 * whitespace is skipped); `[` or `{` switch to Range (1) until `]` or `}`. Each token is the longest match among
 * the state's token kinds; equal lengths go to the kind declared first (lowest number), as in JavaCC.
 *
 * Positions are UTF-16 indices into the query text: Lucene's FastCharStream reports a token's begin column as
 * its 0-based offset and every line as 1.
 *
 * A lexical error does not throw here: the token list stops before it and `error` describes it, so that the
 * parser raises it only when it asks for that token, as JavaCC's lazy token manager does.
 */

export const EOF = 0
export const AND = 8
export const OR = 9
export const NOT = 10
export const PLUS = 11
export const MINUS = 12
export const BAREOPER = 13
export const LPAREN = 14
export const RPAREN = 15
export const COLON = 16
export const STAR = 17
export const CARAT = 18
export const QUOTED = 19
export const TERM = 20
export const FUZZY_SLOP = 21
export const PREFIXTERM = 22
export const WILDTERM = 23
export const REGEXPTERM = 24
export const RANGEIN_START = 25
export const RANGEEX_START = 26
export const NUMBER = 27
export const RANGE_TO = 28
export const RANGEIN_END = 29
export const RANGEEX_END = 30
export const RANGE_QUOTED = 31
export const RANGE_GOOP = 32

/** QueryParserConstants.tokenImage, as ParseException prints expected tokens. */
export const TOKEN_IMAGE: readonly string[] = [
  '<EOF>',
  '<_NUM_CHAR>',
  '<_ESCAPED_CHAR>',
  '<_TERM_START_CHAR>',
  '<_TERM_CHAR>',
  '<_WHITESPACE>',
  '<_QUOTED_CHAR>',
  '<token of kind 7>',
  '<AND>',
  '<OR>',
  '<NOT>',
  '"+"',
  '"-"',
  '<BAREOPER>',
  '"("',
  '")"',
  '":"',
  '"*"',
  '"^"',
  '<QUOTED>',
  '<TERM>',
  '<FUZZY_SLOP>',
  '<PREFIXTERM>',
  '<WILDTERM>',
  '<REGEXPTERM>',
  '"["',
  '"{"',
  '<NUMBER>',
  '"TO"',
  '"]"',
  '"}"',
  '<RANGE_QUOTED>',
  '<RANGE_GOOP>',
]

export interface Token {
  kind: number
  image: string
  /** 0-based offset of the first character (FastCharStream's begin column). */
  begin: number
}

/** What JavaCC's token manager knows when no token matches (TokenMgrError.LexicalErr's inputs). */
export interface LexicalError {
  eofSeen: boolean
  lexState: number
  column: number
  after: string
  /** The UTF-16 code unit that failed, when not at end of input. */
  char: number
}

const BOOST_STATE = 0
const RANGE_STATE = 1
const DEFAULT_STATE = 2
const SKIP = 7

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\u3000'])
const NOT_TERM_START = new Set([...WHITESPACE, ...'+-!():^[]"{}~*?\\/'])

/** Length of one `_TERM_START_CHAR` at i (an escape pair counts 2), or 0. */
function termStartChar(text: string, i: number): number {
  const c = text[i]
  if (c === undefined) return 0
  if (c === '\\') return i + 1 < text.length ? 2 : 0
  return NOT_TERM_START.has(c) ? 0 : 1
}

function termChar(text: string, i: number): number {
  const c = text[i]
  return c === '-' || c === '+' ? 1 : termStartChar(text, i)
}

/** Longest `(_TERM_CHAR | [*?] if wild)*` run from i; returns the end and whether a wildcard was seen. */
function termRun(text: string, i: number, wild: boolean): { end: number; sawWild: boolean } {
  let end = i
  let sawWild = false
  for (;;) {
    const n = termChar(text, end)
    if (n > 0) end += n
    else if (wild && (text[end] === '*' || text[end] === '?')) {
      end++
      sawWild = true
    } else return { end, sawWild }
  }
}

function literal(text: string, i: number, word: string): number {
  return text.startsWith(word, i) ? word.length : 0
}

/** QUOTED (`"` ... `"` with escapes) or RANGE_QUOTED (at least one char, `\"` kept as a pair). */
function quoted(text: string, i: number, range: boolean): { length: number; scanned: number } {
  if (text[i] !== '"') return { length: 0, scanned: 0 }
  let j = i + 1
  let longest = 0
  for (;;) {
    const c = text[j]
    if (c === undefined) return { length: longest, scanned: j - i }
    if (range) {
      // Either `\` then `"` closes, or `\"` continues: both branches live, keep the longest close.
      if (c === '"') return { length: j > i + 1 ? j + 1 - i : longest, scanned: j + 1 - i }
      if (c === '\\' && text[j + 1] === '"') {
        if (j + 1 > i + 1) longest = j + 2 - i
        j += 2
      } else j++
    } else {
      if (c === '"') return { length: j + 1 - i, scanned: j + 1 - i }
      if (c === '\\') {
        if (j + 1 >= text.length) return { length: 0, scanned: text.length - i }
        j += 2
      } else j++
    }
  }
}

/** REGEXPTERM: `/` (~[/] | `\/`)* `/`; a `\/` pair may also end the term at its `/`. */
function regexp(text: string, i: number): { length: number; scanned: number } {
  if (text[i] !== '/') return { length: 0, scanned: 0 }
  let j = i + 1
  let longest = 0
  for (;;) {
    const c = text[j]
    if (c === undefined) return { length: longest, scanned: j - i }
    if (c === '/') return { length: j + 1 - i, scanned: j + 1 - i }
    if (c === '\\' && text[j + 1] === '/') {
      longest = j + 2 - i
      j += 2
    } else j++
  }
}

interface Match {
  kind: number
  length: number
}

function best(candidates: Match[]): Match | null {
  let winner: Match | null = null
  for (const m of candidates) {
    if (m.length > 0 && (winner === null || m.length > winner.length)) winner = m
  }
  return winner
}

function defaultMatches(text: string, i: number): { match: Match | null; scanned: number } {
  const c = text[i]
  const candidates: Match[] = [
    { kind: SKIP, length: c !== undefined && WHITESPACE.has(c) ? 1 : 0 },
    { kind: AND, length: literal(text, i, 'AND') || literal(text, i, '&&') },
    { kind: OR, length: literal(text, i, 'OR') || literal(text, i, '||') },
    { kind: NOT, length: literal(text, i, 'NOT') || literal(text, i, '!') },
    { kind: PLUS, length: c === '+' ? 1 : 0 },
    { kind: MINUS, length: c === '-' ? 1 : 0 },
  ]
  const next = text[i + 1]
  const bare = (c === '+' || c === '-' || c === '!') && next !== undefined && WHITESPACE.has(next)
  candidates.push({ kind: BAREOPER, length: bare ? 2 : 0 })
  for (const [kind, ch] of [
    [LPAREN, '('],
    [RPAREN, ')'],
    [COLON, ':'],
    [STAR, '*'],
    [CARAT, '^'],
  ] as const) {
    candidates.push({ kind, length: c === ch ? 1 : 0 })
  }
  const q = quoted(text, i, false)
  candidates.push({ kind: QUOTED, length: q.length })
  const start = termStartChar(text, i)
  const term = start > 0 ? termRun(text, i + start, false).end - i : 0
  candidates.push({ kind: TERM, length: term })
  candidates.push({ kind: FUZZY_SLOP, length: c === '~' ? termRun(text, i + 1, false).end - i : 0 })
  const prefix = c === '*' ? 1 : start > 0 && text[i + term] === '*' ? term + 1 : 0
  candidates.push({ kind: PREFIXTERM, length: prefix })
  const wildStart = start > 0 ? start : c === '*' || c === '?' ? 1 : 0
  const wild = wildStart > 0 ? termRun(text, i + wildStart, true).end - i : 0
  candidates.push({ kind: WILDTERM, length: wild })
  const re = regexp(text, i)
  candidates.push({ kind: REGEXPTERM, length: re.length })
  candidates.push({ kind: RANGEIN_START, length: c === '[' ? 1 : 0 })
  candidates.push({ kind: RANGEEX_START, length: c === '{' ? 1 : 0 })
  // How far the automaton read before giving up, for the lexical error's position and prefix.
  const scanned = Math.max(1, q.scanned, re.scanned, c === '\\' ? text.length - i : 0)
  return { match: best(candidates), scanned }
}

function rangeMatches(text: string, i: number): Match | null {
  const c = text[i]
  let goop = 0
  while (i + goop < text.length && ![' ', ']', '}'].includes(text[i + goop]!)) goop++
  return best([
    { kind: SKIP, length: c !== undefined && WHITESPACE.has(c) ? 1 : 0 },
    { kind: RANGE_TO, length: literal(text, i, 'TO') },
    { kind: RANGEIN_END, length: c === ']' ? 1 : 0 },
    { kind: RANGEEX_END, length: c === '}' ? 1 : 0 },
    { kind: RANGE_QUOTED, length: quoted(text, i, true).length },
    { kind: RANGE_GOOP, length: goop },
  ])
}

function boostMatch(text: string, i: number): Match | null {
  let j = i
  while (/[0-9]/.test(text[j] ?? '')) j++
  if (j === i) return null
  if (text[j] === '.' && /[0-9]/.test(text[j + 1] ?? '')) {
    j++
    while (/[0-9]/.test(text[j] ?? '')) j++
  }
  return { kind: NUMBER, length: j - i }
}

function nextState(kind: number, state: number): number {
  if (kind === CARAT) return BOOST_STATE
  if (kind === RANGEIN_START || kind === RANGEEX_START) return RANGE_STATE
  if (kind === NUMBER || kind === RANGEIN_END || kind === RANGEEX_END) return DEFAULT_STATE
  return state
}

export interface TokenStream {
  /** Tokens up to the end (an EOF token last) or up to a lexical error. */
  tokens: Token[]
  error: LexicalError | null
}

export function tokenize(text: string): TokenStream {
  const tokens: Token[] = []
  let state = DEFAULT_STATE
  let i = 0
  for (;;) {
    if (i >= text.length) {
      tokens.push({ kind: EOF, image: '', begin: i })
      return { tokens, error: null }
    }
    let match: Match | null
    let scanned = 1
    if (state === DEFAULT_STATE) ({ match, scanned } = defaultMatches(text, i))
    else match = state === RANGE_STATE ? rangeMatches(text, i) : boostMatch(text, i)
    if (match === null) return { tokens, error: lexicalError(text, i, scanned, state) }
    if (match.kind !== SKIP)
      tokens.push({ kind: match.kind, image: text.slice(i, i + match.length), begin: i })
    state = nextState(match.kind, state)
    i += match.length
  }
}

/**
 * The generated getNextToken's error path: the column is the end of what the automaton read (1 past the last
 * character's 0-based offset); when nothing follows it, the error reports <EOF> one column further on, even
 * if a character failed (JavaCC's quirk). The prefix is what was read, unless the automaton read one char.
 */
function lexicalError(text: string, start: number, scanned: number, lexState: number): LexicalError {
  const end = start + scanned
  const eofSeen = end >= text.length
  const after = scanned <= 1 ? '' : eofSeen ? text.slice(start, end) : text.slice(start, end - 1)
  return {
    eofSeen,
    lexState,
    column: eofSeen ? end + 1 : end,
    after,
    char: text.charCodeAt(end - 1),
  }
}
