// The pure rules of a rollover (ES 8.17's MetadataRolloverService, RolloverConditions, TimeValue.toString)
// and of date math index names (DateMathExpressionResolver).
import { describe, expect, it } from 'vitest'
import {
  areConditionsMet,
  evaluateConditions,
  parseRolloverConditions,
  type RolloverStats,
} from '../../../../workers/es/cluster/metadata/rollover-conditions.ts'
import { generateRolloverIndexName } from '../../../../workers/es/cluster/metadata/metadata-rollover-service.ts'
import { resolveDateMathExpression } from '../../../../workers/es/cluster/metadata/date-math-index-name.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { humanReadableNanos } from '../../../../workers/es/common/time/time-value-text.ts'

const NOW = Date.UTC(2026, 0, 15, 10, 30)

function conditions(text: string) {
  const body = parseJson(text)
  if (!(body instanceof Map)) throw new Error('an object body')
  return parseRolloverConditions(text, body.get('conditions') ?? null)
}

const stats: RolloverStats = {
  ageMillis: 2 * 86_400_000,
  docs: 10,
  sizeBytes: 4096,
  maxPrimaryShardBytes: 4096,
  maxPrimaryShardDocs: 10,
}

describe('rollover index names', () => {
  it('adds one to the trailing number, six digits, keeping a date math expression', () => {
    expect(generateRolloverIndexName('logs-1', NOW)).toBe('logs-000002')
    expect(generateRolloverIndexName('logs-000009', NOW)).toBe('logs-000010')
    expect(generateRolloverIndexName('<logs-{now/d}-1>', NOW)).toBe('<logs-{now/d}-000002>')
  })

  it('refuses a name not ending in -<number>', () => {
    expect(() => generateRolloverIndexName('logs', NOW)).toThrow(
      "index name [logs] does not match pattern '^.*-\\d+$'",
    )
  })

  it('resolves date math names with the default format, a format and a time zone', () => {
    expect(resolveDateMathExpression('<logs-{now/d}-1>', NOW)).toBe('logs-2026.01.15-1')
    expect(resolveDateMathExpression('<logs-{now/M{yyyy.MM}}>', NOW)).toBe('logs-2026.01')
    expect(resolveDateMathExpression('<logs-{now-1d/d{yyyy.MM.dd|+12:00}}>', NOW)).toBe('logs-2026.01.14')
    expect(resolveDateMathExpression('plain-name', NOW)).toBe('plain-name')
    expect(resolveDateMathExpression('<a\\{b\\}>', NOW)).toBe('a{b}')
  })
})

describe('rollover conditions', () => {
  it('prints each condition as Condition.toString does', () => {
    const parsed = conditions(
      '{"conditions":{"max_age":"90m","max_docs":5,"max_size":"1536b","min_primary_shard_docs":"3","max_primary_shard_size":"50gb"}}',
    )
    expect(parsed.map((c) => c.text)).toEqual([
      '[max_age: 1.5h]',
      '[max_docs: 5]',
      '[max_size: 1.5kb]',
      '[min_primary_shard_docs: 3]',
      '[max_primary_shard_size: 50gb]',
    ])
  })

  it('TimeValue.toString: largest unit, one decimal truncated, zero fraction dropped', () => {
    expect(humanReadableNanos(7 * 86_400e9, 1)).toBe('7d')
    expect(humanReadableNanos(0, 1)).toBe('0s')
    expect(humanReadableNanos(1_999e6, 1)).toBe('1.9s')
    expect(humanReadableNanos(250e6, 1)).toBe('250ms')
  })

  it('needs every min_* and one max_*; no conditions always rolls over', () => {
    const parsed = conditions('{"conditions":{"max_docs":100,"max_age":"1d","min_docs":5}}')
    const results = evaluateConditions(parsed, stats)
    expect(Object.fromEntries(results)).toEqual({
      '[max_docs: 100]': false,
      '[max_age: 1d]': true,
      '[min_docs: 5]': true,
    })
    expect(areConditionsMet(parsed, results)).toBe(true)
    const unmet = conditions('{"conditions":{"max_age":"1d","min_docs":50}}')
    expect(areConditionsMet(unmet, evaluateConditions(unmet, stats))).toBe(false)
    expect(areConditionsMet([], new Map())).toBe(true)
  })

  it('a bad value is wrapped twice at the value, an unknown condition at its name', () => {
    const bad = '{"conditions":{"max_age":"abc"}}'
    expect(() => conditions(bad)).toThrow('[1:26] [rollover] failed to parse field [conditions]')
    try {
      conditions(bad)
    } catch (error) {
      const inner = (error as { causedBy: { reason: string; causedBy: { reason: string } } }).causedBy
      expect(inner.reason).toBe('[1:26] [rollover_conditions] failed to parse field [max_age]')
      expect(inner.causedBy.reason).toBe(
        'failed to parse setting [max_age] with value [abc] as a time value: unit is missing or unrecognized',
      )
    }
    expect(() => conditions('{"conditions":{"max_dogs":1}}')).toThrow(
      '[1:16] [rollover] failed to parse field [conditions]',
    )
    // ObjectParser's SuggestingErrorOnUnknown: the condition names above 0.5 Levenshtein similarity, best first
    try {
      conditions('{"conditions":{"max_dogs":1}}')
    } catch (error) {
      expect((error as { causedBy: { reason: string } }).causedBy.reason).toBe(
        '[1:16] [rollover_conditions] unknown field [max_dogs] did you mean any of [max_docs, max_age, min_docs]?',
      )
    }
  })
})
