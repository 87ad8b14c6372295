/**
 * The jq builtins the playground has, by `name/arity` as jq names them (`select/1`, `length/0`): paths (path,
 * paths, getpath, del, delpaths: jq-paths.ts), objects (keys, keys_unsorted, has, in, to_entries,
 * from_entries, with_entries, map, map_values, select, empty, values, add, any, all, length, utf8bytelength,
 * type, not, error), arrays (sort, sort_by, group_by, unique, unique_by, min, max, min_by, max_by, reverse,
 * first, last, nth, limit, flatten, range, contains, inside, recurse/1), numbers (floor, ceil, round, fabs,
 * sqrt), the type filters (numbers, strings, booleans, nulls, arrays, objects, iterables, scalars), strings
 * (tostring, tonumber, tojson, fromjson, ascii_downcase, ascii_upcase, startswith, endswith, ltrimstr,
 * rtrimstr, split/1, join, test on Oniguruma's syntax: jq-regex.ts) and the formats @text, @json, @csv,
 * @tsv, @html, @uri, @sh. match, capture, sub, gsub and @base64 are left out (docs/DEVIATIONS.md). Error
 * texts are jq 1.7's.
 */
import type { JqAst } from './jq-ast.ts'
import { add, fail, index, iterate, JqError, splitString } from './jq-eval.ts'
import { parseJsonValues } from './json-input.ts'
import { deletePaths, getPath, pathsOf } from './jq-paths.ts'
import { regexTest } from './jq-regex.ts'
import {
  compareJson,
  COMPACT,
  describe,
  dumpJson,
  isTruthy,
  kindOf,
  numberOf,
  sortedKeys,
  type Json,
  type JsonObject,
} from './json-value.ts'

type Run = (node: JqAst, input?: Json) => Json[]
type Builtin = (input: Json, args: readonly JqAst[], run: Run) => Json[]

const one =
  (f: (input: Json) => Json): Builtin =>
  (input) => [f(input)]

function length(value: Json): Json {
  switch (kindOf(value)) {
    case 'null':
      return 0
    case 'boolean':
      return fail(`${describe(value)} has no length`)
    case 'number':
      return Math.abs(numberOf(value))
    case 'string':
      return Array.from(value as string).length
    case 'array':
      return (value as Json[]).length
    case 'object':
      return (value as JsonObject).size
  }
}

function keys(value: Json, sorted: boolean): Json {
  if (Array.isArray(value)) return value.map((_, i) => i)
  if (kindOf(value) === 'object')
    return sorted ? sortedKeys(value as JsonObject) : [...(value as JsonObject).keys()]
  return fail(`${describe(value)} has no keys`)
}

function has(value: Json, key: Json): Json {
  const [kind, keyKind] = [kindOf(value), kindOf(key)]
  if (kind === 'object' && keyKind === 'string') return (value as JsonObject).has(key as string)
  if (kind === 'array' && keyKind === 'number') {
    return numberOf(key) >= 0 && numberOf(key) < (value as Json[]).length
  }
  return fail(`Cannot check whether ${kind} has a ${keyKind} key`)
}

function toEntries(value: Json): Json {
  if (kindOf(value) !== 'object') return fail(`${describe(value)} has no keys`)
  return [...(value as JsonObject)].map(
    ([key, v]) =>
      new Map<string, Json>([
        ['key', key],
        ['value', v],
      ]),
  )
}

/** from_entries: each entry's key from key, k, name, Name, Key or K and value from value, v or Value. */
function fromEntries(value: Json): Json {
  const object: JsonObject = new Map()
  for (const entry of iterate(value)) {
    const get = (name: string) => index(entry, name)
    const key = ['key', 'k', 'name', 'Name', 'Key', 'K'].map(get).find(isTruthy) ?? get('key')
    const found = ['value', 'v', 'Value'].find(
      (name) => kindOf(entry) === 'object' && (entry as JsonObject).has(name),
    )
    const keyKind = kindOf(key)
    if (keyKind !== 'string' && keyKind !== 'number' && keyKind !== 'boolean') {
      fail(`Cannot use ${describe(key)} as object key`)
    }
    object.set(keyKind === 'string' ? (key as string) : dumpJson(key, COMPACT), found ? get(found) : null)
  }
  return object
}

function sortBy(value: Json, key: (item: Json) => Json[]): Json[] {
  if (!Array.isArray(value)) return fail(`${describe(value)} cannot be sorted, as it is not an array`)
  return value
    .map((item, i) => ({ item, key: key(item), i }))
    .sort((a, b) => compareJson(a.key, b.key) || a.i - b.i)
    .map(({ item }) => item)
}

function groupBy(value: Json, key: (item: Json) => Json[]): Json[][] {
  const groups: Json[][] = []
  let last: Json[] | null = null
  for (const item of sortBy(value, key)) {
    const k = key(item)
    if (last !== null && compareJson(last, k) === 0) groups[groups.length - 1]!.push(item)
    else groups.push([item])
    last = k
  }
  return groups
}

function extreme(value: Json, key: (item: Json) => Json[], max: boolean): Json {
  if (!Array.isArray(value)) return fail(`Cannot compute ${max ? 'max' : 'min'} of ${describe(value)}`)
  let best: Json = null
  let bestKey: Json[] | null = null
  for (const item of value) {
    const k = key(item)
    if (bestKey === null || (max ? compareJson(k, bestKey) >= 0 : compareJson(k, bestKey) < 0)) {
      best = item
      bestKey = k
    }
  }
  return best
}

function contains(a: Json, b: Json): boolean {
  const [ka, kb] = [kindOf(a), kindOf(b)]
  if (ka === 'object' && kb === 'object') {
    const x = a as JsonObject
    return [...(b as JsonObject)].every(([k, v]) => x.has(k) && contains(x.get(k)!, v))
  }
  if (ka === 'array' && kb === 'array')
    return (b as Json[]).every((y) => (a as Json[]).some((x) => contains(x, y)))
  if (ka === 'string' && kb === 'string') return (a as string).includes(b as string)
  if (ka === kb) return compareJson(a, b) === 0
  return fail(`${describe(a)} and ${describe(b)} cannot have their containment checked`)
}

function flatten(value: Json, depth: number): Json[] {
  if (!Array.isArray(value)) return fail(`Cannot iterate over ${describe(value)}`)
  return value.flatMap((item) => (Array.isArray(item) && depth > 0 ? flatten(item, depth - 1) : [item]))
}

function tostring(value: Json): string {
  return typeof value === 'string' ? value : dumpJson(value, COMPACT)
}

function tonumber(value: Json): Json {
  if (kindOf(value) === 'number') return value
  if (typeof value === 'string' && /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(value)) {
    return Number(value)
  }
  return fail(`Cannot parse '${tostring(value)}' as JSON`)
}

function strings(name: string, f: (text: string) => Json): (input: Json) => Json {
  return (input) => (typeof input === 'string' ? f(input) : fail(`${describe(input)} cannot be ${name}`))
}

const TSV_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\r': '\\r', '\n': '\\n' }
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&#39;',
  '"': '&quot;',
}

function csvCell(cell: Json, tsv: boolean): string {
  switch (kindOf(cell)) {
    case 'number':
      return dumpJson(cell, COMPACT)
    case 'boolean':
      return cell ? 'true' : 'false'
    case 'null':
      return ''
    case 'string':
      return tsv
        ? (cell as string).replace(/[\\\t\r\n]/g, (c) => TSV_ESCAPES[c]!)
        : `"${(cell as string).replaceAll('"', '""')}"`
    default:
      return fail(`${describe(cell)} is not valid in a csv row`)
  }
}

function shellWord(value: Json): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "'\\''")}'`
  if (kindOf(value) === 'array' || kindOf(value) === 'object')
    return fail(`${describe(value)} can not be escaped for shell`)
  return dumpJson(value, COMPACT)
}

/** `@name` applied to a value (`@csv` on an array, `@html` on its text). */
export function formatValue(name: string, value: Json): string {
  switch (name) {
    case '@text':
      return tostring(value)
    case '@json':
      return dumpJson(value, COMPACT)
    case '@csv':
    case '@tsv': {
      const what = name.slice(1)
      if (!Array.isArray(value))
        return fail(`${describe(value)} cannot be ${what}-formatted, only an array can be`)
      return value.map((cell) => csvCell(cell, name === '@tsv')).join(name === '@csv' ? ',' : '\t')
    }
    case '@html':
      return tostring(value).replace(/[<>&'"]/g, (c) => HTML_ESCAPES[c]!)
    case '@uri':
      return Array.from(new TextEncoder().encode(tostring(value)), (b) => {
        const char = String.fromCharCode(b)
        return /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
      }).join('')
    case '@sh':
      return (Array.isArray(value) ? value : [value]).map(shellWord).join(' ')
    default:
      return fail(`${name.slice(1)} is not a valid format`)
  }
}

const keyOf = (args: readonly JqAst[], run: Run) => (item: Json) => run(args[0]!, item)

/** Maps each output of the first argument with `f` (builtins of one argument evaluated on the input). */
const withArgument =
  (f: (input: Json, argument: Json) => Json): Builtin =>
  (input, args, run) =>
    run(args[0]!).map((argument) => f(input, argument))

function mapValues(input: Json, args: readonly JqAst[], run: Run): Json[] {
  if (Array.isArray(input)) return [input.flatMap((item) => run(args[0]!, item).slice(0, 1))]
  if (kindOf(input) !== 'object') return fail(`Cannot iterate over ${describe(input)}`)
  const object: JsonObject = new Map()
  for (const [k, v] of input as JsonObject) {
    const outputs = run(args[0]!, v)
    if (outputs.length > 0) object.set(k, outputs[0]!)
  }
  return [object]
}

/** The most numbers one range yields: generators are eager here, and a tab must not freeze. */
const MAX_RANGE = 1_000_000

function range(from: number, to: number): Json[] {
  if (to - from > MAX_RANGE) return fail(`range: at most ${MAX_RANGE} numbers in the playground`)
  const out: Json[] = []
  for (let i = from; i < to; i++) out.push(i)
  return out
}

function join(input: Json, separator: Json): Json {
  const parts = iterate(input).map((item) => {
    if (item === null) return ''
    if (kindOf(item) === 'array' || kindOf(item) === 'object') return fail(`Cannot join with ${kindOf(item)}`)
    return tostring(item)
  })
  return parts.join(tostring(separator))
}

const bothStrings = (name: string, f: (text: string, other: string) => Json) => (input: Json, other: Json) =>
  typeof input === 'string' && typeof other === 'string'
    ? f(input, other)
    : fail(`${name}() requires string inputs`)

/** `test(re; flags)`: whether the string has a match of `re` (jq-regex.ts). */
function test(input: Json, pattern: Json, flags: Json): boolean {
  if (typeof input !== 'string') return fail(`${describe(input)} cannot be matched, as it is not a string`)
  if (typeof pattern !== 'string')
    return fail(`${describe(pattern)} cannot be matched, as it is not a string`)
  if (flags !== null && typeof flags !== 'string') return fail(`${describe(flags)} is not a string`)
  return regexTest(input, pattern, flags)
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['test/1', withArgument((input, pattern) => test(input, pattern, null))],
  [
    'test/2',
    (input, args, run) =>
      run(args[1]!).flatMap((flags) => run(args[0]!).map((pattern) => test(input, pattern, flags))),
  ],
  ['empty/0', () => []],
  ['not/0', one((input) => !isTruthy(input))],
  ['length/0', one(length)],
  ['utf8bytelength/0', one(strings('utf8bytelength', (t) => new TextEncoder().encode(t).length))],
  ['type/0', one(kindOf)],
  ['keys/0', one((input) => keys(input, true))],
  ['keys_unsorted/0', one((input) => keys(input, false))],
  ['has/1', withArgument(has)],
  ['in/1', withArgument((input, object) => has(object, input))],
  [
    'select/1',
    (input, args, run) =>
      run(args[0]!)
        .filter(isTruthy)
        .map(() => input),
  ],
  ['map/1', (input, args, run) => [iterate(input).flatMap((item) => run(args[0]!, item))]],
  ['map_values/1', mapValues],
  ['path/1', (input, args, run) => pathsOf(args[0]!, input, (node, value) => run(node, value))],
  [
    'paths/0',
    (input, _args, run) => pathsOf({ type: 'recurse' }, input, (node, value) => run(node, value)).slice(1),
  ],
  [
    'getpath/1',
    withArgument((input, path) =>
      Array.isArray(path) ? getPath(input, path) : fail('Path must be specified as an array'),
    ),
  ],
  ['delpaths/1', withArgument(deletePaths)],
  [
    'del/1',
    (input, args, run) => [
      deletePaths(
        input,
        pathsOf(args[0]!, input, (node, value) => run(node, value)),
      ),
    ],
  ],
  ['to_entries/0', one(toEntries)],
  ['from_entries/0', one(fromEntries)],
  [
    'with_entries/1',
    (input, args, run) => [fromEntries(iterate(toEntries(input)).flatMap((e) => run(args[0]!, e)))],
  ],
  ['values/0', (input) => (input === null ? [] : [input])],
  ['add/0', one((input) => iterate(input).reduce<Json>((sum, v) => add(sum, v), null))],
  ['any/0', one((input) => iterate(input).some(isTruthy))],
  ['all/0', one((input) => iterate(input).every(isTruthy))],
  ['any/1', (input, args, run) => [iterate(input).some((item) => run(args[0]!, item).some(isTruthy))]],
  ['all/1', (input, args, run) => [iterate(input).every((item) => run(args[0]!, item).every(isTruthy))]],
  ['range/1', (_input, args, run) => run(args[0]!).flatMap((n) => range(0, numberOf(n)))],
  [
    'range/2',
    (_input, args, run) =>
      run(args[0]!).flatMap((from) => run(args[1]!).flatMap((to) => range(numberOf(from), numberOf(to)))),
  ],
  ...(['floor', 'ceil', 'round', 'fabs', 'sqrt'] as const).map((name): [string, Builtin] => [
    `${name}/0`,
    one((input) =>
      kindOf(input) === 'number'
        ? { floor: Math.floor, ceil: Math.ceil, round: Math.round, fabs: Math.abs, sqrt: Math.sqrt }[name](
            numberOf(input),
          )
        : fail(`${describe(input)} number required`),
    ),
  ]),
  ...(
    [
      ['numbers', 'number'],
      ['strings', 'string'],
      ['booleans', 'boolean'],
      ['nulls', 'null'],
      ['arrays', 'array'],
      ['objects', 'object'],
    ] as const
  ).map(([name, kind]): [string, Builtin] => [
    `${name}/0`,
    (input) => (kindOf(input) === kind ? [input] : []),
  ]),
  ['iterables/0', (input) => (Array.isArray(input) || kindOf(input) === 'object' ? [input] : [])],
  ['scalars/0', (input) => (Array.isArray(input) || kindOf(input) === 'object' ? [] : [input])],
  [
    'recurse/1',
    (input, args, run) => {
      const all: Json[] = []
      const visit = (value: Json) => {
        all.push(value)
        if (all.length > MAX_RANGE) fail(`recurse: more than ${MAX_RANGE} values in the playground`)
        run(args[0]!, value).forEach(visit)
      }
      visit(input)
      return all
    },
  ],
  ['tostring/0', one(tostring)],
  ['tonumber/0', one(tonumber)],
  ['tojson/0', one((input) => dumpJson(input, COMPACT))],
  [
    'fromjson/0',
    one(
      strings('parsed', (text) => {
        const parsed = parseJsonValues(text)
        if (parsed.error !== null || parsed.values.length !== 1)
          return fail(`${text} (while parsing '${text}')`)
        return parsed.values[0]!
      }),
    ),
  ],
  ['ascii_downcase/0', one(strings('lowercased', (t) => t.replace(/[A-Z]+/g, (s) => s.toLowerCase())))],
  ['ascii_upcase/0', one(strings('uppercased', (t) => t.replace(/[a-z]+/g, (s) => s.toUpperCase())))],
  ['sort/0', one((input) => sortBy(input, (item) => [item]))],
  ['sort_by/1', (input, args, run) => [sortBy(input, keyOf(args, run))]],
  ['group_by/1', (input, args, run) => [groupBy(input, keyOf(args, run))]],
  ['unique/0', one((input) => groupBy(input, (item) => [item]).map((group) => group[0]!))],
  ['unique_by/1', (input, args, run) => [groupBy(input, keyOf(args, run)).map((group) => group[0]!)]],
  ['min/0', one((input) => extreme(input, (item) => [item], false))],
  ['max/0', one((input) => extreme(input, (item) => [item], true))],
  ['min_by/1', (input, args, run) => [extreme(input, keyOf(args, run), false)]],
  ['max_by/1', (input, args, run) => [extreme(input, keyOf(args, run), true)]],
  [
    'reverse/0',
    one((input) => {
      if (typeof input === 'string') return Array.from(input).reverse().join('')
      return input === null ? [] : [...iterate(input)].reverse()
    }),
  ],
  ['first/0', one((input) => index(input, 0))],
  ['last/0', one((input) => index(input, -1))],
  ['nth/1', withArgument(index)],
  ['first/1', (_input, args, run) => run(args[0]!).slice(0, 1)],
  ['last/1', (_input, args, run) => run(args[0]!).slice(-1)],
  [
    'limit/2',
    (_input, args, run) => run(args[0]!).flatMap((n) => run(args[1]!).slice(0, Math.max(0, numberOf(n)))),
  ],
  ['flatten/0', one((input) => flatten(input, Infinity))],
  ['flatten/1', withArgument((input, depth) => flatten(input, numberOf(depth)))],
  ['contains/1', withArgument(contains)],
  ['inside/1', withArgument((input, container) => contains(container, input))],
  ['startswith/1', withArgument(bothStrings('startswith', (t, p) => t.startsWith(p)))],
  ['endswith/1', withArgument(bothStrings('endswith', (t, p) => t.endsWith(p)))],
  [
    'ltrimstr/1',
    withArgument((t, p) =>
      typeof t === 'string' && typeof p === 'string' && t.startsWith(p) ? t.slice(p.length) : t,
    ),
  ],
  [
    'rtrimstr/1',
    withArgument((t, p) =>
      typeof t === 'string' && typeof p === 'string' && p !== '' && t.endsWith(p) ? t.slice(0, -p.length) : t,
    ),
  ],
  [
    'split/1',
    withArgument((t, s) =>
      typeof t === 'string' && typeof s === 'string'
        ? splitString(t, s)
        : fail('split input and separator must be strings'),
    ),
  ],
  ['join/1', withArgument(join)],
  [
    'error/0',
    (input) => {
      throw new JqError(input)
    },
  ],
  [
    'error/1',
    (_input, args, run) =>
      run(args[0]!).flatMap((message) => {
        throw new JqError(message)
      }),
  ],
])

export function callBuiltin(name: string, args: readonly JqAst[], input: Json, run: Run): Json[] {
  return BUILTINS.get(`${name}/${args.length}`)!(input, args, run)
}
