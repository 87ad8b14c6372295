/**
 * Painless' regexes (the "Regexes" page of the language specification, ERegex, the java.util.regex allowlist and
 * Augmentation's String.replaceAll / replaceFirst with a Function), over java-regex.ts's matcher:
 *
 * - `/pattern/flags` is compiled with the script; flags `c i l m s U u x` are Pattern's CANON_EQ, CASE_INSENSITIVE,
 *   LITERAL, MULTILINE, DOTALL, UNICODE_CHARACTER_CLASS, UNICODE_CASE and COMMENTS; a bad pattern is the compile
 *   error "Error compiling regex: <PatternSyntaxException's description>" at the literal's offset + 1 + its index;
 * - `text =~ /p/` is `p.matcher(text).find()`, `text ==~ /p/` is `p.matcher(text).matches()`;
 * - Pattern: matcher, pattern, flags, split (a String[]), asPredicate, toString; Matcher: matches, find, lookingAt,
 *   group, groupCount, start, end, namedGroup, replaceAll / replaceFirst (with `$1` / `${name}` references),
 *   reset, pattern;
 * - ES 8's `script.painless.regex.enabled: limited` with `script.painless.regex.limit-factor` 6: every match reads
 *   its input through a LimitedCharSequence that allows 6 × the input's length character reads and then throws
 *   CircuitBreakingException "[scripting] Regular expression considered too many characters, pattern: [...], limit
 *   factor: [6], char limit: [...], count: [...], wrapped: [...], this limit can be changed by changed by the
 *   [script.painless.regex.limit-factor] setting" (the input shown up to 64 characters, else its first 61 and `...`).
 */
import { FUNCTION, FunctionRef, functionArg } from './painless-lambdas.ts'
import { JavaRegex, type CharReader } from './java-regex.ts'
import {
  CANON_EQ,
  CASE_INSENSITIVE,
  COMMENTS,
  DOTALL,
  LITERAL,
  MULTILINE,
  PatternSyntaxError,
  RegexUnsupported,
  UNICODE_CASE,
  UNICODE_CHARACTER_CLASS,
} from './java-regex-syntax.ts'
import { HostObject, JavaArray, Num, className, type Value } from './painless-values.ts'
import {
  JavaException,
  ScriptCompileError,
  classCast,
  illegalArgument,
  nullPointer,
} from './script-errors.ts'

/** ES 8's default `script.painless.regex.limit-factor`. */
export const REGEX_LIMIT_FACTOR = 6
const SNIPPET_LIMIT = 64

const FLAGS: Readonly<Record<string, number>> = {
  c: CANON_EQ,
  i: CASE_INSENSITIVE,
  l: LITERAL,
  m: MULTILINE,
  s: DOTALL,
  U: UNICODE_CHARACTER_CLASS,
  u: UNICODE_CASE,
  x: COMMENTS,
}

/** ERegex: the Pattern a `/pattern/flags` literal at `offset` stands for, or its compile error. */
export function compileRegexLiteral(pattern: string, flags: string, offset: number): JavaPattern {
  let bits = 0
  for (const flag of flags) bits |= FLAGS[flag]!
  try {
    return new JavaPattern(new JavaRegex(pattern, bits))
  } catch (error) {
    if (error instanceof PatternSyntaxError) {
      throw new ScriptCompileError(`Error compiling regex: ${error.description}`, offset + 1 + error.index)
    }
    if (error instanceof RegexUnsupported) {
      throw new ScriptCompileError(
        `Error compiling regex: ${error.message} is not supported by this playground`,
        offset,
      )
    }
    throw error
  }
}

/** LimitedCharSequence: the input a match reads, counting its reads against the limit. */
class LimitedChars implements CharReader {
  private count = 0
  private readonly limit: number

  constructor(
    private readonly text: string,
    private readonly pattern: string,
  ) {
    this.limit = REGEX_LIMIT_FACTOR * text.length
  }

  get length(): number {
    return this.text.length
  }

  charAt(index: number): number {
    if (++this.count > this.limit) {
      const wrapped =
        this.text.length <= SNIPPET_LIMIT ? this.text : this.text.slice(0, SNIPPET_LIMIT - 3) + '...'
      throw new JavaException(
        'CircuitBreakingException',
        `[scripting] Regular expression considered too many characters, pattern: [${this.pattern}], limit factor: ` +
          `[${REGEX_LIMIT_FACTOR}], char limit: [${this.limit}], count: [${this.count}], wrapped: [${wrapped}], ` +
          'this limit can be changed by changed by the [script.painless.regex.limit-factor] setting',
        [
          ['bytes_wanted', 0],
          ['bytes_limit', 0],
          ['durability', 'TRANSIENT'],
        ],
      )
    }
    return this.text.charCodeAt(index)
  }
}

function charSequence(value: Value): string {
  if (typeof value === 'string') return value
  if (value === null)
    throw nullPointer('Cannot invoke "java.lang.CharSequence.length()" because "input" is null')
  throw classCast(`Cannot cast ${className(value)} to java.lang.CharSequence`)
}

function int(value: Value): number {
  if (value instanceof Num && value.kind === 'int') return value.value
  throw classCast(`Cannot cast ${className(value)} to int`)
}

export class JavaPattern extends HostObject {
  readonly className = 'java.util.regex.Pattern'

  constructor(readonly regex: JavaRegex) {
    super()
  }

  matcher(input: Value): JavaMatcher {
    return new JavaMatcher(this, charSequence(input))
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    const [a = null, b = null] = args
    switch (`${name}/${args.length}`) {
      case 'matcher/1':
        return this.matcher(a)
      case 'pattern/0':
        return this.regex.pattern
      case 'flags/0':
        return Num.int(this.regex.flags)
      case 'split/1':
        return new JavaArray('String[]', this.split(charSequence(a), 0))
      case 'split/2':
        return new JavaArray('String[]', this.split(charSequence(a), int(b)))
      case 'asPredicate/0':
        return new FunctionRef(1, ([s = null]) => this.matcher(s).find())
    }
    return undefined
  }

  /** Pattern.split: no leading empty string for a zero-width match at 0; trailing empty ones dropped for limit 0. */
  private split(input: string, limit: number): string[] {
    const matcher = this.matcher(input)
    const parts: string[] = []
    let index = 0
    while (matcher.find()) {
      if (limit > 0 && parts.length >= limit - 1) break
      const [start, end] = matcher.bounds(0)
      if (index === 0 && start === 0 && end === 0) continue
      parts.push(input.slice(index, start))
      index = end
    }
    if (index === 0 && parts.length === 0) return [input]
    parts.push(input.slice(index))
    if (limit === 0) while (parts.length > 0 && parts.at(-1) === '') parts.pop()
    return parts
  }

  override toString(): string {
    return this.regex.pattern
  }
}

export class JavaMatcher extends HostObject {
  readonly className = 'java.util.regex.Matcher'
  private readonly chars: LimitedChars
  private groups: number[] | null = null
  /** Where the next find() starts. */
  private next = 0
  private appendAt = 0

  constructor(
    private readonly owner: JavaPattern,
    private readonly input: string,
  ) {
    super()
    this.chars = new LimitedChars(input, owner.regex.pattern)
  }

  private search(from: number, anchored: boolean, whole: boolean): boolean {
    this.groups = this.owner.regex.match(this.chars, from, anchored, whole)
    if (this.groups !== null)
      this.next = this.groups[1] === this.groups[0] ? this.groups[1]! + 1 : this.groups[1]!
    return this.groups !== null
  }

  find(): boolean {
    if (this.next > this.input.length) {
      this.groups = null
      return false
    }
    return this.search(this.next, false, false)
  }

  /** A group's start and end (-1, -1 when it took no part); the JDK's errors without a match or group. */
  bounds(group: number): [number, number] {
    if (this.groups === null) throw new JavaException('IllegalStateException', 'No match found')
    if (group < 0 || group > this.owner.regex.groupCount)
      throw new JavaException('IndexOutOfBoundsException', `No group ${group}`)
    return [this.groups[group * 2]!, this.groups[group * 2 + 1]!]
  }

  group(group: number): string | null {
    const [start, end] = this.bounds(group)
    return start < 0 ? null : this.input.slice(start, end)
  }

  private named(name: Value): number {
    const index = this.owner.regex.groupIndex(charSequence(name))
    if (index === undefined) throw illegalArgument(`No group with name <${charSequence(name)}>`)
    return index
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    const [a = null] = args
    switch (`${name}/${args.length}`) {
      case 'matches/0':
        return this.search(0, true, true)
      case 'lookingAt/0':
        return this.search(0, true, false)
      case 'find/0':
        return this.find()
      case 'find/1': {
        const from = int(a)
        if (from < 0 || from > this.input.length)
          throw new JavaException('IndexOutOfBoundsException', 'Illegal start index')
        this.reset()
        return this.search(from, false, false)
      }
      case 'group/0':
        return this.group(0)
      case 'group/1':
        return this.group(int(a))
      case 'namedGroup/1':
        return this.group(this.named(a))
      case 'groupCount/0':
        return Num.int(this.owner.regex.groupCount)
      case 'start/0':
      case 'start/1':
        return Num.int(this.bounds(args.length === 0 ? 0 : int(a))[0])
      case 'end/0':
      case 'end/1':
        return Num.int(this.bounds(args.length === 0 ? 0 : int(a))[1])
      case 'replaceAll/1':
      case 'replaceFirst/1': {
        const replacement = charSequence(a)
        return this.replace(name === 'replaceAll', () => replacement)
      }
      case 'reset/0':
        this.reset()
        return this
      case 'pattern/0':
        return this.owner
    }
    return undefined
  }

  private reset(): void {
    this.groups = null
    this.next = 0
    this.appendAt = 0
  }

  /** Matcher.replaceAll / replaceFirst: each match replaced by `replacement()`'s references expanded. */
  replace(all: boolean, replacement: () => string, literal = false): string {
    this.reset()
    let out = ''
    while (this.find()) {
      const [start, end] = this.bounds(0)
      const text = replacement()
      out += this.input.slice(this.appendAt, start) + (literal ? text : this.expand(text))
      this.appendAt = end
      if (!all) break
    }
    return out + this.input.slice(this.appendAt)
  }

  /** Matcher.appendReplacement's reading of a replacement: `$n`, `${name}`, `\x` the character x. */
  private expand(replacement: string): string {
    let out = ''
    for (let i = 0; i < replacement.length; i++) {
      const c = replacement[i]!
      if (c === '\\') {
        if (++i === replacement.length) throw illegalArgument('character to be escaped is missing')
        out += replacement[i]
      } else if (c === '$') {
        if (++i === replacement.length)
          throw illegalArgument('Illegal group reference: group index is missing')
        let group: number
        if (replacement[i] === '{') {
          const close = replacement.indexOf('}', i)
          if (close < 0) throw illegalArgument("named capturing group is missing trailing '}'")
          const name = replacement.slice(i + 1, close)
          const index = this.owner.regex.groupIndex(name)
          if (index === undefined) throw illegalArgument(`No group with name {${name}}`)
          group = index
          i = close
        } else {
          if (!/[0-9]/.test(replacement[i]!)) throw illegalArgument('Illegal group reference')
          group = Number(replacement[i])
          if (group > this.owner.regex.groupCount)
            throw new JavaException('IndexOutOfBoundsException', `No group ${group}`)
          while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1]!)) {
            const longer = group * 10 + Number(replacement[i + 1])
            if (longer > this.owner.regex.groupCount) break
            group = longer
            i++
          }
        }
        const text = this.group(group)
        if (text !== null) out += text
      } else {
        out += c
      }
    }
    return out
  }
}

function pattern(value: Value): JavaPattern {
  if (value instanceof JavaPattern) return value
  throw classCast(`Cannot cast ${className(value)} to java.util.regex.Pattern`)
}

/** `text =~ pattern` (find) and `text ==~ pattern` (matches). */
export function regexOperator(op: '=~' | '==~', text: Value, right: Value): boolean {
  const matcher = pattern(right).matcher(text)
  return op === '=~' ? matcher.find() : matcher.call('matches', []) === true
}

/** Augmentation's `String.replaceAll(Pattern, Function)` / `replaceFirst`: each match replaced by what the function makes of the Matcher. */
export function replaceWithFunction(text: string, all: boolean, patternArg: Value, fn: Value): string {
  const matcher = pattern(patternArg).matcher(text)
  const builder = functionArg(fn, FUNCTION)
  return matcher.replace(
    all,
    () => {
      const replacement = builder.invoke(FUNCTION, [matcher])
      if (typeof replacement === 'string') return replacement
      if (replacement === null) throw nullPointer('Cannot invoke "String.length()" because "s" is null')
      throw classCast(`Cannot cast ${className(replacement)} to java.lang.String`)
    },
    true,
  )
}
