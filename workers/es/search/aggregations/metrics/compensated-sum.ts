/**
 * CompensatedSum: Kahan summation as ES's sum, avg, stats and extended_stats aggregators and their reduce
 * use it, so that results match ES to the last bit (a non-finite term makes the sum non-finite).
 */
export class CompensatedSum {
  private compensation = 0

  constructor(public value = 0) {}

  add(term: number): void {
    if (!Number.isFinite(term) || !Number.isFinite(this.value)) {
      this.value += term
      return
    }
    const corrected = term - this.compensation
    const sum = this.value + corrected
    this.compensation = sum - this.value - corrected
    this.value = sum
  }
}

export function compensatedSum(terms: Iterable<number>): number {
  const sum = new CompensatedSum()
  for (const term of terms) sum.add(term)
  return sum.value
}

/** Math.min / Math.max over any number of values (spreading a large array would overflow the stack). */
export function extreme(values: readonly number[], pick: (a: number, b: number) => number): number {
  let out = pick(Infinity, -Infinity) === Infinity ? -Infinity : Infinity
  for (const v of values) out = pick(out, v)
  return out
}
