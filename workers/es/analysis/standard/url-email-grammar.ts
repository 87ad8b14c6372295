// The rules of Lucene 9's UAX29URLEmailTokenizerImpl.jflex: the standard grammar (standard-tokenizer-grammar.ts)
// preceded by the URL and e-mail rules, over an alphabet that adds one class per ASCII char to the word-break
// classes (an ASCII char keeps its word-break class's features), so that the URL rules can name single chars
// and top-level domains (ascii-tlds.ts) while the UAX#29 rules see the same classes as the standard tokenizer.
// Read from apache/lucene lucene/analysis/common/src/java/org/apache/lucene/analysis/email/
// UAX29URLEmailTokenizerImpl.jflex; written anew.
// Rule order (URL_EMAIL_RULES): URL; a strict host before a char that is not '-' or a word char (trailing
// context); three pairs for hosts ending in a full TLD, a TLD that is a 1-char prefix of another, and one that is
// a 2-char prefix: the host before '-' or a word char (trailing context: the scanner pushes the match back and
// rescans without these six rules, so "example.comx" is a word) and the host alone; "mailto" before ":" and an
// e-mail address (the token is "mailto"); e-mail; then the standard rules (EMOJI ... HIRAGANA, catch-all).
import { BMP_CLASSES, CLASS_COUNT, classFeatures } from '../unicode/word-break-class-table.ts'
import { ASCII_TLDS, ASCII_TLD_PREFIXES_1, ASCII_TLD_PREFIXES_2 } from './ascii-tlds.ts'
import { alt, opt, plus, seq, star, type Regex } from './regex-nfa.ts'
import { RULE_TYPES, standardRules, type WordBreakAlphabet } from './standard-tokenizer-grammar.ts'

/** Non-ASCII code points keep their word-break class; ASCII char c is class CLASS_COUNT + c. */
export const URL_EMAIL_CLASS_COUNT = CLASS_COUNT + 128

export const URL_EMAIL_ALPHABET: WordBreakAlphabet = {
  classCount: URL_EMAIL_CLASS_COUNT,
  features: (classId) =>
    classFeatures(classId < CLASS_COUNT ? classId : (BMP_CLASSES[classId - CLASS_COUNT] ?? 0)),
}

const codes = (chars: string): number[] => [...chars].map((ch) => ch.charCodeAt(0))
const ascii = (...points: number[]): Regex => ({
  kind: 'set',
  classes: Array.from({ length: URL_EMAIL_CLASS_COUNT }, (_, id) => points.includes(id - CLASS_COUNT)),
})
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)
const chars = (text: string): Regex => ascii(...codes(text))
const lit = (text: string): Regex => seq(...[...text].map((ch) => chars(ch)))
/** A char matched in either ASCII case. */
const ciChar = (ch: string): Regex => chars(/[a-z]/i.test(ch) ? ch.toLowerCase() + ch.toUpperCase() : ch)
const ci = (text: string): Regex => seq(...[...text].map(ciChar))
/** r{min,max}. */
function rep(r: Regex, min: number, max: number): Regex {
  let tail: Regex | null = null
  for (let i = min; i < max; i++) tail = opt(tail ? seq(r, tail) : r)
  const head = Array.from({ length: min }, () => r)
  return seq(...head, ...(tail ? [tail] : []))
}

const DIGITS = range(0x30, 0x39)
const LETTERS = [...range(0x41, 0x5a), ...range(0x61, 0x7a)]
const HEX = [...DIGITS, ...range(0x41, 0x46), ...range(0x61, 0x66)]
const alnum = ascii(...LETTERS, ...DIGITS)
const digit = ascii(...DIGITS)
const hex = ascii(...HEX)

/** The words as one regex sharing their prefixes (each char in either case). */
function trie(words: readonly string[]): Regex {
  const groups = new Map<string, string[]>()
  let ends = false
  for (const word of words) {
    if (word === '') ends = true
    else groups.set(word.charAt(0), [...(groups.get(word.charAt(0)) ?? []), word.slice(1)])
  }
  const branches = [...groups].map(([first, rests]) => {
    const rest = rests.every((r) => r === '') ? null : trie(rests)
    return rest ? seq(ciChar(first), rest) : ciChar(first)
  })
  const body = branches.length === 1 ? (branches[0] as Regex) : alt(...branches)
  return ends ? opt(body) : body
}
const tld = (list: string): Regex => seq(lit('.'), trie(list.split(' ')), opt(lit('.')))
const asciiTld = tld(ASCII_TLDS)
const asciiTldPrefix1 = tld(ASCII_TLD_PREFIXES_1)
const asciiTldPrefix2 = tld(ASCII_TLD_PREFIXES_2)

const domainLabel = seq(alnum, opt(seq(star(ascii(...codes('-'), ...LETTERS, ...DIGITS)), alnum)))
const domainLabelSequence = seq(domainLabel, star(seq(lit('.'), domainLabel)))
const domainNameStrict = seq(domainLabelSequence, alt(asciiTld, asciiTldPrefix1, asciiTldPrefix2))
const domainNameLoose = domainLabelSequence

const octet = alt(
  seq(rep(lit('0'), 0, 2), digit),
  seq(opt(lit('0')), ascii(...range(0x31, 0x39)), digit),
  seq(lit('1'), digit, digit),
  seq(lit('2'), alt(seq(ascii(...range(0x30, 0x34)), digit), seq(lit('5'), ascii(...range(0x30, 0x35))))),
)
const ipv4 = seq(octet, rep(seq(lit('.'), octet), 3, 3))
const h16 = rep(hex, 1, 4)
const h16c = seq(h16, lit(':'))
const ls32 = alt(ipv4, seq(h16, lit(':'), h16))
const before = (max: number): Regex => opt(seq(rep(h16c, 0, max), h16))
const ipv6 = alt(
  seq(rep(h16c, 6, 6), ls32),
  seq(lit('::'), rep(h16c, 5, 5), ls32),
  seq(opt(h16), lit('::'), rep(h16c, 4, 4), ls32),
  seq(before(1), lit('::'), rep(h16c, 3, 3), ls32),
  seq(before(2), lit('::'), rep(h16c, 2, 2), ls32),
  seq(before(3), lit('::'), h16, lit(':'), ls32),
  seq(before(4), lit('::'), ls32),
  seq(before(5), lit('::'), h16),
  seq(before(6), lit('::')),
)

const unreserved = ascii(...codes('-._~'), ...LETTERS, ...DIGITS)
const percentEncoded = seq(lit('%'), hex, hex)
const subDelims = chars("!$&'()*+,;=")
const loginSegment = star(alt(unreserved, percentEncoded, subDelims))
const login = seq(loginSegment, opt(seq(lit(':'), loginSegment)), lit('@'))
const queryChar = alt(unreserved, percentEncoded, subDelims, chars(':@/?'))
const query = seq(lit('?'), star(queryChar))
const fragment = seq(lit('#'), star(queryChar))
const port = seq(lit(':'), rep(digit, 1, 5))
const bracketedIpv6 = seq(lit('['), ipv6, lit(']'))
const host = (domain: Regex): Regex => alt(bracketedIpv6, ipv4, domain)
const uriHostStrict = host(domainNameStrict)
const uriHostLoose = host(domainNameLoose)

const httpPath = plus(seq(lit('/'), star(alt(unreserved, percentEncoded, chars(';:@&=')))))
const httpUrlFull = seq(
  ci('http'),
  opt(ciChar('s')),
  lit('://'),
  opt(login),
  uriHostLoose,
  opt(port),
  opt(httpPath),
  opt(query),
  opt(fragment),
)
const httpUrlNoScheme = seq(
  uriHostStrict,
  alt(
    seq(port, opt(httpPath), opt(query), opt(fragment)),
    seq(opt(port), httpPath, opt(query), opt(fragment)),
    seq(opt(port), opt(httpPath), query, opt(fragment)),
    seq(opt(port), opt(httpPath), opt(query), fragment),
  ),
)
const fileSegment = star(alt(unreserved, percentEncoded, chars('?:@&=')))
const filePath = seq(lit('/'), fileSegment, star(seq(lit('/'), fileSegment)))
const ftpUrl = seq(
  ci('ftp'),
  lit('://'),
  opt(login),
  uriHostLoose,
  opt(port),
  filePath,
  opt(seq(lit(';'), ci('type'), lit('='), chars('aAiIdD'))),
  opt(fragment),
)
const fileUrl = seq(ci('file'), lit('://'), opt(uriHostLoose), filePath, opt(fragment))
const url = alt(httpUrlFull, httpUrlNoScheme, ftpUrl, fileUrl)

const ASCII_ALL = range(0, 0x7f)
const backslashPair = seq(lit('\\'), ascii(...ASCII_ALL))
const quotedString = seq(
  lit('"'),
  star(
    alt(
      ascii(
        ...range(0x01, 0x08),
        0x0b,
        0x0c,
        ...range(0x0e, 0x21),
        ...range(0x23, 0x5b),
        ...range(0x5d, 0x7e),
      ),
      backslashPair,
    ),
  ),
  lit('"'),
)
const atomText = ascii(...LETTERS, ...DIGITS, ...codes("!#$%&'*+-/=?^_`{|}~"))
const emailLabel = alt(plus(atomText), quotedString)
const localPart = seq(emailLabel, star(seq(lit('.'), emailLabel)))
const domainLiteralText = alt(
  ascii(...range(0x01, 0x08), 0x0b, 0x0c, ...range(0x0e, 0x5a), ...range(0x5e, 0x7f)),
  backslashPair,
)
const bracketedHost = seq(
  lit('['),
  alt(star(domainLiteralText), ipv4, seq(ci('ipv'), lit('6:'), ipv6)),
  lit(']'),
)
const email = seq(localPart, lit('@'), alt(domainNameStrict, bracketedHost))

/**
 * How a rule's match becomes a token: 'token' a token of the rule's type; 'before-non-word' only before a char
 * that is neither '-' nor a word char, which is not part of the token; 'avoid-before-word' only before '-' or a
 * word char, and then no token: the scanner rescans from the same place with the six host rules off;
 * 'initial-token' a token that the rescan does not see; 'mailto' a token of the first 6 chars; 'skip' skipped.
 */
export type RuleKind = 'token' | 'before-non-word' | 'avoid-before-word' | 'initial-token' | 'mailto' | 'skip'

export interface UrlEmailRule {
  regex: Regex
  kind: RuleKind
  type: string
}

const standard = standardRules(URL_EMAIL_ALPHABET)
const hostRules = (tldPart: Regex): UrlEmailRule[] => {
  const strict = host(seq(domainLabelSequence, tldPart))
  return [
    { regex: strict, kind: 'avoid-before-word', type: '<URL>' },
    { regex: strict, kind: 'initial-token', type: '<URL>' },
  ]
}

/** The rules in the grammar's order; the last is the catch-all. */
export const URL_EMAIL_RULES: readonly UrlEmailRule[] = [
  { regex: url, kind: 'token', type: '<URL>' },
  { regex: uriHostStrict, kind: 'before-non-word', type: '<URL>' },
  ...hostRules(asciiTld),
  ...hostRules(asciiTldPrefix1),
  ...hostRules(asciiTldPrefix2),
  { regex: seq(ci('mailto'), lit(':'), email), kind: 'mailto', type: '<ALPHANUM>' },
  { regex: email, kind: 'token', type: '<EMAIL>' },
  ...standard.map((regex, i): UrlEmailRule => ({
    regex,
    kind: i === RULE_TYPES.length ? 'skip' : 'token',
    type: RULE_TYPES[i] ?? '',
  })),
]
