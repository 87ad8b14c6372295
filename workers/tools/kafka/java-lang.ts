/**
 * java.lang behaviour the tools' parsing depends on: `String.split` (regex separators, trailing empties dropped)
 * and `Integer.parseInt` / `Integer.valueOf` (an optional sign and ASCII digits within int range, else a
 * NumberFormatException `For input string: "x"`).
 */
import { patternSplit } from '../../net/java-pattern-split.ts'
import { JavaException } from './java-exception.ts'

/**
 * `input.split(regex)`: Pattern.split with limit 0. The regex is read as a JavaScript RegExp, which agrees
 * with java.util.regex for the separators the tools use (",", ":", "\\s*=\\s*", "\\|").
 */
export function javaSplit(input: string, regex: string): string[] {
  return patternSplit(input, new RegExp(regex, 'gu'), 0)
}

/** Integer.parseInt. */
export function parseJavaInt(text: string): number {
  if (/^[+-]?[0-9]+$/.test(text)) {
    const value = Number(text)
    if (value >= -2147483648 && value <= 2147483647) return value
  }
  throw new JavaException('java.lang.NumberFormatException', `For input string: "${text}"`)
}
