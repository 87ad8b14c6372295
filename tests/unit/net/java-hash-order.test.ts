// javaStringKeyOrder against orders Elasticsearch really prints, and against a naive simulation of
// java.util.HashMap (separate chaining, appends to a bucket's list, doubling at 3/4 load by re-inserting).
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import {
  javaStringHashCode,
  javaStringKeyOrder,
  javaStringRecordHashCode,
} from '../../../workers/net/java-hash.ts'

function simulatedHashMap(keys: readonly string[]): string[] {
  let table: string[][] = Array.from({ length: 16 }, () => [])
  let size = 0
  const slot = (key: string, capacity: number): number => {
    const h = javaStringHashCode(key)
    return (h ^ (h >>> 16)) & (capacity - 1)
  }
  for (const key of keys) {
    table[slot(key, table.length)]!.push(key)
    if (++size > table.length * 0.75) {
      const next: string[][] = Array.from({ length: table.length * 2 }, () => [])
      for (const bucket of table) for (const k of bucket) next[slot(k, next.length)]!.push(k)
      table = next
    }
  }
  return table.flat()
}

describe('javaStringKeyOrder', () => {
  test('String.hashCode as Java computes it', () => {
    expect(javaStringHashCode('')).toBe(0)
    expect(javaStringHashCode('a')).toBe(97)
    expect(javaStringHashCode('hello')).toBe(99162322)
    expect(javaStringHashCode('abc')).toBe(96354)
    // The classic collision, and an overflowing one ("polygenelubricants" hashes to Integer.MIN_VALUE).
    expect(javaStringHashCode('Aa')).toBe(javaStringHashCode('BB'))
    expect(javaStringHashCode('polygenelubricants')).toBe(-(2 ** 31))
  })

  test('reproduces the order of GET /<index>/_settings in the ES 8 docs', () => {
    const sorted = [
      'creation_date',
      'number_of_replicas',
      'number_of_shards',
      'provided_name',
      'routing',
      'uuid',
      'version',
    ]
    expect(javaStringKeyOrder(sorted)).toEqual([
      'routing',
      'number_of_shards',
      'provided_name',
      'creation_date',
      'number_of_replicas',
      'uuid',
      'version',
    ])
  })

  test('matches a simulated java.util.HashMap, resizes included', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 12 }), { maxLength: 60 }), (keys) => {
        expect(javaStringKeyOrder(keys)).toEqual(simulatedHashMap(keys))
      }),
    )
  })

  test('hashes a record of Strings as javac-generated records do (values from a JDK 17 run)', () => {
    // record Definition(String indicatorName, String id, String cause, String action, String helpURL)
    expect(javaStringRecordHashCode(['shards_availability', 'a', 'b', 'c', 'd'])).toBe(368037575)
    expect(javaStringRecordHashCode([])).toBe(0)
  })
})
