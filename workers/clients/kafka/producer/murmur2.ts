/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2, seed 0x9747b28c) and toPositive: the
 * Java producer's default partitioner for keyed records is toPositive(murmur2(keyBytes)) % partitions.
 * Computed in 32-bit integer arithmetic exactly as Java's int overflow does.
 */
const SEED = 0x9747b28c
const M = 0x5bd1e995
const R = 24

export function murmur2(data: Uint8Array): number {
  const length = data.length
  let h = SEED ^ length
  const length4 = length >> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    let k =
      (data[i4]! & 0xff) +
      ((data[i4 + 1]! & 0xff) << 8) +
      ((data[i4 + 2]! & 0xff) << 16) +
      ((data[i4 + 3]! & 0xff) << 24)
    k = Math.imul(k, M)
    k ^= k >>> R
    k = Math.imul(k, M)
    h = Math.imul(h, M)
    h ^= k
  }
  const tail = length4 * 4
  const remaining = length % 4
  if (remaining === 3) h ^= (data[tail + 2]! & 0xff) << 16
  if (remaining >= 2) h ^= (data[tail + 1]! & 0xff) << 8
  if (remaining >= 1) {
    h ^= data[tail]! & 0xff
    h = Math.imul(h, M)
  }
  h ^= h >>> 13
  h = Math.imul(h, M)
  h ^= h >>> 15
  return h | 0
}

export function toPositive(n: number): number {
  return n & 0x7fffffff
}

export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  return toPositive(murmur2(key)) % numPartitions
}
