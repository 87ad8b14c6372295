// Java regular expressions (java.util.regex, what the pattern tokenizer and the pattern_replace char
// filter compile) as JavaScript RegExps, and Java's Matcher.appendReplacement syntax for replacements.
// `flags` is Elasticsearch's Regex.flagsFromString: Pattern constant names joined by "|".
// Translated: \A, \z, \Z, possessive quantifiers (run greedy), a leading inline (?i)/(?s)/(?m), and the
// POSIX classes \p{Alpha}, \p{Digit}, \p{Alnum}, \p{Punct}, \p{Upper}, \p{Lower}, \p{Space}. Other syntax
// is handed to RegExp as written; a pattern RegExp rejects is an illegal_argument_exception.
import { IllegalArgumentException } from '../token-list.ts'

const JAVA_FLAGS: ReadonlyMap<string, string> = new Map([
  ['CASE_INSENSITIVE', 'i'],
  ['MULTILINE', 'm'],
  ['DOTALL', 's'],
  ['UNICODE_CASE', ''],
  ['CANON_EQ', ''],
  ['UNIX_LINES', ''],
  ['LITERAL', ''],
  ['COMMENTS', ''],
  ['UNICODE_CHARACTER_CLASS', ''],
])

const POSIX_CLASSES: ReadonlyMap<string, string> = new Map([
  ['Alpha', 'a-zA-Z'],
  ['Digit', '0-9'],
  ['Alnum', 'a-zA-Z0-9'],
  ['Upper', 'A-Z'],
  ['Lower', 'a-z'],
  ['Punct', '!-\\/:-@\\[-`{-~'],
  ['Space', ' \\t\\n\\x0B\\f\\r'],
])

function parseFlags(flags: string | undefined): Set<string> {
  const names = new Set<string>()
  for (const name of (flags ?? '').split('|')) {
    const trimmed = name.trim()
    if (trimmed === '') continue
    if (!JAVA_FLAGS.has(trimmed)) throw new IllegalArgumentException(`Unknown regex flag [${trimmed}]`)
    names.add(trimmed)
  }
  return names
}

/**
 * Java's `\Z` (and `$` outside MULTILINE mode) in JavaScript: the end of the input, or before a line terminator
 * (`\r\n`, `\n`, `\r`, U+0085, U+2028, U+2029) that ends it, never between the `\r` and `\n` of one.
 */
export const JAVA_END = '(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))'

/** Compiles a Java pattern with Elasticsearch's `flags` string into a global JavaScript RegExp. */
export function compileJavaPattern(pattern: string, flags?: string): RegExp {
  const names = parseFlags(flags)
  let jsFlags = 'g'
  for (const name of names) jsFlags += JAVA_FLAGS.get(name) ?? ''
  let source = pattern
  if (names.has('LITERAL')) source = pattern.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
  else {
    const inline = /^\(\?([ism]+)\)/.exec(source)
    if (inline) {
      for (const flag of inline[1] ?? '') if (!jsFlags.includes(flag)) jsFlags += flag
      source = source.slice(inline[0].length)
    }
    source = source
      .replace(/\\p\{(Alpha|Digit|Alnum|Upper|Lower|Punct|Space)\}/g, (_, name: string) => {
        return `[${POSIX_CLASSES.get(name) ?? ''}]`
      })
      .replace(/\\A/g, '(?<![\\s\\S])')
      .replace(/\\z/g, '(?![\\s\\S])')
      .replace(/\\Z/g, JAVA_END)
      .replace(/([*+?}])\+/g, '$1')
    if (/\\p\{/.test(source)) jsFlags += 'u'
  }
  try {
    return new RegExp(source, jsFlags)
  } catch (error) {
    throw new IllegalArgumentException(error instanceof Error ? error.message : String(error))
  }
}

/** Matcher.appendReplacement's expansion: `$n` and `${name}` are groups, a backslash escapes one char. */
export function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = ''
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!
    if (ch === '\\') {
      i++
      if (i >= replacement.length) throw new IllegalArgumentException('character to be escaped is missing')
      out += replacement[i]
    } else if (ch === '$') {
      i++
      if (replacement[i] === '{') {
        const close = replacement.indexOf('}', i)
        const name = replacement.slice(i + 1, close < 0 ? replacement.length : close)
        const group = match.groups?.[name]
        if (close < 0 || !match.groups || !(name in match.groups)) {
          throw new IllegalArgumentException(`No group with name {${name}}`)
        }
        out += group ?? ''
        i = close
      } else {
        let digits = replacement[i] ?? ''
        if (!/[0-9]/.test(digits)) throw new IllegalArgumentException('Illegal group reference')
        let group = Number(digits)
        if (group >= match.length) throw new IllegalArgumentException(`No group ${group}`)
        // Java takes further digits while the group number stays valid.
        while (
          /[0-9]/.test(replacement[i + 1] ?? '') &&
          group * 10 + Number(replacement[i + 1]) < match.length
        ) {
          digits += replacement[++i]
          group = Number(digits)
        }
        out += match[group] ?? ''
      }
    } else out += ch
  }
  return out
}
