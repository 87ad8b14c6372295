/**
 * Java regular expressions for split, gsub and kv, made safe to run on a learner's pattern. The pattern goes
 * through the analysis module's Java→JavaScript translation (compileJavaPattern), after a check that
 * refuses the shapes that make a backtracking engine take exponential time: a quantified group that
 * itself holds a quantifier or an alternation (`(a+)+`, `(a|a)*`, `(a?a?)*`) and backreferences.
 * What is left backtracks at most polynomially in the input, so no pattern can hang the node.
 * Also Matcher.replaceAll with `$n` / `${name}` replacements, and JAVA_END, Java's `$`, for patterns
 * written here in JavaScript (Java's split is the shared patternSplit in workers/net).
 */
import { illegalArgumentException } from '../errors/index.ts'
import { compileJavaPattern, expandReplacement } from '../analysis/custom/java-pattern.ts'

/** Java's `$`, for JavaScript patterns written by hand (java-pattern.ts). */
export { JAVA_END } from '../analysis/custom/java-pattern.ts'

/** A global RegExp for a Java pattern, or an illegal_argument_exception saying why it is refused. */
export function safeJavaPattern(pattern: string): RegExp {
  const compiled = compileSafeJavaPattern(pattern)
  if (typeof compiled === 'string') throw illegalArgumentException(compiled)
  return compiled
}

/**
 * A global RegExp for a Java pattern, or the reason Java's compiler refuses it (PatternSyntaxException's
 * message); the playground's refusal of a backtracking shape is thrown (an illegal_argument_exception).
 */
export function compileSafeJavaPattern(pattern: string): RegExp | string {
  refuseBacktracking(pattern)
  try {
    return compileJavaPattern(pattern)
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

function refuseBacktracking(pattern: string): void {
  const refusal = backtrackingRisk(pattern)
  if (refusal !== null) {
    throw illegalArgumentException(
      `regex [${pattern}] is not supported in the playground: ${refusal} can backtrack exponentially`,
    )
  }
}

interface Group {
  risky: boolean
}

function backtrackingRisk(pattern: string): string | null {
  const stack: Group[] = [{ risky: false }]
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    const top = stack[stack.length - 1]!
    if (c === '\\') {
      const next = pattern[i + 1] ?? ''
      if (!inClass && /[1-9k]/.test(next)) return 'a backreference'
      i++
    } else if (inClass) {
      if (c === ']') inClass = false
    } else if (c === '[') inClass = true
    else if (c === '(') stack.push({ risky: false })
    else if (c === ')') {
      const group = stack.pop()
      if (group === undefined || stack.length === 0) return null
      const quantified = isQuantifier(pattern, i + 1)
      if (group.risky && quantified) return 'a quantified group holding a quantifier or an alternation'
      if (group.risky || quantified) stack[stack.length - 1]!.risky = true
    } else if (c === '|') top.risky = true
    else if (isQuantifier(pattern, i)) top.risky = true
  }
  return null
}

function isQuantifier(pattern: string, at: number): boolean {
  const c = pattern[at]
  if (c === '*' || c === '+') return true
  // `?` quantifies unless it opens a group construct `(?` or makes a quantifier lazy `*?`.
  if (c === '?') return !/[(*+?}]/.test(pattern[at - 1] ?? '(')
  if (c === '{')
    return /^\{\d+(,\d*)?\}/.test(pattern.slice(at)) && !/^\{(\d+)(,\1)?\}/.test(pattern.slice(at))
  return false
}

/**
 * Matcher.replaceAll over a global RegExp (its `lastIndex` is reset first): every match replaced, `$1` and
 * `${name}` expanded, `\` escaping one char.
 */
export function javaReplaceAll(input: string, pattern: RegExp, replacement: string): string {
  pattern.lastIndex = 0
  let out = ''
  let last = 0
  for (let m = pattern.exec(input); m !== null; m = pattern.exec(input)) {
    out += input.slice(last, m.index) + expandReplacement(replacement, m)
    last = m.index + m[0].length
    if (m[0].length === 0) {
      if (m.index >= input.length) break
      pattern.lastIndex++
    }
  }
  return out + input.slice(last)
}
