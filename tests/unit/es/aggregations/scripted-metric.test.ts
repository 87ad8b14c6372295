// scripted_metric as ES 8 runs it: the docs' "profit" example over the docs' ledger documents, painless/130_metric_agg.yml
// (with doc values for its fields API call), params merging, states, the printed value, and the builder's errors.
import { describe, expect, it } from 'vitest'
import { aggregate, parseFailure, shard, type Doc, type Types } from './fixture.ts'
import { failure } from '../es-failure.ts'
import {
  collectAggregations,
  parseAggregations,
  readAggregations,
  reduceShardAggregations,
  writeAggregations,
  aggregationsResponse,
} from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson, toJson } from '../../../../workers/es/xcontent/index.ts'
import { resolveStoredScripts } from '../../../../workers/es/script/stored-script-resolver.ts'

// docs/build.gradle's ledger index
const ledger: Doc[] = [
  { amount: 200, type: 'sale' },
  { amount: 10, type: 'expense' },
  { amount: 150, type: 'sale' },
  { amount: 50, type: 'expense' },
  { amount: 50, type: 'expense' },
]
const types: Types = { amount: 'long', type: 'keyword', double: 'double' }
const run = (aggs: string, docs: readonly Doc[] = ledger) =>
  aggregate([{ docs: docs.slice(0, 2) }, { docs: docs.slice(2) }], types, aggs)

const PROFIT = {
  init_script: 'state.transactions = []',
  map_script: "state.transactions.add(doc.type.value == 'sale' ? doc.amount.value : -1 * doc.amount.value)",
  combine_script: 'double profit = 0; for (t in state.transactions) { profit += t } return profit',
  reduce_script: 'double profit = 0; for (a in states) { profit += a } return profit',
}
const scripted = (body: object) => JSON.stringify({ m: { scripted_metric: body } })

describe('scripted_metric', () => {
  it('runs the docs` profit example: init, map per document, combine per shard, reduce over the states', () => {
    expect(run(JSON.stringify({ profit: { scripted_metric: PROFIT } }))).toBe('{"profit":{"value":240.0}}')
  })

  it('sums a double field as painless/130_metric_agg.yml does', () => {
    const docs: Doc[] = [{ double: 1.0 }, { double: 1.0 }, { double: 2.0 }]
    const body = scripted({
      init_script: 'state.transactions = []',
      map_script: "state.transactions.add(doc['double'].value)",
      combine_script: 'double total = 0.0; for (t in state.transactions) { total += t } return total',
      reduce_script: 'double total = 0; for (a in states) { total += a } return total',
    })
    expect(run(body, docs)).toBe('{"m":{"value":4.0}}')
  })

  it('gives reduce every shard`s result in shard order, a shard without documents after init and combine', () => {
    const body = scripted({
      init_script: 'state.n = params.start',
      map_script: 'state.n += 1',
      combine_script: 'return state.n',
      reduce_script: 'return states',
      params: { start: 10 },
    })
    expect(aggregate([{ docs: ledger }, { docs: [] }, { docs: ledger.slice(3) }], types, body)).toBe(
      '{"m":{"value":[15,10,12]}}',
    )
  })

  it('prints a HashMap in Java`s hash order and a LinkedHashMap from params in insertion order', () => {
    const body = scripted({
      map_script: 'state.seen = true',
      combine_script: "[ 'zeta': 1, 'alpha': 2L, 'mid': 0.5f ]",
      reduce_script:
        "def m = ['states': states.size(), 'given': params.given]; m.putAll(states[0]); return m",
      params: { given: { b: 1, a: 2 } },
    })
    expect(run(body)).toBe(
      // String.hashCode buckets of 16: zeta 0, given 1, alpha 7, mid 9, states 15
      '{"m":{"value":{"zeta":1,"given":{"a":2,"b":1},"alpha":2,"mid":0.5,"states":2}}}',
    )
  })

  it('carries the shards` results and the reduce script across the wire', () => {
    const builders = parseAggregations(parseJson(JSON.stringify({ profit: { scripted_metric: PROFIT } })))
    const perShard = [ledger.slice(0, 2), ledger.slice(2)].map((docs) =>
      readAggregations(
        writeAggregations(
          collectAggregations(
            builders,
            shard(docs, types),
            docs.map((_, i) => i),
          ),
        ),
      ),
    )
    expect(toJson(aggregationsResponse(reduceShardAggregations(perShard, undefined, builders)))).toBe(
      '{"profit":{"value":240.0}}',
    )
  })

  it('refuses a parameter the aggregation and a script both name, and incomplete builders, on the shard', () => {
    expect(
      failure(() =>
        run(
          scripted({ ...PROFIT, params: { x: 1 }, map_script: { source: 'state.x = 1', params: { x: 2 } } }),
        ),
      ),
    ).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Parameter name "x" used in both aggregation and script parameters',
    })
    expect(failure(() => run(scripted({ map_script: 'state.x = 1' })))).toEqual({
      type: 'illegal_argument_exception',
      reason: '[combineScript] must not be null: [m]',
    })
    expect(failure(() => run(scripted({ map_script: 'state.x = 1', combine_script: 'state' })))).toEqual({
      type: 'illegal_argument_exception',
      reason: '[reduceScript] must not be null: [m]',
    })
  })

  it('refuses self references and results that cannot cross the wire', () => {
    const base = { ...PROFIT, combine_script: 'return state' }
    expect(failure(() => run(scripted({ ...base, map_script: 'state.me = state' })))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Iterable object is self-referencing itself (Scripted metric aggs map script)',
    })
    expect(failure(() => run(scripted({ ...base, map_script: "state.v = doc['amount']" })))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Cannot write type [org.elasticsearch.index.fielddata.ScriptDocValues.Longs] to stream',
    })
    expect(
      failure(() => run(scripted({ ...base, reduce_script: 'def l = []; l.add(l); return l' }))),
    ).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Iterable object is self-referencing itself (reduce script)',
    })
  })

  it('parses as ConstructingObjectParser does', () => {
    expect(parseFailure(scripted({ init_script: 'state.x = 1' }))).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Required [map_script]"}],' +
        '"type":"illegal_argument_exception","reason":"Required [map_script]"},"status":400}',
    )
    expect(parseFailure(scripted({ map_script: 1 }), { locations: true })).toContain(
      '"reason":"[1:39] [scripted_metric] map_script doesn\'t support values of type: VALUE_NUMBER"',
    )
    expect(parseFailure(scripted({ map_script: 's', params: 'p' }))).toContain(
      "[scripted_metric] params doesn't support values of type: VALUE_STRING",
    )
    expect(parseFailure(scripted({ map_scripts: 's' }))).toContain(
      '[scripted_metric] unknown field [map_scripts] did you mean any of [map_script, init_script]?',
    )
    expect(parseFailure(scripted({ map_script: { source: 's', lang: 'expression' } }))).toContain(
      '[scripted_metric] failed to parse field [map_script]',
    )
  })

  it('runs stored scripts, which the shard inlines in each script`s context', () => {
    const stored: Record<string, string> = {
      init: PROFIT.init_script,
      map: PROFIT.map_script,
      combine: PROFIT.combine_script,
      reduce: PROFIT.reduce_script,
    }
    const lookup = (id: string) => ({ lang: 'painless', source: stored[id]! })
    const body = JSON.stringify({
      profit: {
        scripted_metric: {
          init_script: { id: 'init' },
          map_script: { id: 'map' },
          combine_script: { id: 'combine' },
          reduce_script: { id: 'reduce' },
        },
      },
    })
    expect(run(resolveStoredScripts(body, lookup)!)).toBe('{"profit":{"value":240.0}}')
    const template = (id: string) => ({ lang: id === 'map' ? 'mustache' : 'painless', source: stored[id]! })
    expect(failure(() => resolveStoredScripts(body, template))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'mustache engine does not know how to handle context [aggs_map]',
    })
  })
})
