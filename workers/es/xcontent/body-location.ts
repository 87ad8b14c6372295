/**
 * Where a key, or the value after it, starts in a request body's text: the `[line:col]` (1-based, as
 * Jackson's JsonLocation counts) that ObjectParser errors carry. The parsed body keeps no locations, so
 * this finds the first `"key":` in the text; a key repeated at several depths reports its first place.
 */
export function bodyLocation(body: string, key: string, at: 'key' | 'value'): { line: number; col: number } {
  const quoted = JSON.stringify(key)
  let start = 0
  let found = -1
  while ((found = body.indexOf(quoted, start)) >= 0) {
    const colon = /^\s*:\s*/.exec(body.slice(found + quoted.length))
    if (colon !== null) {
      const offset = at === 'key' ? found : found + quoted.length + colon[0].length
      const before = body.slice(0, offset)
      return { line: before.split('\n').length, col: offset - before.lastIndexOf('\n') }
    }
    start = found + 1
  }
  return { line: 1, col: 1 }
}
