import { describe, expect, it } from 'vitest'
import {
  coordinatorPartition,
  javaStringHashCode,
  javaStringKeyOrder,
  topicPartitionHashCode,
  utilsAbs,
} from '../../../../workers/net/java-hash.ts'

describe('Java String.hashCode and the coordinator partition', () => {
  it('computes s[0]*31^(n-1) + ... + s[n-1] in wrapping int32', () => {
    expect(javaStringHashCode('')).toBe(0)
    // 'g' = 103, '1' = 49: 103 * 31 + 49
    expect(javaStringHashCode('g1')).toBe(3242)
    // 't' 116, 'e' 101, 's' 115, 't' 116: ((116*31 + 101)*31 + 115)*31 + 116
    expect(javaStringHashCode('test')).toBe(((116 * 31 + 101) * 31 + 115) * 31 + 116)
    expect(javaStringHashCode('test')).toBe(3556498)
    // a well-known Java string whose hashCode is Integer.MIN_VALUE
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648)
  })

  it('chooses __consumer_offsets partition Utils.abs(hashCode) % 50', () => {
    expect(coordinatorPartition('g1')).toBe(3242 % 50) // 42
    expect(coordinatorPartition('test')).toBe(48)
    expect(utilsAbs(-2147483648)).toBe(0)
    expect(coordinatorPartition('polygenelubricants')).toBe(0)
    expect(coordinatorPartition('test', 3)).toBe(3556498 % 3)
  })

  it('hashes TopicPartition as 31 * (31 + partition) + topic.hashCode()', () => {
    expect(topicPartitionHashCode('t', 2)).toBe(31 * 33 + 116)
  })

  it('iterates a HashMap by bucket then insertion order', () => {
    // 'a' (97) lands in bucket 1, 'b' (98) in bucket 2, 'q' (113) also in bucket 1 of 16
    expect(javaStringKeyOrder(['b', 'q', 'a'])).toEqual(['q', 'a', 'b'])
    // 13 keys force the table to 32 buckets: 'q' (113 & 31 = 17) now follows 'b' (98 & 31 = 2)
    const keys = ['b', 'q', 'a', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']
    expect(javaStringKeyOrder(keys).slice(0, 3)).toEqual(['a', 'b', 'c'])
  })
})
