// Lucene's MappingCharFilter as Elasticsearch's `mapping` char filter configures it: at each position the
// longest key that matches is replaced by its value (keys never overlap a previous replacement), with the
// offset map of CharFilterOutput. Rules are "key => value" lines (MappingCharFilterFactory.parseMappings):
// both sides trimmed, with \\, \t, \n, \r, \f, \b and \uXXXX escapes; a key may not be empty.
import type { CharFilter } from '../custom/char-filter.ts'
import { CharFilterOutput, type FilteredText } from '../custom/offset-corrections.ts'
import { IllegalArgumentException } from '../token-list.ts'

const RULE = /^(.*)\s*=>\s*(.*)\s*$/s
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', t: '\t', n: '\n', r: '\r', f: '\f', b: '\b' }

function unescape(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch
      continue
    }
    const next = text[++i]!
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16))
      i += 4
    } else out += ESCAPES[next] ?? next
  }
  return out
}

/** Parses `mappings` rules into key -> replacement. */
export function parseMappingRules(rules: readonly string[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const rule of rules) {
    const match = RULE.exec(rule)
    if (!match) throw new IllegalArgumentException(`Invalid Mapping Rule : [${rule}]`)
    const key = unescape((match[1] ?? '').trim())
    if (key === '') throw new IllegalArgumentException('cannot match the empty string')
    map.set(key, unescape((match[2] ?? '').trim()))
  }
  return map
}

export class MappingCharFilter implements CharFilter {
  private readonly maxKeyLength: number

  constructor(
    readonly name: string,
    private readonly mappings: ReadonlyMap<string, string>,
  ) {
    this.maxKeyLength = Math.max(0, ...[...mappings.keys()].map((key) => key.length))
  }

  filter(text: string): FilteredText {
    const out = new CharFilterOutput()
    let copiedFrom = 0
    let i = 0
    while (i < text.length) {
      let matched = 0
      for (let length = Math.min(this.maxKeyLength, text.length - i); length > 0; length--) {
        if (this.mappings.has(text.slice(i, i + length))) {
          matched = length
          break
        }
      }
      if (matched === 0) {
        i++
        continue
      }
      out.append(text.slice(copiedFrom, i))
      out.replace(matched, this.mappings.get(text.slice(i, i + matched)) ?? '')
      i += matched
      copiedFrom = i
    }
    out.append(text.slice(copiedFrom))
    return out.finish()
  }
}
