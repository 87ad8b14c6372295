/**
 * Elasticsearch's Murmur3HashFunction: murmurhash3_x86_32 (seed 0) over the routing string's UTF-16
 * code units, each written low byte first (two bytes per Java char), as ES hashes `_routing` or `_id`.
 */
const C1 = 0xcc9e2d51
const C2 = 0x1b873593

export function murmur3HashRouting(routing: string): number {
  const length = routing.length * 2
  let h = 0
  const blocks = routing.length >> 1
  for (let i = 0; i < blocks; i++) {
    const k0 = routing.charCodeAt(i * 2)
    const k1 = routing.charCodeAt(i * 2 + 1)
    let k = k0 | (k1 << 16) | 0
    k = Math.imul(k, C1)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, C2)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  if (routing.length % 2 === 1) {
    let k = routing.charCodeAt(routing.length - 1)
    k = Math.imul(k, C1)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, C2)
    h ^= k
  }
  h ^= length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}
