// A fixed corpus whose segment images tests/unit/es/commit/codec2-images.json holds as the version 2 segment codec
// wrote them (engine-wasm/assembly/index/segment-codec.ts before version 3): segment-codec-versions.test.ts loads
// those images and checks them against the same documents indexed now. Changing anything here invalidates that
// fixture. The documents cover every width the version 2 decoder narrows: u8, u16 and i32 positions, terms whose
// freqs are all 1 and terms with extras of 1 and 2 bytes, dense, sparse and multi-valued doc values, a field without
// norms; they are cut into three flushes, the first two then merged.
import type { AnalyzedDocument, AnalyzedField } from '../../../../engine-wasm/src/index/index.ts'

const WORDS = ['a', 'b', 'c', 'd', 'e', 'ü', '日本', 'zz']

/** The i-th document (docId i): everything derives from i. */
function document(i: number): AnalyzedDocument {
  const fields: AnalyzedField[] = []
  const body = Array.from({ length: 1 + (i % 7) }, (_, p) => ({
    term: WORDS[(i * 3 + p * p) % WORDS.length]!,
    position: p,
  }))
  fields.push({ field: 'body', tokens: body })
  fields.push({
    field: 'title',
    tokens: [
      { term: `t${i}`, position: 0 },
      { term: 'all', position: 1 },
    ],
  })
  if (i % 5 === 0)
    fields.push({
      field: 'wide',
      tokens: [
        { term: 'w', position: 300 + i },
        { term: 'w', position: 70_000 + i },
      ],
    })
  if (i % 4 === 1) fields.push({ field: 'mid', tokens: [{ term: 'm', position: 1000 + i }] })
  if (i === 7)
    fields.push({ field: 'rep', tokens: Array.from({ length: 300 }, (_, p) => ({ term: 'r', position: p })) })
  fields.push({ field: 'dense', tokens: [], values: [i * 1.5] })
  if (i % 3 === 0) fields.push({ field: 'n', tokens: [], values: i % 2 === 0 ? [i, -i, 0.25] : [i] })
  if (i % 6 === 2) fields.push({ field: 'tag', tokens: [{ term: `g${i % 4}`, position: 0 }], norms: false })
  return { docId: i, fields }
}

/** The corpus: 60 documents. */
export const CODEC2_DOCS: readonly AnalyzedDocument[] = Array.from({ length: 60 }, (_, i) => document(i))

/** Where the corpus is cut into flushes. */
export const CODEC2_FLUSHES: ReadonlyArray<readonly [number, number]> = [
  [0, 25],
  [25, 45],
  [45, 60],
]

/** The segments merged after the flushes (ordinals in segments()). */
export const CODEC2_MERGE: readonly number[] = [0, 1]
