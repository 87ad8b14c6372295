// java.util.HashMap iteration order, checked against JDK 17: `new HashMap<>(n)` filled with the sorted
// keys, then keySet() printed (the expected arrays are that output).
import { describe, expect, it } from 'vitest'
import { javaHashMapOrder } from '../../../../workers/tools/kafka/java-hash-map.ts'

describe('javaHashMapOrder', () => {
  it.each([
    [
      ['audit', 'orders'],
      ['audit', 'orders'],
    ],
    [
      ['audit', 'orders', 'payments', 'pinned'],
      ['orders', 'pinned', 'audit', 'payments'],
    ],
    [
      ['a', 'b', 'clicks', 'demo', 'my-topic', 'orders', 'test'],
      ['a', 'b', 'test', 'clicks', 'orders', 'my-topic', 'demo'],
    ],
  ])('orders %j as Java does', (keys, expected) => {
    expect(javaHashMapOrder(keys)).toEqual(expected)
  })
})
