/**
 * jq's path expressions, for `path(f)`, `paths`, `del(f)`, `getpath` and `delpaths`: the paths (arrays of
 * object keys, array indices and `{"start","end"}` slices) that a filter made of `.`, `..`, `.a`, `.[e]`,
 * `.[n:m]`, `.[]`, `|`, `,`, `?`, `//`, `if`, `select`, `recurse`, `empty`, `first` and `last` walks to in
 * the input. Anything else is jq's `Invalid path expression with result ...`. Deletion takes the paths
 * sorted and deletes from the last, so indices still point where they did (jq's jv_delpaths).
 */
import type { JqAst } from './jq-ast.ts'
import { fail, index, iterate, JqError } from './jq-eval.ts'
import {
  compareJson,
  COMPACT,
  dumpJson,
  isTruthy,
  kindOf,
  numberOf,
  type Json,
  type JsonObject,
} from './json-value.ts'

type Run = (node: JqAst, input: Json) => Json[]
type Path = Json[]

export function getPath(value: Json, path: readonly Json[]): Json {
  let current = value
  for (const key of path) {
    if (current === null) return null
    current = kindOf(key) === 'object' ? sliceOf(current, key as JsonObject) : index(current, key)
  }
  return current
}

function sliceOf(value: Json, slice: JsonObject): Json {
  if (!Array.isArray(value)) return fail(`Cannot index ${kindOf(value)} with object`)
  const [start, end] = sliceBounds(value.length, slice)
  return value.slice(start, end)
}

function sliceBounds(length: number, slice: JsonObject): [number, number] {
  const bound = (key: string, fallback: number) => {
    const raw = slice.get(key) ?? null
    if (raw === null) return fallback
    const n = numberOf(raw)
    return Math.min(length, Math.max(0, n < 0 ? n + length : n))
  }
  const start = Math.floor(bound('start', 0))
  return [start, Math.max(start, Math.ceil(bound('end', length)))]
}

function invalid(value: Json): never {
  const text = dumpJson(value, COMPACT)
  return fail(`Invalid path expression with result ${text.length > 14 ? `${text.slice(0, 11)}...` : text}`)
}

/** The paths `ast` walks to in `input`. */
export function pathsOf(ast: JqAst, input: Json, run: Run): Path[] {
  const extend = (of: JqAst, step: (value: Json, path: Path) => Path[]) =>
    pathsOf(of, input, run).flatMap((path) => step(getPath(input, path), path))
  switch (ast.type) {
    case 'identity':
      return [[]]
    case 'recurse': {
      const all: Path[] = []
      const walk = (value: Json, path: Path) => {
        all.push(path)
        if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]))
        else if (kindOf(value) === 'object') for (const [k, v] of value as JsonObject) walk(v, [...path, k])
      }
      walk(input, [])
      return all
    }
    case 'index':
      return extend(ast.of, (value, path) =>
        run(ast.key, input).map((key) => {
          index(value, key)
          return [...path, key]
        }),
      )
    case 'slice':
      return extend(ast.of, (_value, path) => {
        const from = ast.from ? run(ast.from, input) : [null]
        const to = ast.to ? run(ast.to, input) : [null]
        return to.flatMap((end) =>
          from.map((start) => [
            ...path,
            new Map<string, Json>([
              ['start', start],
              ['end', end],
            ]),
          ]),
        )
      })
    case 'iterate':
      return extend(ast.of, (value, path) => {
        iterate(value)
        const keys: Json[] = Array.isArray(value) ? value.map((_, i) => i) : [...(value as JsonObject).keys()]
        return keys.map((key) => [...path, key])
      })
    case 'pipe':
      return pathsOf(ast.left, input, run).flatMap((path) =>
        pathsOf(ast.right, getPath(input, path), run).map((rest) => [...path, ...rest]),
      )
    case 'comma':
      return [...pathsOf(ast.left, input, run), ...pathsOf(ast.right, input, run)]
    case 'try':
      try {
        return pathsOf(ast.body, input, run)
      } catch (error) {
        if (!(error instanceof JqError)) throw error
        return []
      }
    case 'alternative': {
      let left: Path[] = []
      try {
        left = pathsOf(ast.left, input, run).filter((path) => isTruthy(getPath(input, path)))
      } catch (error) {
        if (!(error instanceof JqError)) throw error
      }
      return left.length > 0 ? left : pathsOf(ast.right, input, run)
    }
    case 'if':
      return run(ast.cond, input).flatMap((c) =>
        isTruthy(c)
          ? pathsOf(ast.then, input, run)
          : ast.otherwise
            ? pathsOf(ast.otherwise, input, run)
            : [[]],
      )
    case 'call':
      return callPaths(ast, input, run)
    default:
      return run(ast, input).flatMap(invalid)
  }
}

function callPaths(ast: Extract<JqAst, { type: 'call' }>, input: Json, run: Run): Path[] {
  const [arg] = ast.args
  switch (`${ast.name}/${ast.args.length}`) {
    case 'empty/0':
      return []
    case 'select/1':
      return run(arg!, input)
        .filter(isTruthy)
        .map(() => [])
    case 'first/0':
      return [[0]]
    case 'last/0':
      return [[-1]]
    case 'recurse/0':
      return pathsOf({ type: 'recurse' }, input, run)
    case 'first/1':
      return pathsOf(arg!, input, run).slice(0, 1)
    case 'last/1':
      return pathsOf(arg!, input, run).slice(-1)
    case 'getpath/1':
      return run(arg!, input).map((path) =>
        Array.isArray(path) ? path : fail('Path must be specified as an array'),
      )
    default:
      return run(ast, input).flatMap(invalid)
  }
}

function deletePath(value: Json, path: readonly Json[]): Json {
  if (path.length === 0 || value === null) return path.length === 0 ? null : value
  const [key, ...rest] = path as [Json, ...Json[]]
  const kind = kindOf(value)
  const keyKind = kindOf(key)
  if (rest.length > 0) {
    const child = kindOf(key) === 'object' ? sliceOf(value, key as JsonObject) : index(value, key)
    if (child === null) return value
    const updated = deletePath(child, rest)
    if (kind === 'object') return new Map<string, Json>(value as JsonObject).set(key as string, updated)
    const array = [...(value as Json[])]
    if (keyKind === 'object') {
      const [start, end] = sliceBounds(array.length, key as JsonObject)
      array.splice(start, end - start, ...(updated as Json[]))
    } else array[numberOf(key) < 0 ? array.length + numberOf(key) : numberOf(key)] = updated
    return array
  }
  if (kind === 'object') {
    if (keyKind !== 'string') return fail(`Cannot delete ${keyKind} field of object`)
    const object = new Map<string, Json>(value as JsonObject)
    object.delete(key as string)
    return object
  }
  if (kind === 'array') {
    const array = [...(value as Json[])]
    if (keyKind === 'object') {
      const [start, end] = sliceBounds(array.length, key as JsonObject)
      array.splice(start, end - start)
    } else if (keyKind === 'number') {
      const i = numberOf(key) < 0 ? array.length + numberOf(key) : numberOf(key)
      if (i >= 0 && i < array.length) array.splice(i, 1)
    } else return fail(`Cannot delete ${keyKind} element of array`)
    return array
  }
  return fail(`Cannot delete fields from ${kind}`)
}

/** delpaths: the input without the values at the paths. */
export function deletePaths(value: Json, paths: Json): Json {
  if (!Array.isArray(paths)) return fail('Paths must be specified as an array')
  for (const path of paths)
    if (!Array.isArray(path)) return fail(`Path must be specified as array, not ${kindOf(path)}`)
  const sorted = [...(paths as Json[][])].sort(compareJson).reverse()
  return sorted.reduce<Json>((result, path) => deletePath(result, path), value)
}
