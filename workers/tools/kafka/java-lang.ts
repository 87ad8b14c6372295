/**
 * java.lang behaviour the tools' parsing depends on: `String.split` (regex separators, trailing empties dropped)
 * and `Integer.parseInt` / `Integer.valueOf` (an optional sign and ASCII digits within int range, else a
 * NumberFormatException `For input string: "x"`).
 */
import { JavaException } from './java-exception.ts'

/**
 * `input.split(regex)` (Pattern.split with limit 0): the pieces between matches, where a zero-width match at
 * the start yields no leading empty piece, trailing empty pieces are dropped, and an input without any
 * match is returned whole (so "" splits to [""]). The regex is read as a JavaScript RegExp, which agrees
 * with java.util.regex for the separators the tools use (",", ":", "\\s*=\\s*", "\\|").
 */
export function javaSplit(input: string, regex: string): string[] {
  const pattern = new RegExp(regex, 'gu')
  const pieces: string[] = []
  let index = 0
  let matched = false
  for (let match = pattern.exec(input); match !== null; match = pattern.exec(input)) {
    const start = match.index
    const end = start + match[0].length
    if (end === start) pattern.lastIndex = end + 1
    if (start === 0 && end === 0) continue
    if (end === start && start >= input.length) break
    matched = true
    pieces.push(input.slice(index, start))
    index = end
  }
  if (!matched) return [input]
  pieces.push(input.slice(index))
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop()
  return pieces
}

/** Integer.parseInt. */
export function parseJavaInt(text: string): number {
  if (/^[+-]?[0-9]+$/.test(text)) {
    const value = Number(text)
    if (value >= -2147483648 && value <= 2147483647) return value
  }
  throw new JavaException('java.lang.NumberFormatException', `For input string: "${text}"`)
}
