/**
 * Runs a compiled Mustache template over its params as ES's CustomMustacheFactory does (mustache.java's
 * ReflectionObjectHandler with ES's CustomReflectionObjectHandler):
 *
 * - names resolve from the innermost scope out; in each scope the whole name is tried as a key first, then
 *   its dotted parts (`a.b.c`); once a part was found, a missing rest is missing (outer scopes are not tried).
 *   A list is seen as a map of its indexes plus `size` (`{{tags.0}}`, `{{tags.size}}`); `{{.}}` is the scope.
 * - a value prints as Java's toString: a list as its index map (`{0=a, 1=b}`), a map as a HashMap, 1.0 as
 *   `1.0`; escaped values are encoded for the template's media type (JSON string escapes by default).
 * - a section renders once per list item, once with a map or any other value as the scope, and not at all
 *   for null, false, an empty string or an empty list (0 is true); `{{^x}}` renders exactly then.
 * - `{{#toJson}}x{{/toJson}}` writes x as JSON (a list or map; anything else as its text), `{{#join}}x{{/join}}`
 *   joins the items of list x with `,` (or the `delimiter='…'` given), both unescaped; `{{#url}}…{{/url}}`
 *   URL-encodes what its body renders.
 */
import { XNumber, toJson, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import { hashMapOrderedValue, sourceToJson } from '../../action/source-map.ts'
import { javaToString } from '../../ingest/java-values.ts'
import { compileMustache, identity, type MustacheCode } from './mustache-parser.ts'

/** CustomReflectionObjectHandler.CollectionMap: a list as a lookup scope. */
class ListScope {
  constructor(readonly items: readonly XContentValue[]) {}

  get(key: string): XContentValue | undefined {
    if (key === 'size') return new XNumber(String(this.items.length))
    if (!/^[+-]?\d{1,10}$/.test(key)) return undefined
    const index = Number(key)
    return index >= 0 && index < this.items.length ? this.items[index] : undefined
  }

  toString(): string {
    return '{' + this.items.map((item, i) => `${i}=${javaToString(item)}`).join(', ') + '}'
  }
}

type Scope = XContentValue | ListScope

export type Encoder = (text: string) => string

function coerce(value: Scope | undefined): Scope | undefined {
  return Array.isArray(value) ? new ListScope(value) : value
}

/** Map.containsKey / get on a scope; undefined when the scope has no such member. */
function member(scope: Scope, key: string): { value: Scope } | undefined {
  if (scope instanceof ListScope) {
    const value = scope.get(key)
    return value === undefined || value === null ? undefined : { value }
  }
  if (scope instanceof Map && scope.has(key)) return { value: scope.get(key)! }
  return undefined
}

/** ReflectionObjectHandler.find followed by the binding's coerce. */
export function lookup(name: string, scopes: readonly Scope[]): Scope | undefined {
  if (name === '.') return scopes.at(-1)
  next: for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = coerce(scopes[i])
    if (scope === undefined || scope === null) continue
    const whole = member(scope, name)
    if (whole !== undefined) return coerce(whole.value)
    let rest = name
    let current: Scope | undefined = scope
    let descended = false
    for (let dot = rest.indexOf('.'); dot !== -1; dot = rest.indexOf('.')) {
      const part = rest.slice(0, dot)
      rest = rest.slice(dot + 1)
      const found: { value: Scope } | undefined = member(current, part)
      if (found === undefined) continue next
      descended = true
      current = coerce(found.value)
      if (current === undefined || current === null) return undefined
    }
    if (!descended) continue
    const last = member(current, rest)
    return last === undefined ? undefined : coerce(last.value)
  }
  return undefined
}

/** ObjectHandler.stringify: Object.toString. */
function stringify(value: Scope): string {
  return value instanceof ListScope ? value.toString() : javaToString(value)
}

function truthy(value: Scope | undefined): boolean {
  if (value === undefined || value === null || value === false || value === '') return false
  return !(value instanceof ListScope) || value.items.length > 0
}

/** XContentBuilder.value / map: a value as JSON (maps as the HashMaps they were parsed into). */
function xContentJson(value: XContentValue): JsonOut {
  return sourceToJson(hashMapOrderedValue(value))
}

/** java.net.URLEncoder.encode(s, UTF_8): letters, digits and `.-*_` stay, a space is `+`, the rest %XX. */
export function urlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+')
}

export class MustacheRenderer {
  constructor(private readonly encode: Encoder) {}

  render(codes: readonly MustacheCode[], scopes: Scope[]): string {
    let out = ''
    for (const code of codes) {
      out += this.code(code, scopes) + code.appended
    }
    return out
  }

  private code(code: MustacheCode, scopes: Scope[]): string {
    switch (code.kind) {
      case 'text':
      case 'comment':
        return ''
      case 'value': {
        const value = lookup(code.name, scopes)
        if (value === undefined || value === null) return ''
        const text = stringify(value)
        return code.escaped ? this.encode(text) : text
      }
      case 'section': {
        const value = lookup(code.name, scopes)
        if (code.inverted) return truthy(value) ? '' : this.withScope(code.body, scopes, value)
        if (!truthy(value)) return ''
        if (value instanceof ListScope) {
          return value.items.map((item) => this.withScope(code.body, scopes, coerce(item))).join('')
        }
        return this.withScope(code.body, scopes, value)
      }
      case 'function':
        return this.function(code, scopes)
    }
  }

  private withScope(body: readonly MustacheCode[], scopes: Scope[], scope: Scope | undefined): string {
    if (scope === undefined || scope === null) return this.render(body, scopes)
    scopes.push(scope)
    try {
      return this.render(body, scopes)
    } finally {
      scopes.pop()
    }
  }

  private function(code: Extract<MustacheCode, { kind: 'function' }>, scopes: Scope[]): string {
    if (code.fn === 'url') return urlEncode(this.render(code.body, scopes))
    const resolved = lookup(code.variable, scopes)
    // IterableCode.handleFunction: the body's identity is rendered as a template and handed to the function.
    const rendered = this.render(compileMustache(identity(code.body, code.sm, code.em)), scopes)
    if (code.fn === 'join') {
      if (!(resolved instanceof ListScope)) return rendered
      return resolved.items.map((item) => javaToString(item)).join(code.delimiter)
    }
    if (resolved === undefined || resolved === null) return ''
    if (resolved instanceof ListScope) return toJson(resolved.items.map(xContentJson))
    if (resolved instanceof Map) return toJson(xContentJson(resolved))
    return stringify(resolved)
  }
}
