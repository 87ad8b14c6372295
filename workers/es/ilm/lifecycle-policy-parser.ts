/**
 * PutLifecycleRequest's body (`{"policy": {"phases": {...}, "_meta": {...}}}`) read as ES 8.17's parsers read it:
 * put_lifecycle_request > lifecycle_policy > phases (named objects) > phase (min_age, actions) > actions (named
 * objects, the registry's LifecycleActions). Failures nest as ES nests them (policy-parse-context.ts); a
 * negative min_age is taken as 0, as Phase's parser does. Also LifecyclePolicy.validatePolicyName.
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import { XNumber, toJson, type XContentValue } from '../xcontent/index.ts'
import { parseTimeValue, timeValueMillis } from '../common/time/index.ts'
import { isLifecycleAction, parseLifecycleAction } from './lifecycle-actions.ts'
import type { LifecycleActionConfig, LifecyclePolicy, Phase } from './lifecycle-policy.ts'
import { ParseFailure, PolicyParseContext } from './policy-parse-context.ts'
import { timeValueStringRep } from '../common/time/time-value-text.ts'
import { locate } from '../xcontent/json-parse-error.ts'

/** The request body's policy; a failure is thrown as the exception ES renders. */
export function parsePutLifecycleRequest(text: string, body: XContentValue): LifecyclePolicy {
  try {
    const root = new PolicyParseContext(text, [])
    if (!(body instanceof Map)) throw new ParseFailure(illegalArgumentException('Required [policy]'), 0)
    let policy: LifecyclePolicy | undefined
    for (const [key, value] of body) {
      if (key !== 'policy') throw root.unknownField('put_lifecycle_request', key)
      if (!(value instanceof Map)) throw root.unsupportedValue('put_lifecycle_request', key, value)
      try {
        policy = parseLifecyclePolicy(root.child(key), value)
      } catch (failure) {
        throw failure instanceof ParseFailure ? root.wrap('put_lifecycle_request', key, failure) : failure
      }
    }
    if (policy === undefined) throw new ParseFailure(illegalArgumentException('Required [policy]'), 0)
    return policy
  } catch (failure) {
    throw failure instanceof ParseFailure ? failure.exception : failure
  }
}

function parseLifecyclePolicy(ctx: PolicyParseContext, body: Map<string, XContentValue>): LifecyclePolicy {
  let phases: Record<string, Phase> | undefined
  let meta: string | undefined
  for (const [key, value] of body) {
    if (key === 'phases') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue('lifecycle_policy', key, value)
      phases = namedObjects(ctx, 'lifecycle_policy', key, value, parsePhase)
    } else if (key === '_meta') {
      if (!(value instanceof Map)) throw ctx.unsupportedValue('lifecycle_policy', key, value)
      meta = toJson(value)
    } else throw ctx.unknownField('lifecycle_policy', key)
  }
  if (phases === undefined)
    throw new ParseFailure(illegalArgumentException('Required [phases]'), ctx.offset('end'))
  return { phases, ...(meta !== undefined ? { meta } : {}) }
}

/** ObjectParser.declareNamedObjects: each entry parsed by name; a failure wrapped as `[field] failed to parse field [name]`, then by the parser. */
function namedObjects<T>(
  ctx: PolicyParseContext,
  parser: string,
  field: string,
  value: Map<string, XContentValue>,
  parse: (ctx: PolicyParseContext, name: string, value: XContentValue) => T,
): Record<string, T> {
  const objects = ctx.child(field)
  const out: Record<string, T> = {}
  for (const [name, entry] of value) {
    try {
      out[name] = parse(objects.child(name), name, entry)
    } catch (failure) {
      if (!(failure instanceof ParseFailure)) throw failure
      throw ctx.wrap(parser, field, objects.wrap(field, name, failure))
    }
  }
  return out
}

function parsePhase(ctx: PolicyParseContext, _name: string, value: XContentValue): Phase {
  if (!(value instanceof Map)) {
    throw new ParseFailure(
      ctx.error(ctx.offset(), '[phase] Expected START_OBJECT but was: VALUE'),
      ctx.offset(),
    )
  }
  let minAge = { text: '0ms', millis: 0 }
  let actions: Record<string, LifecycleActionConfig> | undefined
  for (const [key, field] of value) {
    if (key === 'min_age') {
      if (!(typeof field === 'string' || field instanceof XNumber))
        throw ctx.unsupportedValue('phase', key, field)
      minAge = parseMinAge(ctx, String(field))
    } else if (key === 'actions') {
      if (!(field instanceof Map)) throw ctx.unsupportedValue('phase', key, field)
      actions = namedObjects(ctx, 'phase', key, field, parseAction)
    } else throw ctx.unknownField('phase', key)
  }
  if (actions === undefined)
    throw new ParseFailure(illegalArgumentException('Required [actions]'), ctx.offset('end'))
  return { minAge: minAge.text, minAgeMillis: minAge.millis, actions }
}

function parseMinAge(ctx: PolicyParseContext, text: string): { text: string; millis: number } {
  if (text.startsWith('-')) return { text: '0ms', millis: 0 }
  try {
    const value = parseTimeValue(text, 'min_age')
    return { text: timeValueStringRep(value), millis: timeValueMillis(value) }
  } catch (error) {
    throw ctx.valueFailure('phase', 'min_age', error as EsException)
  }
}

function parseAction(ctx: PolicyParseContext, name: string, value: XContentValue): LifecycleActionConfig {
  if (!isLifecycleAction(name)) {
    const at = ctx.offset('name')
    const { line, column } = locate(ctx.text, at)
    const error = new EsException({
      type: 'named_object_not_found_exception',
      reason: `[${line}:${column}] unknown field [${name}]`,
      status: 400,
      rootCause: false,
    })
    throw new ParseFailure(error, at)
  }
  return parseLifecycleAction(ctx, name, value)
}

/** LifecyclePolicy.validatePolicyName. */
export function validatePolicyName(name: string): void {
  const invalid = (why: string) => illegalArgumentException(`invalid policy name [${name}]: ${why}`)
  if (name === '') throw invalid('must not be null or empty')
  if (name.includes(',')) throw invalid("must not contain ','")
  if (name.includes(' ')) throw invalid('must not contain spaces')
  if (name.startsWith('_')) throw invalid("must not start with '_'")
  const bytes = new TextEncoder().encode(name).length
  if (bytes > 255) throw invalid(`name is too long, (${bytes} > 255)`)
}
