/**
 * ES's Regex.simpleMatch: `*` matches any run of characters (none included); every other character
 * matches itself. Used for index patterns and for `_cat` column patterns (`h=docs.*`).
 */
export function simpleMatch(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`, 's').test(value)
}
