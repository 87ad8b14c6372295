// Lucene's RSLPStemmerBase (org.apache.lucene.analysis.pt): the machine that runs an RSLP rule set, the
// steps of rslp-portuguese-steps.ts (pt/portuguese.rslp) and rslp-galician-steps.ts (gl/galician.rslp).
// A step is an ordered list of rules. It is skipped when the word is shorter than the step's minimum word
// length (when the data gives 0, the least of suffix length plus minimum stem over its rules) or, when it
// has conditions, ends with none of them. Otherwise the first rule that matches fires and the step ends.
// A rule matches when the word ends with its suffix, at least `minStem` UTF-16 units stay before the
// suffix, and no exception holds: with `exceptions: 'word'` an exception is the whole word, with
// 'suffix' the word ends with it. Firing replaces the suffix with the replacement (often empty).
// Invariant (RSLPStemmerBase refuses the rule file otherwise): every exception ends with its rule's suffix;
// compileRslpSteps checks it.

/** A rule: suffix, minimum stem length, replacement ('' when absent), space-separated exceptions. */
export type RslpRuleData = readonly [
  suffix: string,
  minStem: number,
  replacement?: string,
  exceptions?: string,
]

/** A step as the rule file states it. */
export interface RslpStepData {
  readonly name: string
  /** Shorter words skip the step; 0 means: computed from the rules. */
  readonly minWordLength: number
  /** How the rules' exceptions match: the whole word (a set) or a word end. */
  readonly exceptions: 'word' | 'suffix'
  /** When non-empty, the word must end with one of these to enter the step. */
  readonly conditions: readonly string[]
  readonly rules: readonly RslpRuleData[]
}

interface RslpRule {
  readonly suffix: string
  readonly minStem: number
  readonly replacement: string
  readonly excepted: (word: string) => boolean
}

/** A compiled step: the word after the step (the word itself when no rule fired). */
export type RslpStep = (word: string) => string

function compileRule(
  [suffix, minStem, replacement = '', exceptions]: RslpRuleData,
  kind: 'word' | 'suffix',
): RslpRule {
  const list = exceptions === undefined ? [] : exceptions.split(' ')
  const useless = list.find((exception) => !exception.endsWith(suffix))
  if (useless !== undefined) throw new Error(`useless exception '${useless}' does not end with '${suffix}'`)
  const words = new Set(list)
  const excepted =
    kind === 'word'
      ? (word: string) => words.has(word)
      : (word: string) => list.some((exception) => word.endsWith(exception))
  return { suffix, minStem, replacement, excepted }
}

function matches(rule: RslpRule, word: string): boolean {
  return (
    word.length - rule.suffix.length >= rule.minStem && word.endsWith(rule.suffix) && !rule.excepted(word)
  )
}

function compileStep(data: RslpStepData): RslpStep {
  const rules = data.rules.map((rule) => compileRule(rule, data.exceptions))
  const minWordLength =
    data.minWordLength > 0
      ? data.minWordLength
      : Math.min(...rules.map((rule) => rule.minStem + rule.suffix.length))
  return (word) => {
    if (word.length < minWordLength) return word
    if (data.conditions.length > 0 && !data.conditions.some((condition) => word.endsWith(condition)))
      return word
    const rule = rules.find((candidate) => matches(candidate, word))
    return rule ? word.slice(0, word.length - rule.suffix.length) + rule.replacement : word
  }
}

/** RSLPStemmerBase.parse: the steps by name. */
export function compileRslpSteps(steps: readonly RslpStepData[]): ReadonlyMap<string, RslpStep> {
  return new Map(steps.map((step) => [step.name, compileStep(step)]))
}
