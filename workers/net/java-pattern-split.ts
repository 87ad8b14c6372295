/**
 * java.util.regex.Pattern#split(input, limit), which String.split calls, over a global JavaScript RegExp
 * (the caller translates the Java pattern). Limit 0 splits everywhere and drops trailing empty strings, a
 * negative limit keeps them, a positive one makes at most `limit` parts, the last holding the rest. A
 * zero-width match at the start yields no leading empty string; no match at all yields the input whole (so
 * "" splits to [""]). The RegExp's `lastIndex` is reset before use and left wherever the scan ended.
 */
export function patternSplit(input: string, pattern: RegExp, limit: number): string[] {
  const parts: string[] = []
  let index = 0
  pattern.lastIndex = 0
  for (let m = pattern.exec(input); m !== null; m = pattern.exec(input)) {
    if (m[0].length === 0) pattern.lastIndex++
    if (index === 0 && m.index === 0 && m[0].length === 0) continue
    if (limit > 0 && parts.length === limit - 1) {
      parts.push(input.slice(index))
      return parts
    }
    parts.push(input.slice(index, m.index))
    index = m.index + m[0].length
  }
  if (index === 0) return [input]
  parts.push(input.slice(index))
  if (limit === 0) while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  return parts
}
