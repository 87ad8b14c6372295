/**
 * DissectParser and DissectMatch (libs/dissect, ES 8): a dissect pattern split into key/delimiter pairs, and
 * the match of an input string against them.
 *
 * Pattern: the text before the first `%{` (up to a line terminator) is the leading delimiter; then each
 * `%{key}` takes as its delimiter the text up to the next `%{` (at least one character, else all the rest:
 * `%{a}%{b}` is one key `a` with the delimiter `%{b}`). Errors (DissectException): no pairs or no kept key
 * `Unable to find any keys or delimiters.`; a `*`/`&` name not used exactly twice `Found invalid
 * key/reference associations: 'a,a,a' Please ensure each '*<key>' is matched with a matching '&<key>`.
 * A plain key sharing a name with a `+` key becomes a `+` key.
 *
 * Matching walks the input's UTF-8 bytes (the leading delimiter is skipped by its length in chars, as ES
 * does): each delimiter's first occurrence ends the current value; repeated delimiters give the next keys
 * empty values, or are skipped after a `->` key; the last key takes the rest when its delimiter is empty.
 * The match is valid when every pair got a value and the results have as many names as the pattern keeps.
 * Results: plain values, then each `*` value naming its `&` value, then the `+` values joined by the
 * append separator in their `/n` order (the others, in order, before them), in the iteration order of
 * ES's result HashMap; values are strings.
 */
import type { EsException } from '../../errors/index.ts'
import { javaHashMapKeyOrder, javaStringKeyOrder } from '../../../net/java-hash.ts'
import { dissectException } from './dissect-exception.ts'
import { parseDissectKey, type DissectKey } from './dissect-key.ts'

interface DissectPair {
  readonly key: DissectKey
  readonly delimiter: Uint8Array
}

const LEADING_DELIMITER = /^([^\n\r\u0085\u2028\u2029]*?)%\{/
const KEY_DELIMITER_FIELD = /%\{([^}]*?)\}(.+?(?=%\{)|.*$)/gs
const IMPLICIT_APPEND_ORDER = -1000

const utf8 = new TextEncoder()
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/** What every match of one pattern is checked and shaped against (DissectMatch's constructor arguments). */
interface DissectShape {
  readonly appendSeparator: string
  /** The keys of the pattern, skipped ones included: a full match adds this many values. */
  readonly maxMatches: number
  /** The distinct names a valid match yields. */
  readonly maxResults: number
  readonly appendCount: number
  /** Twice the reference names: each has a `*` key and a `&` key. */
  readonly referenceCount: number
}

export class DissectParser {
  private readonly leadingDelimiter: string
  private readonly pairs: readonly DissectPair[]
  private readonly shape: DissectShape

  constructor(
    readonly pattern: string,
    appendSeparator: string,
  ) {
    this.leadingDelimiter = LEADING_DELIMITER.exec(pattern)?.[1] ?? ''
    let pairs: DissectPair[] = []
    for (const match of pattern.slice(this.leadingDelimiter.length).matchAll(KEY_DELIMITER_FIELD)) {
      pairs.push({ key: parseDissectKey(match[1]!), delimiter: utf8.encode(match[2]) })
    }
    const maxResults = new Set(pairs.filter((p) => !p.key.skip).map((p) => p.key.name)).size
    if (pairs.length === 0 || maxResults === 0) {
      throw this.patternParse('Unable to find any keys or delimiters.')
    }
    const appendNames = new Set(
      pairs
        .filter((p) => p.key.modifier === 'APPEND' || p.key.modifier === 'APPEND_WITH_ORDER')
        .map((p) => p.key.name),
    )
    pairs = pairs.map((p) =>
      p.key.modifier === 'NONE' && appendNames.has(p.key.name)
        ? { key: { ...p.key, modifier: 'APPEND' }, delimiter: p.delimiter }
        : p,
    )
    const references = new Map<string, number>()
    for (const { key } of pairs) {
      if (key.modifier === 'FIELD_NAME' || key.modifier === 'FIELD_VALUE') {
        references.set(key.name, (references.get(key.name) ?? 0) + 1)
      }
    }
    for (const name of javaStringKeyOrder([...references.keys()])) {
      const count = references.get(name)!
      if (count !== 2) {
        throw this.patternParse(
          `Found invalid key/reference associations: '${Array<string>(count).fill(name).join(',')}' ` +
            "Please ensure each '*<key>' is matched with a matching '&<key>",
        )
      }
    }
    this.pairs = pairs
    this.shape = {
      appendSeparator,
      maxMatches: pairs.length,
      maxResults,
      appendCount: appendNames.size,
      referenceCount: references.size * 2,
    }
  }

  private patternParse(reason: string): EsException {
    return dissectException('PatternParse', `Unable to parse pattern: ${this.pattern} Reason: ${reason}`)
  }

  /** The field values, in the order ES sets them; throws FindMatch when the input does not match. */
  forceParse(input: string): Map<string, string | null> {
    const results = this.parse(input)
    if (results !== null) return results
    throw dissectException(
      'FindMatch',
      `Unable to find match for dissect pattern: ${this.pattern} against source: ${input}`,
    )
  }

  /** The names a match sets, in pattern order (skipped keys and `*`/`&` references left out). */
  keyNames(): string[] {
    const named = this.pairs.filter(
      (p) => !p.key.skip && p.key.modifier !== 'FIELD_NAME' && p.key.modifier !== 'FIELD_VALUE',
    )
    return [...new Set(named.map((p) => p.key.name))]
  }

  parse(input: string): Map<string, string | null> | null {
    const match = new DissectMatch(this.shape)
    const lead = this.leadingDelimiter
    if (input.length > lead.length && input.startsWith(lead)) this.walk(utf8.encode(input), match)
    return match.fullyMatched() ? match.results() : null
  }

  private walk(input: Uint8Array, match: DissectMatch): void {
    let next = 0
    let { key, delimiter } = this.pairs[next++]!
    let i = this.leadingDelimiter.length
    let valueStart = i
    while (i < input.length) {
      if (delimiter.length === 0 || !startsWithAt(input, i, delimiter)) {
        i++
        continue
      }
      match.add(key, decode(input, valueStart, i))
      i += delimiter.length
      // Repeated delimiters: empty values for the next keys, unless this key skips its right padding.
      while (i < input.length && startsWithAt(input, i, delimiter)) {
        i += delimiter.length
        if (key.skipRightPadding) continue
        if (next >= this.pairs.length) break
        key = this.pairs[next++]!.key
        match.add(key, '')
      }
      if (next >= this.pairs.length) break
      const pair = this.pairs[next++]!
      key = pair.key
      delimiter = pair.delimiter
      valueStart = i
    }
    if (!match.fullyMatched() && delimiter.length === 0)
      match.add(key, decode(input, valueStart, input.length))
  }
}

function startsWithAt(input: Uint8Array, at: number, delimiter: Uint8Array): boolean {
  if (at + delimiter.length > input.length) return false
  for (let j = 0; j < delimiter.length; j++) if (input[at + j] !== delimiter[j]) return false
  return true
}

/** new String(bytes, UTF_8): malformed sequences become U+FFFD. */
function decode(input: Uint8Array, from: number, to: number): string {
  return utf8Decoder.decode(input.subarray(from, to))
}

interface AppendValue {
  readonly value: string
  readonly order: number
}

/** DissectMatch: the values found so far, by kind of key. */
class DissectMatch {
  private matches = 0
  private implicitAppendOrder = IMPLICIT_APPEND_ORDER
  private readonly simple = new Map<string, string>()
  private readonly references = new Map<string, { key: string | null; value: string | null }>()
  private readonly appends = new Map<string, AppendValue[]>()

  constructor(private readonly shape: DissectShape) {}

  add(key: DissectKey, value: string): void {
    this.matches++
    if (key.skip) return
    switch (key.modifier) {
      case 'NONE':
        this.simple.set(key.name, value)
        break
      case 'APPEND':
      case 'APPEND_WITH_ORDER': {
        const order = key.modifier === 'APPEND' ? this.implicitAppendOrder++ : key.appendPosition
        const values = this.appends.get(key.name) ?? []
        values.push({ value, order })
        this.appends.set(key.name, values)
        break
      }
      default: {
        const reference = this.references.get(key.name) ?? { key: null, value: null }
        if (key.modifier === 'FIELD_NAME') reference.key = value
        else reference.value = value
        this.references.set(key.name, reference)
      }
    }
  }

  fullyMatched(): boolean {
    return this.matches === this.shape.maxMatches
  }

  /** getResults and isValid: null when the results do not have `maxResults` names. */
  results(): Map<string, string | null> | null {
    const { appendSeparator, maxMatches, maxResults, appendCount, referenceCount } = this.shape
    const simpleCount = maxMatches - referenceCount - appendCount
    const values = new Map<string, string | null>()
    for (const name of javaHashMapKeyOrder([...this.simple.keys()], simpleCount))
      values.set(name, this.simple.get(name)!)
    for (const name of javaHashMapKeyOrder([...this.references.keys()], referenceCount)) {
      const reference = this.references.get(name)!
      // A null key is HashMap's null key; setting it fails as an empty path does.
      values.set(reference.key ?? '', reference.value)
    }
    for (const name of javaHashMapKeyOrder([...this.appends.keys()], appendCount)) {
      const ordered = [...this.appends.get(name)!].sort((a, b) => a.order - b.order)
      values.set(name, ordered.map((v) => v.value).join(appendSeparator))
    }
    if (values.size !== maxResults) return null
    // The result HashMap is made for maxResults entries, and grows for the plain values it is given first.
    let initial = maxResults
    if (this.simple.size > 0) initial = Math.max(initial, Math.trunc(this.simple.size / 0.75 + 1))
    const order = javaHashMapKeyOrder([...values.keys()], initial)
    return new Map(order.map((name) => [name, values.get(name)!]))
  }
}
