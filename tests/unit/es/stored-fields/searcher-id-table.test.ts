// IdTable (workers/es/index/shard/searcher-id-table.ts), the searcher's `_id` -> live doc id map, against a Map:
// sets (new ids and replaced ones), deletes (which shift later entries of a probe run back), lookups of present and
// absent ids, growth, and remaps through a doc map (dropped entries gone, the rest renumbered) agree with the model,
// with ids of one to three characters so that probe runs are long and collide.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IdTable } from '../../../../workers/es/index/shard/searcher-id-table.ts'

type Command =
  | { type: 'set'; id: string; docId: number }
  | { type: 'delete'; id: string }
  | { type: 'remap'; seed: number }

const id = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '7'), minLength: 1, maxLength: 3 })
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('set' as const), id, docId: fc.nat({ max: 200 }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('delete' as const), id }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remap' as const), seed: fc.nat() }) },
)

describe('IdTable', () => {
  it('answer every lookup as a Map of the same sets, deletes and remaps does (property)', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 120 }), (commands) => {
        const model = new Map<string, number>()
        // the table reads an entry's `_id` back by doc id, as the searcher reads it from the stored fields
        const idOf = (docId: number): string | null => [...model].find(([, d]) => d === docId)?.[0] ?? null
        const table = new IdTable(idOf)
        for (const step of commands) {
          if (step.type === 'set') {
            // doc ids are unique per live `_id`, as the searcher's are
            if ([...model].some(([key, d]) => d === step.docId && key !== step.id)) continue
            table.set(step.id, step.docId)
            model.set(step.id, step.docId)
          } else if (step.type === 'delete') {
            table.delete(step.id)
            model.delete(step.id)
          } else {
            const docMap = Int32Array.from({ length: 201 }, (_, d) =>
              (d * 31 + step.seed) % 7 === 0 ? -1 : 400 - d,
            )
            table.remap(docMap)
            for (const [key, d] of [...model]) {
              if (docMap[d]! < 0) model.delete(key)
              else model.set(key, docMap[d]!)
            }
            // back into 0..200 so that later sets may reuse the doc ids
            const back = Int32Array.from({ length: 401 }, (_, d) => (d >= 200 ? d - 200 : -1))
            table.remap(back)
            for (const [key, d] of [...model]) model.set(key, back[d]!)
          }
          for (const key of ['a', 'b', 'é7', 'cc', 'aaa', '7', ...model.keys()])
            expect(table.get(key)).toBe(model.get(key))
        }
      }),
    )
  })
})
