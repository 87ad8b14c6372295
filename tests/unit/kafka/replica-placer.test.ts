// Rack-unaware replica placement: distinct replicas per partition, first replicas round-robin from a
// seeded start, followers shifted, leaders spread evenly, deterministic per seed.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { placeReplicas } from '../../../workers/kafka/controller/replica-placer.ts'
import { Random } from '../../../workers/net/random.ts'

describe('placeReplicas', () => {
  it('gives one broker each partition when there is one broker', () => {
    expect(placeReplicas([1], 3, 1, new Random(1))).toEqual([[1], [1], [1]])
  })

  it('holds its invariants for random clusters (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.nat(),
        (brokers, numPartitions, rfSeed, seed) => {
          const replicationFactor = 1 + (rfSeed % brokers.length)
          const assignment = placeReplicas(brokers, numPartitions, replicationFactor, new Random(seed))
          const sorted = [...brokers].sort((a, b) => a - b)
          expect(assignment).toHaveLength(numPartitions)
          const firsts = assignment.map((replicas) => replicas[0]!)
          const start = sorted.indexOf(firsts[0]!)
          assignment.forEach((replicas, p) => {
            expect(replicas).toHaveLength(replicationFactor)
            expect(new Set(replicas).size).toBe(replicationFactor)
            for (const id of replicas) expect(brokers).toContain(id)
            expect(replicas[0]).toBe(sorted[(start + p) % sorted.length])
          })
          // Leaders spread evenly: counts differ by at most one.
          const counts = sorted.map((id) => firsts.filter((f) => f === id).length)
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1)
          expect(placeReplicas(brokers, numPartitions, replicationFactor, new Random(seed))).toEqual(
            assignment,
          )
        },
      ),
    )
  })
})
