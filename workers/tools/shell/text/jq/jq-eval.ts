/**
 * Runs a jq program on one input: every expression yields its outputs in order (eagerly, as arrays),
 * `,` concatenates, `|` feeds each output on, binary operators take the cartesian product of their sides
 * (the right side in the outer loop, as jq: `(1,2) + (10,20)` is 11, 12, 21, 22). Errors are JqError carrying
 * jq's message (`Cannot index array with "x"`, `number (1) and string ("a") cannot be added`,
 * `Cannot iterate over number (5)`); `?` and `try` drop them, `catch` gets the message.
 */
import type { BinaryOperator, JqAst } from './jq-ast.ts'
import { callBuiltin, formatValue } from './jq-builtins.ts'
import {
  compareJson,
  describe,
  isTruthy,
  kindOf,
  numberOf,
  type Json,
  type JsonObject,
} from './json-value.ts'

/** The longest string `*` builds (jq's own limit is higher; the tab's memory is not). */
const MAX_STRING = 64 * 1024 * 1024

export class JqError extends Error {
  constructor(readonly value: Json) {
    super(typeof value === 'string' ? value : 'error')
  }
}

export type Variables = ReadonlyMap<string, Json>

export function fail(message: string): never {
  throw new JqError(message)
}

export function iterate(value: Json): Json[] {
  if (Array.isArray(value)) return value
  if (kindOf(value) === 'object') return [...(value as JsonObject).values()]
  return fail(value === null ? 'Cannot iterate over null' : `Cannot iterate over ${describe(value)}`)
}

export function index(value: Json, key: Json): Json {
  const kind = kindOf(value)
  const keyKind = kindOf(key)
  if (kind === 'object' && keyKind === 'string') return (value as JsonObject).get(key as string) ?? null
  if (kind === 'array' && keyKind === 'number') {
    const array = value as Json[]
    const n = numberOf(key)
    if (!Number.isInteger(n)) return null
    return array[n < 0 ? array.length + n : n] ?? null
  }
  if (kind === 'null' && (keyKind === 'string' || keyKind === 'number' || keyKind === 'object')) return null
  if (keyKind === 'string' && (key as string).length < 30)
    return fail(`Cannot index ${kind} with "${key as string}"`)
  return fail(`Cannot index ${kind} with ${keyKind}`)
}

function slice(value: Json, from: Json, to: Json): Json {
  if (value === null) return null
  const kind = kindOf(value)
  if (kind !== 'array' && kind !== 'string') return fail(`Cannot index ${kind} with object`)
  const items = kind === 'string' ? Array.from(value as string) : (value as Json[])
  if ((from !== null && kindOf(from) !== 'number') || (to !== null && kindOf(to) !== 'number')) {
    return fail(`Start and end indices of an ${kind === 'array' ? 'array' : 'string'} slice must be numbers`)
  }
  const length = items.length
  let start = from === null ? 0 : numberOf(from)
  let end = to === null ? length : numberOf(to)
  if (start < 0) start += length
  if (end < 0) end += length
  start = Math.min(length, Math.max(0, Math.floor(start)))
  end = Math.min(length, Math.max(start, Math.ceil(end)))
  const part = items.slice(start, end)
  return kind === 'string' ? (part as string[]).join('') : part
}

function equal(a: Json, b: Json): boolean {
  return compareJson(a, b) === 0
}

function cannot(a: Json, b: Json, what: string): never {
  return fail(`${describe(a)} and ${describe(b)} cannot be ${what}`)
}

export function add(a: Json, b: Json): Json {
  if (a === null) return b
  if (b === null) return a
  const [ka, kb] = [kindOf(a), kindOf(b)]
  if (ka !== kb) return cannot(a, b, 'added')
  if (ka === 'number') return numberOf(a) + numberOf(b)
  if (ka === 'string') return (a as string) + (b as string)
  if (ka === 'array') return [...(a as Json[]), ...(b as Json[])]
  if (ka === 'object') return new Map([...(a as JsonObject), ...(b as JsonObject)])
  return cannot(a, b, 'added')
}

function deepMerge(a: JsonObject, b: JsonObject): JsonObject {
  const result = new Map(a)
  for (const [key, value] of b) {
    const old = result.get(key)
    result.set(
      key,
      old !== undefined && kindOf(old) === 'object' && kindOf(value) === 'object'
        ? deepMerge(old as JsonObject, value as JsonObject)
        : value,
    )
  }
  return result
}

function arithmetic(op: BinaryOperator, a: Json, b: Json): Json {
  const [ka, kb] = [kindOf(a), kindOf(b)]
  switch (op) {
    case '+':
      return add(a, b)
    case '-':
      if (ka === 'number' && kb === 'number') return numberOf(a) - numberOf(b)
      if (ka === 'array' && kb === 'array')
        return (a as Json[]).filter((x) => !(b as Json[]).some((y) => equal(x, y)))
      return cannot(a, b, 'subtracted')
    case '*':
      if (ka === 'number' && kb === 'number') return numberOf(a) * numberOf(b)
      if ((ka === 'string' && kb === 'number') || (ka === 'number' && kb === 'string')) {
        const [text, times] = ka === 'string' ? [a as string, numberOf(b)] : [b as string, numberOf(a)]
        if (times <= 0) return null
        const count = Math.max(1, Math.ceil(times))
        if (text.length * count > MAX_STRING) return fail(`Repeat string result too long`)
        return text.repeat(count)
      }
      if (ka === 'object' && kb === 'object') return deepMerge(a as JsonObject, b as JsonObject)
      return cannot(a, b, 'multiplied')
    case '/':
      if (ka === 'number' && kb === 'number') {
        if (numberOf(b) === 0) return cannot(a, b, 'divided because the divisor is zero')
        return numberOf(a) / numberOf(b)
      }
      if (ka === 'string' && kb === 'string') return splitString(a as string, b as string)
      return cannot(a, b, 'divided')
    case '%': {
      if (ka !== 'number' || kb !== 'number') return cannot(a, b, 'divided')
      const divisor = Math.trunc(numberOf(b))
      if (divisor === 0) return cannot(a, b, 'divided because the divisor is zero')
      const result = Math.trunc(numberOf(a)) % divisor
      return result === 0 ? 0 : result
    }
    default: {
      const order = compareJson(a, b)
      return {
        '==': order === 0,
        '!=': order !== 0,
        '<': order < 0,
        '<=': order <= 0,
        '>': order > 0,
        '>=': order >= 0,
      }[op]
    }
  }
}

export function splitString(text: string, separator: string): Json[] {
  if (text === '') return []
  return separator === '' ? Array.from(text) : text.split(separator)
}

/** The outputs of `ast` on `input`. */
export function evaluate(ast: JqAst, input: Json, variables: Variables): Json[] {
  const run = (node: JqAst, value: Json = input, vars: Variables = variables) => evaluate(node, value, vars)
  switch (ast.type) {
    case 'identity':
      return [input]
    case 'recurse': {
      const all: Json[] = []
      const walk = (value: Json) => {
        all.push(value)
        if (Array.isArray(value) || kindOf(value) === 'object') iterate(value).forEach(walk)
      }
      walk(input)
      return all
    }
    case 'literal':
      return [ast.value]
    case 'string': {
      let results = ['']
      for (const part of ast.parts) {
        if (typeof part === 'string') {
          results = results.map((r) => r + part)
          continue
        }
        const values = run(part)
        results = results.flatMap((r) => values.map((v) => r + formatValue(ast.format ?? '@text', v)))
      }
      return results
    }
    case 'format':
      return [formatValue(ast.name, input)]
    case 'index':
      return run(ast.of).flatMap((value) => run(ast.key).map((key) => index(value, key)))
    case 'slice':
      return run(ast.of).flatMap((value) =>
        (ast.to ? run(ast.to) : [null]).flatMap((to) =>
          (ast.from ? run(ast.from) : [null]).map((from) => slice(value, from, to)),
        ),
      )
    case 'iterate':
      return run(ast.of).flatMap(iterate)
    case 'try': {
      const outputs: Json[] = []
      try {
        outputs.push(...run(ast.body))
      } catch (error) {
        if (!(error instanceof JqError)) throw error
        if (ast.handler) outputs.push(...run(ast.handler, error.value))
      }
      return outputs
    }
    case 'array':
      return [ast.body ? run(ast.body) : []]
    case 'object': {
      let objects: JsonObject[] = [new Map<string, Json>()]
      for (const { key, value } of ast.entries) {
        const keys = run(key)
        for (const k of keys) if (typeof k !== 'string') fail(`Object keys must be strings`)
        const values = run(value)
        objects = objects.flatMap((object) =>
          (keys as string[]).flatMap((k) => values.map((v) => new Map<string, Json>(object).set(k, v))),
        )
      }
      return objects
    }
    case 'negate':
      return run(ast.of).map((value) =>
        kindOf(value) === 'number' ? -numberOf(value) : fail(`${describe(value)} cannot be negated`),
      )
    case 'pipe':
      return run(ast.left).flatMap((value) => run(ast.right, value))
    case 'comma':
      return [...run(ast.left), ...run(ast.right)]
    case 'binary': {
      const rights = run(ast.right)
      return rights.flatMap((b) => run(ast.left).map((a) => arithmetic(ast.op, a, b)))
    }
    case 'and':
    case 'or':
      return run(ast.left).flatMap((a) => {
        if (ast.type === 'and' ? !isTruthy(a) : isTruthy(a)) return [ast.type === 'or']
        return run(ast.right).map(isTruthy)
      })
    case 'alternative': {
      let lefts: Json[] = []
      try {
        lefts = run(ast.left).filter(isTruthy)
      } catch (error) {
        if (!(error instanceof JqError)) throw error
      }
      return lefts.length > 0 ? lefts : run(ast.right)
    }
    case 'if':
      return run(ast.cond).flatMap((c) =>
        isTruthy(c) ? run(ast.then) : ast.otherwise ? run(ast.otherwise) : [input],
      )
    case 'variable': {
      const value = variables.get(ast.name)
      return [value === undefined ? null : value]
    }
    case 'bind':
      return run(ast.source).flatMap((value) =>
        run(ast.body, input, new Map([...variables, [ast.name, value]])),
      )
    case 'reduce':
      return run(ast.init).map((init) =>
        run(ast.source).reduce<Json>((acc, value) => {
          const outputs = run(ast.update, acc, new Map([...variables, [ast.name, value]]))
          return outputs.length === 0 ? null : outputs[outputs.length - 1]!
        }, init),
      )
    case 'call':
      return callBuiltin(ast.name, ast.args, input, (node, value = input) => run(node, value))
  }
}
