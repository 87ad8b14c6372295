/**
 * LIKE and RLIKE patterns as matchers of a whole string. LIKE is a WildcardPattern: `*` any run of
 * characters, `?` exactly one, `\` takes the next character literally. RLIKE is a Lucene RegExp (full match,
 * `.` any character newline included, `"…"` a literal run); the operators it shares with JS regexes are
 * passed through.
 */

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

function wildcardToRegex(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]!)
    else if (c === '*') out += '.*'
    else if (c === '?') out += '.'
    else out += escapeRegex(c)
  }
  return out
}

function luceneToRegex(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '"') {
      const end = pattern.indexOf('"', i + 1)
      const literal = pattern.slice(i + 1, end < 0 ? pattern.length : end)
      out += [...literal].map(escapeRegex).join('')
      i = end < 0 ? pattern.length : end
    } else if (c === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]!)
    else if (c === '/') out += '\\/'
    else out += c
  }
  return out
}

export function compileLike(pattern: string, regex: boolean): (value: string) => boolean {
  const source = regex ? luceneToRegex(pattern) : wildcardToRegex(pattern)
  const re = new RegExp(`^(?:${source})$`, 'su')
  return (value) => re.test(value)
}
