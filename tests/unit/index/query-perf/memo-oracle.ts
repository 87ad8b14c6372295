// The brute-force oracle (tests/unit/engine-wasm/index/oracle.ts) with its collection and term statistics
// computed once per field and term: each is a scan of every document, and scoring asks for them per document.
import { Oracle } from '../../engine-wasm/index/oracle.ts'

export class MemoOracle extends Oracle {
  private readonly memo = new Map<string, number>()

  private cached(key: string, compute: () => number): number {
    let value = this.memo.get(key)
    if (value === undefined) this.memo.set(key, (value = compute()))
    return value
  }

  override docCount(field: string): number {
    return this.cached(`docCount ${field}`, () => super.docCount(field))
  }

  override sumTotalTermFreq(field: string): number {
    return this.cached(`sttf ${field}`, () => super.sumTotalTermFreq(field))
  }

  override docFreq(field: string, term: string): number {
    return this.cached(`df ${field} ${term}`, () => super.docFreq(field, term))
  }
}
