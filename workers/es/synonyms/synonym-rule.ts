/**
 * SynonymRule (ES 8.17 org.elasticsearch.synonyms.SynonymRule): a rule of a synonyms set, `{"id", "synonyms"}`, the
 * `synonyms` text in Solr format. `validateSynonymRule` is SynonymRule.validate, the check made before a rule is
 * stored, outside any analyzer: the text split on `=>` and then on `,` the way Lucene's SolrSynonymParser splits
 * (a backslash keeps the next character), every side and every term non-blank. Its messages:
 *   "[synonyms] field can't be empty", "More than one explicit mapping specified in the same synonyms rule: [r]",
 *   "Incorrect syntax for [synonyms]: [r]".
 */

export interface SynonymRule {
  readonly id: string
  readonly synonyms: string
}

/** SolrSynonymParser.split: the parts of `text` between `separator`s, empty parts dropped. */
function splitRule(text: string, separator: string): string[] {
  const parts: string[] = []
  let part = ''
  let pos = 0
  while (pos < text.length) {
    if (text.startsWith(separator, pos)) {
      if (part.length > 0) parts.push(part)
      part = ''
      pos += separator.length
      continue
    }
    let ch = text[pos++]!
    if (ch === '\\') {
      part += ch
      if (pos >= text.length) break
      ch = text[pos++]!
    }
    part += ch
  }
  if (part.length > 0) parts.push(part)
  return parts
}

/** Java's String.trim: strips the characters up to U+0020 at both ends. */
function isBlank(text: string): boolean {
  for (const ch of text) if (ch > ' ') return false
  return true
}

/** SynonymRule.validate: null when the rule is valid, else its error message. */
export function validateSynonymRule(synonyms: string): string | null {
  if (synonyms.length === 0) return "[synonyms] field can't be empty"
  const incorrect = `Incorrect syntax for [synonyms]: [${synonyms}]`
  const sides = splitRule(synonyms, '=>')
  if (sides.length > 1) {
    if (sides.length !== 2)
      return `More than one explicit mapping specified in the same synonyms rule: [${synonyms}]`
    const terms = [...splitRule(sides[0]!, ','), ...splitRule(sides[1]!, ',')]
    return terms.some(isBlank) ? incorrect : null
  }
  return splitRule(synonyms, ',').some(isBlank) ? incorrect : null
}
