// Lucene's SolrSynonymParser as Elasticsearch's synonym filters use it (dedup on): one rule per line,
// '#' comment lines and blank lines skipped, terms split on unescaped commas, backslash escapes.
//   "a, b => c, d"   explicit: each input maps to every output, the input itself not kept;
//   "a, b, c"        equivalent (expand true): each maps to every other one, keeping itself;
//   "a, b, c"        (expand false): each maps to the first one, the input not kept.
// Every term is analyzed by the chain before the filter (tokenizer + earlier filters), so a rule's
// terms are word sequences; a term that analyzes to nothing is an error unless `lenient` skips the rule.
// SynonymMap: input word sequence (joined by U+0000) -> outputs in rule order, and whether to keep it.
import { IllegalArgumentException } from '../token-list.ts'

export const WORD_SEPARATOR = '\u0000'

export interface SynonymEntry {
  outputs: string[][]
  keepOriginal: boolean
}

export type SynonymMap = Map<string, SynonymEntry>

function splitTerms(text: string): string[] {
  const terms: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '\\' && i + 1 < text.length) current += text[++i]
    else if (ch === ',') {
      terms.push(current.trim())
      current = ''
    } else current += ch
  }
  terms.push(current.trim())
  return terms.filter((term) => term !== '')
}

export function parseSolrSynonyms(
  rules: readonly string[],
  expand: boolean,
  lenient: boolean,
  analyze: (text: string) => string[],
): SynonymMap {
  const map: SynonymMap = new Map()
  const add = (input: string[], output: string[], keepOriginal: boolean): void => {
    const key = input.join(WORD_SEPARATOR)
    const entry = map.get(key) ?? { outputs: [], keepOriginal: false }
    if (!entry.outputs.some((existing) => existing.join(WORD_SEPARATOR) === output.join(WORD_SEPARATOR))) {
      entry.outputs.push(output)
    }
    entry.keepOriginal ||= keepOriginal
    map.set(key, entry)
  }
  const words = (term: string, line: number): string[] => {
    const analyzed = analyze(term)
    if (analyzed.length === 0) {
      throw new IllegalArgumentException(
        `failed to build synonyms: Invalid synonym rule at line ${line}: term: ${term} analyzed to a zero-length token`,
      )
    }
    return analyzed
  }
  const lines = rules.flatMap((rule) => rule.split('\n'))
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    try {
      const sides = line.split('=>')
      if (sides.length > 2) {
        throw new IllegalArgumentException(
          `failed to build synonyms: Invalid synonym rule at line ${index + 1}: more than one explicit mapping specified on the same line`,
        )
      }
      if (sides.length === 2) {
        const inputs = splitTerms(sides[0] ?? '').map((term) => words(term, index + 1))
        const outputs = splitTerms(sides[1] ?? '').map((term) => words(term, index + 1))
        for (const input of inputs) for (const output of outputs) add(input, output, false)
        return
      }
      const inputs = splitTerms(line).map((term) => words(term, index + 1))
      inputs.forEach((input, i) => {
        if (!expand) add(input, inputs[0] ?? input, false)
        else inputs.forEach((output, j) => i !== j && add(input, output, true))
      })
    } catch (error) {
      if (!lenient) throw error
    }
  })
  return map
}
