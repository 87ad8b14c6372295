/**
 * Reading an aggregation's body as ES's ObjectParser does: each known key with its expected token kind,
 * unknown keys rejected with `[<type>] unknown field [<key>]` (an XContentParseException) and
 * SuggestingErrorOnUnknown's ` did you mean [<known>]?` over the keys the aggregation accepts, wrong kinds with
 * `[<type>] <key> doesn't support values of type: <TOKEN>`. Each error carries the `[line:col]` of the token the
 * parser stood on (getTokenLocation): the unknown key's name, or the refused value (tokenLocation).
 */
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { parseScriptSpec, type ScriptSpec } from '../../script/search-script.ts'
import { suggest } from '../../common/did-you-mean.ts'
import { ZoneId } from '../../common/time/index.ts'
import { scriptValuesType, type ScriptValuesType } from './script-values.ts'
import type { ValuesSourceSpec } from './values-source.ts'
import {
  XNumber,
  tokenLocation,
  valueEndLocation,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'

export class AggregationParams {
  constructor(
    readonly type: string,
    readonly body: XContentObject,
    allowed: readonly string[],
  ) {
    for (const key of body.keys()) {
      if (!allowed.includes(key)) {
        const [line, col] = tokenLocation(body, key, 'key')
        throw xContentParseException(line, col, `[${type}] unknown field [${key}]${suggest(key, allowed)}`)
      }
    }
  }

  has(key: string): boolean {
    return this.body.has(key)
  }

  raw(key: string): XContentValue | undefined {
    return this.body.get(key)
  }

  string(key: string): string | null {
    const value = this.body.get(key)
    if (value === undefined || value === null) return null
    if (typeof value === 'string') return value
    if (value instanceof XNumber || typeof value === 'boolean') return String(value)
    throw this.wrongType(key, value)
  }

  number(key: string): number | null {
    const value = this.body.get(key)
    if (value === undefined || value === null) return null
    if (value instanceof XNumber) return value.value
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value)
    throw this.wrongType(key, value)
  }

  /**
   * `time_zone` as ValuesSourceAggregationBuilder's parser declares it (zoneOf); a zone it refuses (an unknown
   * region) is ObjectParser's "failed to parse field [time_zone]" caused by the refusal.
   */
  timeZone(): ZoneId | null {
    const value = this.body.get('time_zone')
    if (value === undefined || value === null) return null
    const text = value instanceof XNumber ? value.value : this.string('time_zone')
    try {
      return text === null ? null : zoneOf(text)
    } catch (cause) {
      if (!(cause instanceof EsException)) throw cause
      throw this.fieldFailure('time_zone', cause)
    }
  }

  /** An int parameter (`size`), rejecting fractions as Jackson's getIntValue coercion would not. */
  int(key: string): number | null {
    const n = this.number(key)
    return n === null ? null : Math.trunc(n)
  }

  boolean(key: string): boolean | null {
    const value = this.body.get(key)
    if (value === undefined || value === null) return null
    if (typeof value === 'boolean') return value
    if (value === 'true' || value === 'false') return value === 'true'
    throw this.wrongType(key, value)
  }

  object(key: string): XContentObject | null {
    const value = this.body.get(key)
    if (value === undefined || value === null) return null
    if (value instanceof Map) return value
    throw this.wrongType(key, value)
  }

  /**
   * The `field` of a values-source aggregation that reads no script in the playground: a `script` is refused as not
   * available, no field as ES's ValuesSourceAggregationBuilder refuses it.
   */
  requiredField(): string {
    if (this.has('script'))
      throw illegalArgumentException(`[${this.type}] a [script] is not available in the playground`)
    return this.fieldOrNone()
  }

  /**
   * Where a values-source aggregation reads its values (ValuesSourceConfig.resolve): its `field`; its `script`, read
   * as the `value_type` hint says (script-values.ts) or as `scriptDefault`; or, with both, the field's values run
   * through the script as `_value` (a value script), read as the hint says or as the field's type.
   */
  valuesSource(scriptDefault: ScriptValuesType): ValuesSourceSpec {
    const hint = this.string('value_type')
    if (!this.has('script')) {
      const field = this.fieldOrNone()
      // an unmapped field's ip hint is not built: the field stays untyped
      const valueType = hint === 'ip' ? null : scriptValuesType(hint)
      return valueType === null ? field : { field, script: null, valueType }
    }
    const script = this.script('script')
    const valueType = scriptValuesType(hint)
    const field = this.string('field')
    return field === null ? { script, valueType: valueType ?? scriptDefault } : { field, script, valueType }
  }

  /** A script field read by Script.parse (a parse failure is the ObjectParser's "[type] failed to parse field [key]"). */
  script(key: string): ScriptSpec {
    try {
      return parseScriptSpec(this.raw(key))
    } catch (cause) {
      if (!(cause instanceof EsException)) throw cause
      throw this.fieldFailure(key, cause)
    }
  }

  private fieldOrNone(): string {
    const field = this.string('field')
    if (field === null) {
      throw illegalArgumentException('Required one of fields [field, script], but none were specified. ')
    }
    return field
  }

  wrongType(key: string, value: XContentValue): EsException {
    const [line, col] = tokenLocation(this.body, key, 'value')
    return xContentParseException(
      line,
      col,
      `[${this.type}] ${key} doesn't support values of type: ${tokenName(value)}`,
    )
  }

  /** ObjectParser's "failed to parse field [key]" at the key's value, caused by a builder setter's refusal. */
  fieldFailure(key: string, cause: EsException): EsException {
    const [line, col] = tokenLocation(this.body, key, 'value')
    return xContentParseException(line, col, `[${this.type}] failed to parse field [${key}]`, cause)
  }
}

/**
 * Where the parser stood when `cause` was thrown inside a field's value, which ObjectParser's "failed to parse
 * field" repeats: the cause's own location (an XContentParseException's `[line:col]`, a ParsingException's line and
 * col) when it has one, else `fallback` (where the field's parser stands when it refuses what it read).
 */
export function failureLocation(cause: EsException, fallback: [number, number]): [number, number] {
  const located = /^\[(\d+):(\d+)\] /.exec(cause.reason)
  if (cause.type === 'x_content_parse_exception' && located !== null)
    return [Number(located[1]), Number(located[2])]
  const line = cause.metadata.find(([name]) => name === 'line')?.[1]
  const col = cause.metadata.find(([name]) => name === 'col')?.[1]
  return typeof line === 'number' && typeof col === 'number' ? [line, col] : fallback
}

/** A `time_zone` value: a string is a zone id (ZoneId.of), a number an offset in hours (ZoneOffset.ofHours). */
export function zoneOf(value: string | number): ZoneId {
  if (typeof value === 'string') return ZoneId.of(value)
  const hours = Math.trunc(value)
  return ZoneId.of(`${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`)
}

export function tokenName(value: XContentValue): string {
  if (value === null) return 'VALUE_NULL'
  if (typeof value === 'string') return 'VALUE_STRING'
  if (typeof value === 'boolean') return 'VALUE_BOOLEAN'
  if (value instanceof XNumber) return 'VALUE_NUMBER'
  return Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT'
}

/**
 * ConstructingObjectParser's failure to build its object once its last constructor argument arrived: "Failed to build
 * [type] after last required field arrived", caused by the constructor's refusal; when the build ran as field `last`
 * was parsed, wrapped in ObjectParser's "[type] failed to parse field [last]" at the end of that field's value (null:
 * built at the object's end, unwrapped).
 */
export function constructingBuildFailure(
  type: string,
  body: XContentObject,
  last: string | null,
  reason: string,
): EsException {
  const build = new EsException({
    type: 'x_content_parse_exception',
    reason: `Failed to build [${type}] after last required field arrived`,
    status: 400,
    causedBy: illegalArgumentException(reason),
    rootCause: false,
  })
  if (last === null) return build
  return xContentParseException(
    ...valueEndLocation(body, last),
    `[${type}] failed to parse field [${last}]`,
    build,
  )
}
