/**
 * `scripted_metric` as ES 8's ScriptedMetricAggregationBuilder, ScriptedMetricAggregatorFactory,
 * ScriptedMetricAggregator and InternalScriptedMetric run it, with four Painless scripts:
 * - parsing (ConstructingObjectParser): `init_script`, `map_script`, `combine_script`, `reduce_script` (each a
 *   string or an object, Script.parse) and `params` (an object); `map_script` is required (`Required [map_script]`);
 *   no sub-aggregations. Building it on a shard needs `combine_script` and then `reduce_script`
 *   (illegal_argument_exception `[combineScript] must not be null: [name]`), and merges the aggregation's `params`
 *   into each script's own: a name in both is `Parameter name "x" used in both aggregation and script parameters`
 *   (init, map, combine, then reduce).
 * - per shard and bucket: `state` starts as an empty HashMap, `init_script` runs on it (params, state), `map_script`
 *   once per document (params, state, doc), `combine_script` once (params, state) and its result is the shard's;
 *   each script gets its own deep copy of its params (HashMaps), the state is checked for self references after
 *   init and after map, the result after combine, and the result must be writeable (script/generic-value.ts).
 * - the final reduce runs `reduce_script` with `params` and `states`, every shard's result in shard order, even
 *   for one shard; its result (checked for self references, "reduce script") is printed as `{"value": ...}` the
 *   way XContentBuilder writes the Java object (a HashMap's keys in its hash order, doubles by Double.toString).
 * Stored scripts (`{"id": ...}`) are inlined by the shard before it parses the search (stored-script-resolver.ts).
 * Wire form: the shards' results (generic values) and the reduce script's source and merged params.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import type { JsonOut, XContentObject } from '../../../xcontent/index.ts'
import { DocLookup } from '../../../script/doc-lookup.ts'
import {
  checkWriteable,
  ensureNoSelfReferences,
  readGenericValue,
  writeGenericValue,
  type GenericValueWire,
} from '../../../script/generic-value.ts'
import { PainlessScript } from '../../../script/painless-script.ts'
import { JavaHashMap, fromXContent, toXContent, type Value } from '../../../script/painless-values.ts'
import { inlineSource, type ScriptSpec } from '../../../script/search-script.ts'
import { rejectSubAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'

const TYPE = 'scripted_metric'
const SCRIPT_FIELDS = ['init_script', 'map_script', 'combine_script', 'reduce_script'] as const
type ScriptField = (typeof SCRIPT_FIELDS)[number]

export interface ScriptedMetricWire extends AggregationWireHeader<'scripted_metric'> {
  readonly states: readonly GenericValueWire[]
  readonly reduceSource: string
  readonly reduceParams: GenericValueWire
}

export class InternalScriptedMetric extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    /** The shards' results; after the final reduce, the reduce script's result alone. */
    readonly states: readonly Value[],
    readonly reduceSource: string,
    readonly reduceParams: JavaHashMap,
  ) {
    super(name, meta)
  }

  static readFrom(wire: ScriptedMetricWire): InternalScriptedMetric {
    return new InternalScriptedMetric(
      wire.name,
      readMeta(wire.meta),
      wire.states.map(readGenericValue),
      wire.reduceSource,
      readGenericValue(wire.reduceParams) as JavaHashMap,
    )
  }

  writeTo(): ScriptedMetricWire {
    return {
      ...this.header(TYPE),
      states: this.states.map(writeGenericValue),
      reduceSource: this.reduceSource,
      reduceParams: writeGenericValue(this.reduceParams),
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const states = (all as readonly InternalScriptedMetric[]).flatMap((part) => part.states)
    const script = PainlessScript.compile(this.reduceSource, ['params', 'states'])
    const result = script.run(
      new Map<string, Value>([
        ['params', deepCopy(this.reduceParams)],
        ['states', states],
      ]),
    )
    ensureNoSelfReferences(result, 'reduce script')
    return new InternalScriptedMetric(this.name, this.meta, [result], this.reduceSource, this.reduceParams)
  }

  getType(): string {
    return TYPE
  }

  protected body(out: Map<string, JsonOut>): void {
    out.set('value', toXContent(this.states[0] ?? null))
  }
}

/** ScriptedMetricAggregatorFactory.deepCopyParams: every Map a new HashMap, every List a new list. */
function deepCopy<T extends Value>(value: T): T
function deepCopy(value: Value): Value {
  if (Array.isArray(value)) return value.map(deepCopy)
  if (value instanceof Map) return new JavaHashMap([...value].map(([k, v]) => [k, deepCopy(v)]))
  return value
}

/** ScriptedMetricAggregatorFactory.mergeParams: the script's params plus the aggregation's, which may not repeat one. */
function mergeParams(aggParams: JavaHashMap, spec: ScriptSpec | null): JavaHashMap {
  const merged = new JavaHashMap(
    spec === null ? [] : deepCopy(fromXContent(spec.params) as Map<string, Value>),
  )
  for (const [key, value] of aggParams) {
    if (merged.has(key)) {
      throw illegalArgumentException(`Parameter name "${key}" used in both aggregation and script parameters`)
    }
    merged.set(key, value)
  }
  return merged
}

export const scriptedMetricParser: AggregationParser = (name, body, meta, subs) => {
  rejectSubAggregations(name, TYPE, subs)
  const params = new AggregationParams(TYPE, body, [...SCRIPT_FIELDS, 'params'])
  const scripts = new Map<ScriptField, ScriptSpec>()
  for (const key of body.keys()) {
    const value = body.get(key)!
    if (key === 'params') {
      if (!(value instanceof Map)) throw params.wrongType(key, value)
      continue
    }
    if (typeof value !== 'string' && !(value instanceof Map)) throw params.wrongType(key, value)
    scripts.set(key as ScriptField, params.script(key))
  }
  const map = scripts.get('map_script')
  if (map === undefined) throw illegalArgumentException('Required [map_script]')
  const init = scripts.get('init_script') ?? null
  const combine = scripts.get('combine_script') ?? null
  const reduce = scripts.get('reduce_script') ?? null
  const aggParamsBody = params.object('params')
  const aggParams = new JavaHashMap(
    aggParamsBody === null ? [] : (fromXContent(aggParamsBody) as Map<string, Value>),
  )
  return {
    name,
    type: TYPE,
    meta,
    subs,
    collect(shard, docs) {
      // ScriptedMetricAggregationBuilder.doBuild, then the factory's merged params
      if (combine === null) throw illegalArgumentException(`[combineScript] must not be null: [${name}]`)
      if (reduce === null) throw illegalArgumentException(`[reduceScript] must not be null: [${name}]`)
      const initScript =
        init === null ? null : PainlessScript.compile(inlineSource(init), ['params', 'state'])
      const mapScript = PainlessScript.compile(inlineSource(map), ['params', 'state', 'doc'])
      const combineScript = PainlessScript.compile(inlineSource(combine), ['params', 'state'])
      const initParams = mergeParams(aggParams, init)
      const mapParams = mergeParams(aggParams, map)
      const combineParams = mergeParams(aggParams, combine)
      const reduceParams = mergeParams(aggParams, reduce)
      const reduceSource = inlineSource(reduce)

      const state = new JavaHashMap()
      initScript?.run(
        new Map<string, Value>([
          ['params', deepCopy(initParams)],
          ['state', state],
        ]),
      )
      ensureNoSelfReferences(state, 'Scripted metric aggs init script')
      if (docs.length > 0) {
        const doc = new DocLookup(shard.source, shard.index)
        const variables = new Map<string, Value>([
          ['params', deepCopy(mapParams)],
          ['state', state],
          ['doc', doc],
        ])
        for (const docId of docs) {
          doc.docId = docId
          mapScript.run(variables)
        }
        ensureNoSelfReferences(state, 'Scripted metric aggs map script')
      }
      const result = combineScript.run(
        new Map<string, Value>([
          ['params', deepCopy(combineParams)],
          ['state', state],
        ]),
      )
      ensureNoSelfReferences(result, 'Scripted metric aggs combine script')
      checkWriteable(result)
      return new InternalScriptedMetric(name, meta, [result], reduceSource, reduceParams)
    },
  }
}
