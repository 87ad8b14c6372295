// ES's document routing: Murmur3HashFunction over the routing string's UTF-16 code units and
// OperationRouting's floorMod(hash, routing_num_shards) / routing_factor, checked against the vectors of
// elastic/elasticsearch's Murmur3HashFunctionTests.testKnownValues and IndexRoutingTests (testBWC with 8
// shards and routing_num_shards 8; testSimpleRoutingPreAndPostModRoutingChange: id "1" on 2 shards with
// routing_num_shards 1024, the 8.x default, is shard 0), and MetadataCreateIndexService.
// calculateNumRoutingShards (numShards * 2^max(1, 10 - ceil(log2 numShards))).
import { describe, expect, it } from 'vitest'
import { murmur3HashRouting } from '../../../../workers/es/cluster/routing/murmur3.ts'
import { defaultRoutingNumShards, shardId } from '../../../../workers/es/cluster/routing/operation-routing.ts'

describe('Murmur3HashFunction', () => {
  it.each([
    [0x5a0cb7c3, 'hell'],
    [0xd7c31989, 'hello'],
    [0x22ab2984, 'hello w'],
    [0xdf0ca123, 'hello wo'],
    [0xe7744d61, 'hello wor'],
    [0xe07db09c, 'The quick brown fox jumps over the lazy dog'],
    [0x4e63d2ad, 'The quick brown fox jumps over the lazy cog'],
  ])('hash = %i for %j (a signed Java int)', (expected, input) => {
    expect(murmur3HashRouting(input)).toBe(expected | 0)
  })
})

describe('OperationRouting', () => {
  it('defaultRoutingNumShards: 1 → 1024, 5 → 640, and the other shard counts', () => {
    expect(defaultRoutingNumShards(1)).toBe(1024)
    expect(defaultRoutingNumShards(5)).toBe(640)
    expect([2, 3, 4, 8, 512, 1024, 1500].map(defaultRoutingNumShards)).toEqual([
      1024, 768, 1024, 1024, 1024, 2048, 3000,
    ])
  })

  it('IndexRoutingTests.testBWC: 8 shards, routing_num_shards 8', () => {
    const expected: Array<[string, number]> = [
      ['sEERfFzPSI', 1],
      ['cNRiIrjzYd', 7],
      ['BgfLBXUyWT', 5],
      ['cnepjZhQnb', 3],
      ['OKCmuYkeCK', 6],
      ['OutXGRQUja', 5],
      ['yCdyocKWou', 1],
      ['KXuNWWNgVj', 2],
      ['DGJOYrpESx', 4],
      ['upLDybdTGs', 5],
      ['yhZhzCPQby', 1],
      ['EyCVeiCouA', 1],
      ['tFyVdQauWR', 6],
      ['nyeRYDnDQr', 6],
      ['hswhrppvDH', 0],
      ['BSiWvDOsNE', 5],
      ['YHicpFBSaY', 1],
      ['EquPtdKaBZ', 4],
      ['rSjLZHCDfT', 5],
      ['qoZALVcite', 7],
      ['yDCCPVBiCm', 7],
      ['ngizYtQgGK', 5],
      ['FYQRIBcNqz', 0],
      ['EBzEDAPODe', 2],
      ['AITyyoyLLs', 4],
    ]
    for (const [id, shard] of expected) {
      expect(shardId(id, null, 8, 8)).toBe(shard)
      expect(shardId('other-id', id, 8, 8)).toBe(shard)
    }
  })

  it('id "1" on 2 shards with the 8.x routing_num_shards (1024) is shard 0', () => {
    expect(shardId('1', null, 2, defaultRoutingNumShards(2))).toBe(0)
  })
})
