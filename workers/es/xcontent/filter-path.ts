/**
 * `filter_path`, the response filtering every Elasticsearch REST API takes (FilterPath over Jackson's
 * FilteringGeneratorDelegate): a comma list of dotted paths; `*` inside a name matches any characters, `**`
 * any number of levels, and a path with a leading `-` excludes. A field is kept when an include path matches
 * it whole (with everything it holds), or when a path continues below it and something below is kept;
 * arrays are transparent (their elements are filtered with the same paths) and scalars in an array a path
 * goes through are dropped; objects and arrays left empty are dropped, and with nothing kept the answer is
 * `{}`. Exclusions then remove the fields they match.
 */
import { simpleMatch } from '../common/simple-match.ts'
import type { XContentObject, XContentValue } from './x-content-value.ts'

type Path = readonly string[]

export function filterPath(value: XContentObject, expression: string): XContentObject {
  const paths = expression
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '')
  const includes = paths.filter((path) => !path.startsWith('-')).map((path) => path.split('.'))
  const excludes = paths.filter((path) => path.startsWith('-')).map((path) => path.slice(1).split('.'))
  let kept: XContentObject = value
  if (includes.length > 0) {
    const included = include(value, includes)
    kept = included instanceof Map ? included : new Map<string, XContentValue>()
  }
  return excludes.length > 0 ? (exclude(kept, excludes) as XContentObject) : kept
}

/** The paths that continue below `name`; `whole` when one of them ends at it. */
function descend(paths: readonly Path[], name: string): { whole: boolean; below: Path[] } {
  const below: Path[] = []
  let whole = false
  const step = (path: Path): void => {
    const [head, ...rest] = path
    if (head === undefined) return
    if (head === '**') {
      if (rest.length === 0) whole = true
      else {
        below.push(path)
        step(rest)
      }
      return
    }
    if (!simpleMatch(head, name)) return
    if (rest.length === 0) whole = true
    else below.push(rest)
  }
  for (const path of paths) step(path)
  return { whole, below }
}

function include(value: XContentValue, paths: readonly Path[]): XContentValue | undefined {
  if (Array.isArray(value)) {
    const kept = value.map((item) => include(item, paths)).filter((item) => item !== undefined)
    return kept.length > 0 ? kept : undefined
  }
  if (!(value instanceof Map)) return undefined
  const out: XContentObject = new Map()
  for (const [name, child] of value) {
    const { whole, below } = descend(paths, name)
    const kept = whole ? child : below.length > 0 ? include(child, below) : undefined
    if (kept !== undefined) out.set(name, kept)
  }
  return out.size > 0 ? out : undefined
}

function exclude(value: XContentValue, paths: readonly Path[]): XContentValue {
  if (Array.isArray(value)) return value.map((item) => exclude(item, paths))
  if (!(value instanceof Map)) return value
  const out: XContentObject = new Map()
  for (const [name, child] of value) {
    const { whole, below } = descend(paths, name)
    if (!whole) out.set(name, below.length > 0 ? exclude(child, below) : child)
  }
  return out
}
