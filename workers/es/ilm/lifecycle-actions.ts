/**
 * The ILM actions' parsers (x-pack core ilm, ES 8.17: RolloverAction, DeleteAction, SetPriorityAction,
 * ReadOnlyAction, ForceMergeAction, ShrinkAction, AllocateAction, MigrateAction) and what each prints
 * (LifecycleAction.toXContent), kept as compact JSON. Each parser is strict (an unknown field fails);
 * a constructor's check fails the build: inside the field whose arrival completed the constructor's
 * arguments, else at the object's end. The actions the playground does not run (searchable_snapshot,
 * downsample, freeze, unfollow, wait_for_snapshot) keep their object as given (docs/DEVIATIONS.md).
 */
import { illegalArgumentException, type EsException } from '../errors/index.ts'
import { XNumber, toJson, type JsonOut, type XContentValue } from '../xcontent/index.ts'
import { parseTimeValue } from '../common/time/index.ts'
import { parseBytes } from '../ingest/processors/string-processors.ts'
import { timeValueStringRep } from '../common/time/time-value-text.ts'
import { ParseFailure, type PolicyParseContext } from './policy-parse-context.ts'
import type { LifecycleActionConfig } from './lifecycle-policy.ts'

type FieldKind = 'time' | 'bytes' | 'long' | 'int' | 'int_or_null' | 'boolean' | 'string' | 'string_map'

interface ActionSpec {
  readonly fields: Readonly<Record<string, FieldKind>>
  /** The constructor's arguments: the build runs once all of them arrived, else at the object's end. */
  readonly args: readonly string[]
  readonly required: readonly string[]
  /** The constructor's check and the printed body, from the parsed fields. */
  build(fields: ReadonlyMap<string, JsonOut>): Map<string, JsonOut>
}

const CONDITIONS = ['size', 'primary_shard_size', 'age', 'docs', 'primary_shard_docs'] as const
const CONDITION_KIND: Record<(typeof CONDITIONS)[number], FieldKind> = {
  size: 'bytes',
  primary_shard_size: 'bytes',
  age: 'time',
  docs: 'long',
  primary_shard_docs: 'long',
}
const ROLLOVER_FIELDS = ['max', 'min'].flatMap((type) => CONDITIONS.map((m) => `${type}_${m}`))

const SPECS: Readonly<Record<string, ActionSpec>> = {
  rollover: {
    fields: Object.fromEntries(ROLLOVER_FIELDS.map((name) => [name, CONDITION_KIND[conditionMeasure(name)]])),
    args: ROLLOVER_FIELDS,
    required: [],
    build(fields) {
      if (!ROLLOVER_FIELDS.some((name) => name.startsWith('max_') && fields.has(name)))
        throw illegalArgumentException('At least one max_* rollover condition must be set.')
      return pick(fields, ROLLOVER_FIELDS)
    },
  },
  delete: {
    fields: { delete_searchable_snapshot: 'boolean' },
    args: ['delete_searchable_snapshot'],
    required: [],
    build: (fields) =>
      new Map([['delete_searchable_snapshot', fields.get('delete_searchable_snapshot') ?? true]]),
  },
  set_priority: {
    fields: { priority: 'int_or_null' },
    args: ['priority'],
    required: ['priority'],
    build(fields) {
      const priority = fields.get('priority')
      if (typeof priority === 'number' && priority < 0)
        throw illegalArgumentException('[priority] must be 0 or greater')
      return new Map([['priority', priority ?? null]])
    },
  },
  readonly: { fields: {}, args: [], required: [], build: () => new Map() },
  forcemerge: {
    fields: { max_num_segments: 'int', index_codec: 'string' },
    args: ['max_num_segments', 'index_codec'],
    required: ['max_num_segments'],
    build(fields) {
      if ((fields.get('max_num_segments') as number) <= 0)
        throw illegalArgumentException('[max_num_segments] must be a positive integer')
      const codec = fields.get('index_codec')
      if (typeof codec === 'string' && codec !== 'best_compression')
        throw illegalArgumentException(`unknown index codec: [${codec}]`)
      return pick(fields, ['max_num_segments', 'index_codec'])
    },
  },
  shrink: {
    fields: { number_of_shards: 'int', max_primary_shard_size: 'bytes', allow_write_after_shrink: 'boolean' },
    args: ['number_of_shards', 'max_primary_shard_size', 'allow_write_after_shrink'],
    required: [],
    build(fields) {
      const shards = fields.get('number_of_shards')
      const size = fields.get('max_primary_shard_size')
      if (shards !== undefined && size !== undefined)
        throw illegalArgumentException('Cannot set both [number_of_shards] and [max_primary_shard_size]')
      if (shards === undefined && size === undefined)
        throw illegalArgumentException('Either [number_of_shards] or [max_primary_shard_size] must be set')
      if (typeof shards === 'number' && shards <= 0)
        throw illegalArgumentException('[number_of_shards] must be greater than 0')
      const out = pick(fields, ['number_of_shards', 'max_primary_shard_size'])
      out.set('allow_write_after_shrink', fields.get('allow_write_after_shrink') ?? false)
      return out
    },
  },
  allocate: {
    fields: {
      number_of_replicas: 'int',
      total_shards_per_node: 'int',
      include: 'string_map',
      exclude: 'string_map',
      require: 'string_map',
    },
    args: ['number_of_replicas', 'total_shards_per_node', 'include', 'exclude', 'require'],
    required: [],
    build(fields) {
      const maps = ['include', 'exclude', 'require'] as const
      const empty = maps.every(
        (key) => ((fields.get(key) as Map<string, JsonOut> | undefined)?.size ?? 0) === 0,
      )
      if (empty && !fields.has('number_of_replicas') && !fields.has('total_shards_per_node')) {
        throw illegalArgumentException(
          'At least one of include, exclude, require, number_of_replicas or total_shards_per_node must contain attributes for action allocate',
        )
      }
      if (
        (fields.get('number_of_replicas') as number | undefined) !== undefined &&
        (fields.get('number_of_replicas') as number) < 0
      )
        throw illegalArgumentException('[number_of_replicas] must be >= 0')
      if (
        (fields.get('total_shards_per_node') as number | undefined) !== undefined &&
        (fields.get('total_shards_per_node') as number) < -1
      )
        throw illegalArgumentException('[total_shards_per_node] must be >= -1')
      const out = pick(fields, ['number_of_replicas', 'total_shards_per_node'])
      for (const key of maps) out.set(key, fields.get(key) ?? new Map())
      return out
    },
  },
  migrate: {
    fields: { enabled: 'boolean' },
    args: ['enabled'],
    required: [],
    build: (fields) => new Map([['enabled', fields.get('enabled') ?? true]]),
  },
}

/** The actions kept as given: accepted in their phases, but never run here. */
const KEPT_AS_GIVEN: ReadonlySet<string> = new Set([
  'searchable_snapshot',
  'downsample',
  'freeze',
  'unfollow',
  'wait_for_snapshot',
])

function conditionMeasure(name: string): (typeof CONDITIONS)[number] {
  return CONDITIONS.find((measure) => name.slice(4) === measure)!
}

function pick(fields: ReadonlyMap<string, JsonOut>, keys: readonly string[]): Map<string, JsonOut> {
  return new Map(keys.filter((key) => fields.has(key)).map((key) => [key, fields.get(key)!]))
}

/** Whether the registry knows an ILM action of this name (else named_object_not_found_exception). */
export function isLifecycleAction(name: string): boolean {
  return Object.hasOwn(SPECS, name) || KEPT_AS_GIVEN.has(name)
}

/** Parses one action's object at `ctx` (a known name); failures are ParseFailures located in the body. */
export function parseLifecycleAction(
  ctx: PolicyParseContext,
  name: string,
  value: XContentValue,
): LifecycleActionConfig {
  if (!(value instanceof Map)) {
    throw new ParseFailure(
      ctx.error(ctx.offset(), `[${name}] Expected START_OBJECT but was: VALUE`),
      ctx.offset(),
    )
  }
  const spec = SPECS[name]
  if (spec === undefined) return { json: toJson(value) }
  const fields = new Map<string, JsonOut>()
  let built: Map<string, JsonOut> | null = null
  for (const [key, field] of value) {
    const kind = spec.fields[key]
    if (kind === undefined) throw ctx.unknownField(name, key)
    fields.set(key, readField(ctx, name, key, kind, field))
    if (spec.args.length > 0 && spec.args.every((arg) => fields.has(arg))) {
      try {
        built = spec.build(fields)
      } catch (error) {
        throw ctx.wrap(name, key, ctx.child(key).buildFailure(name, error as EsException))
      }
    }
  }
  const missing = spec.required.filter((key) => !fields.has(key))
  if (missing.length > 0) {
    throw new ParseFailure(illegalArgumentException(`Required [${missing.join(', ')}]`), ctx.offset('end'))
  }
  if (built === null) {
    try {
      built = spec.build(fields)
    } catch (error) {
      throw ctx.buildFailure(name, error as EsException)
    }
  }
  return { json: toJson(built) }
}

function readField(
  ctx: PolicyParseContext,
  parser: string,
  key: string,
  kind: FieldKind,
  value: XContentValue,
): JsonOut {
  const scalar = typeof value === 'string' || value instanceof XNumber || typeof value === 'boolean'
  if (kind === 'string_map') {
    if (!(value instanceof Map)) throw ctx.unsupportedValue(parser, key, value)
    return new Map(
      [...value].map(([k, v]) => [k, v instanceof Map || Array.isArray(v) ? toJson(v) : String(v)]),
    )
  }
  if (kind === 'int_or_null' && value === null) return null
  if (!scalar) throw ctx.unsupportedValue(parser, key, value)
  const text = String(value)
  try {
    switch (kind) {
      case 'time':
        return timeValueStringRep(parseTimeValue(text, key))
      case 'bytes':
        parseBytes(text, key)
        return text.toLowerCase().trim()
      case 'boolean':
        if (text !== 'true' && text !== 'false')
          throw illegalArgumentException(
            `Failed to parse value [${text}] as only [true] or [false] are allowed.`,
          )
        return text === 'true'
      case 'string':
        return text
      default:
        return integerValue(text, kind === 'long')
    }
  } catch (error) {
    throw ctx.valueFailure(parser, key, error as EsException)
  }
}

/** XContentParser.intValue / longValue over a number or a numeric string. */
function integerValue(text: string, long: boolean): number {
  const value = Number(text)
  const limit = long ? 2 ** 63 : 2 ** 31
  if (text.trim() === '' || !Number.isFinite(value) || value < -limit || value >= limit) {
    throw illegalArgumentException(`For input string: "${text}"`)
  }
  return Math.trunc(value)
}
