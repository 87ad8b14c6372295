// murmur2 against Kafka's UtilsTest.testMurmur2 vectors, toPositive, and the keyed partition rule.
import { describe, expect, it } from 'vitest'
import { murmur2, partitionForKey, toPositive } from '../../../workers/clients/kafka/producer/murmur2.ts'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('murmur2', () => {
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j to %d as Kafka UtilsTest says', (input, expected) => {
    expect(murmur2(utf8(input))).toBe(expected)
  })

  it('toPositive masks the sign bit as Utils.toPositive does', () => {
    expect([toPositive(-973932308), toPositive(0), toPositive(-1), toPositive(-2147483648)]).toEqual([
      1173551340, 0, 2147483647, 0,
    ])
  })

  it('places a key at toPositive(murmur2(key)) % partitions', () => {
    expect(partitionForKey(utf8('21'), 3)).toBe(1173551340 % 3)
    expect(partitionForKey(utf8('foobar'), 7)).toBe(toPositive(-790332482) % 7)
  })
})
