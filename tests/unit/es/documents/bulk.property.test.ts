// _bulk against a naive model of one shard's documents (InternalEngine's rules on one primary): random
// sequences of index / create / update / delete on a few ids, some with if_seq_no + if_primary_term.
// Every item's result, status, _version and _seq_no, and the final GET of every id, must match the model:
// seq_no grows by one per applied operation (a delete of a missing id included); a version grows by one per
// operation on its id and continues from the tombstone; create on a live id is 409 and spends nothing;
// update of a missing id is 404; an update that changes nothing is a noop (200, nothing spent); a
// compare-and-set that does not match the live document is 409.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

type Op =
  | { kind: 'index' | 'create' | 'update'; id: string; value: number; cas: 'none' | 'current' | 'stale' }
  | { kind: 'delete'; id: string; cas: 'none' | 'current' | 'stale' }

interface ModelDoc {
  source: Record<string, number> | null
  version: number
  seqNo: number
}

interface Expected {
  result?: string
  status: number
  version?: number
  seqNo?: number
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('index' as const, 'create' as const, 'update' as const),
    id: fc.constantFrom('1', '2', '3'),
    value: fc.integer({ min: 0, max: 2 }),
    cas: fc.constantFrom('none' as const, 'none' as const, 'current' as const, 'stale' as const),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    id: fc.constantFrom('1', '2', '3'),
    cas: fc.constantFrom('none' as const, 'none' as const, 'current' as const, 'stale' as const),
  }),
)

class Model {
  readonly docs = new Map<string, ModelDoc>()
  seqNo = -1

  casOf(op: Op): { ifSeqNo: number; ifPrimaryTerm: number } | null {
    if (op.cas === 'none' || op.kind === 'create') return null
    const live = this.docs.get(op.id)
    const current = live?.source ? live.seqNo : 0
    return { ifSeqNo: op.cas === 'current' ? current : current + 100, ifPrimaryTerm: 1 }
  }

  apply(op: Op, cas: { ifSeqNo: number } | null): Expected {
    const doc = this.docs.get(op.id)
    const live = doc?.source ? doc : null
    if (cas !== null && (live === null || live.seqNo !== cas.ifSeqNo)) {
      return { status: op.kind === 'update' && live === null ? 404 : 409 }
    }
    const nextVersion = (doc?.version ?? 0) + 1
    if (op.kind === 'delete') {
      this.docs.set(op.id, { source: null, version: nextVersion, seqNo: ++this.seqNo })
      return {
        result: live ? 'deleted' : 'not_found',
        status: live ? 200 : 404,
        version: nextVersion,
        seqNo: this.seqNo,
      }
    }
    if (op.kind === 'create' && live) return { status: 409 }
    if (op.kind === 'update') {
      if (!live) return { status: 404 }
      if (live.source!.f === op.value)
        return { result: 'noop', status: 200, version: live.version, seqNo: live.seqNo }
    }
    const source = op.kind === 'update' ? { ...live!.source!, f: op.value } : { f: op.value }
    this.docs.set(op.id, { source, version: nextVersion, seqNo: ++this.seqNo })
    return {
      result: live ? 'updated' : 'created',
      status: live ? 200 : 201,
      version: nextVersion,
      seqNo: this.seqNo,
    }
  }
}

function bulkBody(ops: readonly Op[], model: Model): { body: string; expected: Expected[] } {
  const lines: string[] = []
  const expected: Expected[] = []
  for (const op of ops) {
    const cas = model.casOf(op)
    const meta: Record<string, unknown> = {
      _id: op.id,
      ...(cas ? { if_seq_no: cas.ifSeqNo, if_primary_term: 1 } : {}),
    }
    lines.push(JSON.stringify({ [op.kind]: meta }))
    if (op.kind === 'update') lines.push(JSON.stringify({ doc: { f: op.value } }))
    else if (op.kind !== 'delete') lines.push(JSON.stringify({ f: op.value }))
    expected.push(model.apply(op, cas))
  }
  return { body: lines.join('\n') + '\n', expected }
}

describe('_bulk against a naive model', () => {
  it('matches item by item and in the final documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        async (requests) => {
          const { send } = await startNode()
          await send('PUT', '/m', undefined)
          const model = new Model()
          for (const ops of requests) {
            const { body, expected } = bulkBody(ops, model)
            const response = await send('POST', '/m/_bulk', body)
            const parsed = JSON.parse(response.body) as {
              errors: boolean
              items: Array<Record<string, Record<string, unknown>>>
            }
            expect(parsed.errors).toBe(expected.some((e) => e.result === undefined))
            parsed.items.forEach((item, i) => {
              const op = ops[i]!
              const fields = item[op.kind]!
              const want = expected[i]!
              expect(fields.status).toBe(want.status)
              if (want.result === undefined) {
                expect(fields.error).toBeDefined()
                return
              }
              expect([fields.result, fields._version, fields._seq_no]).toEqual([
                want.result,
                want.version,
                want.seqNo,
              ])
            })
          }
          for (const id of ['1', '2', '3']) {
            const doc = model.docs.get(id)
            const got = await send('GET', `/m/_doc/${id}`)
            if (!doc?.source) {
              expect(got.status).toBe(404)
              continue
            }
            expect(JSON.parse(got.body)).toEqual({
              _index: 'm',
              _id: id,
              _version: doc.version,
              _seq_no: doc.seqNo,
              _primary_term: 1,
              found: true,
              _source: doc.source,
            })
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
