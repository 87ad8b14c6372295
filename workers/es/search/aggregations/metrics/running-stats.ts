/**
 * ES 8's RunningStats (matrix_stats' per-shard state): one pass over documents with a value in every field, keeping
 * per field the count, sum, mean and the central moment sums M2, M3, M4, and per pair of fields the co-moment
 * (Pébay's single-pass parallel formulas), then merged across shards the same way; MatrixStatsResults turns them
 * into variance (M2 / (n − 1)), skewness (√n · M3 / M2^1.5), kurtosis (n · M4 / M2²), covariance and Pearson
 * correlation (NaN when either variance is 0).
 *
 * Invariants: `fields` holds every field in the order its HashMaps were first filled; the co-moments form an upper
 * triangle keyed by row, a row holding the fields after it in the order `add` received them (ES stores each pair once
 * and reads it from whichever row has it). The arithmetic follows ES's operation order, so results match its doubles.
 */

export interface FieldMoments {
  count: number
  sum: number
  mean: number
  m2: number
  m3: number
  m4: number
}

/** Plain data for the wire: the doc count, the fields' moments and the co-moment rows, in their Map orders. */
export interface RunningStatsWire {
  readonly docCount: number
  readonly fields: ReadonlyArray<readonly [string, FieldMoments]>
  readonly covariances: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, number]>]>
}

/** MatrixStatsResults' skewness of a field's moments over `n` documents: √n · M3 / M2^1.5. */
export function skewness(m: FieldMoments, n: number): number {
  return (Math.sqrt(n) * m.m3) / Math.pow(m.m2, 1.5)
}

/** MatrixStatsResults' kurtosis of a field's moments over `n` documents: n · M4 / M2². */
export function kurtosis(m: FieldMoments, n: number): number {
  return (n * m.m4) / (m.m2 * m.m2)
}

export class RunningStats {
  docCount = 0
  readonly fields = new Map<string, FieldMoments>()
  readonly covariances = new Map<string, Map<string, number>>()

  static readFrom(wire: RunningStatsWire): RunningStats {
    const stats = new RunningStats()
    stats.docCount = wire.docCount
    for (const [name, moments] of wire.fields) stats.fields.set(name, { ...moments })
    for (const [row, cols] of wire.covariances) stats.covariances.set(row, new Map(cols))
    return stats
  }

  writeTo(): RunningStatsWire {
    return {
      docCount: this.docCount,
      fields: [...this.fields].map(([name, moments]) => [name, { ...moments }] as const),
      covariances: [...this.covariances].map(([row, cols]) => [row, [...cols]] as const),
    }
  }

  /** RunningStats.add: one document's value of every field, in `names` order. */
  add(names: readonly string[], values: readonly number[]): void {
    ++this.docCount
    const n = this.docCount
    const deltas = new Map<string, number>()
    names.forEach((name, i) => {
      const value = values[i]!
      const field = this.fields.get(name)
      if (field === undefined) {
        this.fields.set(name, { count: 1, sum: value, mean: value, m2: 0.0, m3: 0.0, m4: 0.0 })
        deltas.set(name, value * n - value)
        return
      }
      field.count += 1
      field.sum = value + field.sum
      deltas.set(name, value * n - field.sum)
      const m1 = field.mean
      const d = value - m1
      field.mean = m1 + d / n
      const dn = d / n
      const t1 = d * dn * (n - 1)
      const m2 = field.m2
      field.m2 = m2 + t1
      const m3 = field.m3
      field.m3 = m3 + (t1 * dn * (n - 2) - 3 * dn * m2)
      const dn2 = dn * dn
      field.m4 = field.m4 + (t1 * dn2 * (n * n - 3 * n + 3) + 6 * dn2 * m2 - 4 * dn * m3)
    })
    names.forEach((name, i) => {
      const row = this.covariances.get(name) ?? new Map<string, number>()
      const dR = deltas.get(name)!
      for (const col of names.slice(i + 1)) {
        const old = row.get(col)
        row.set(col, old === undefined ? 0.0 : old + (1.0 / (n * (n - 1.0))) * dR * deltas.get(col)!)
      }
      if (row.size > 0) this.covariances.set(name, row)
    })
  }

  /** RunningStats.missingFieldNames: the fields only one side has (none when either side is empty), sorted. */
  missingFieldNames(other: RunningStats): string[] {
    if (this.docCount === 0 || other.docCount === 0) return []
    const mine = [...this.fields.keys()]
    const theirs = [...other.fields.keys()]
    return [...mine.filter((f) => !other.fields.has(f)), ...theirs.filter((f) => !this.fields.has(f))].sort()
  }

  /** RunningStats.merge, over `other`'s fields in `order` (its means HashMap's iteration order). */
  merge(other: RunningStats, order: readonly string[]): void {
    if (this.docCount === 0) {
      for (const name of order) this.fields.set(name, { ...other.fields.get(name)! })
      for (const name of order) {
        const row = other.covariances.get(name)
        if (row !== undefined) this.covariances.set(name, new Map(row))
      }
      this.docCount = other.docCount
      return
    }
    const nA = this.docCount
    const nB = other.docCount
    this.docCount += other.docCount
    const n = this.docCount
    const deltas = new Map<string, number>()
    for (const name of order) {
      const a = this.fields.get(name)!
      const b = other.fields.get(name)!
      const { mean: meanA, m2: varA, m3: skewA, m4: kurtA } = a
      a.count = a.count + b.count
      a.mean = (nA * a.mean + nB * b.mean) / (nA + nB)
      deltas.set(name, b.sum / nB - a.sum / nA)
      a.sum = a.sum + b.sum
      const d = b.mean - meanA
      const d2 = d * d
      const d3 = d * d2
      const d4 = d2 * d2
      const n2 = n * n
      const nA2 = nA * nA
      const nB2 = nB * nB
      a.m2 = varA + b.m2 + (d2 * nA * nB) / n
      const newSkew = skewA + b.m3 + (d3 * nA * nB * (nA - nB)) / n2
      a.m3 = newSkew + (3 * d * (nA * b.m2 - nB * varA)) / n
      const nk = kurtA + b.m4 + (d4 * nA * nB * (nA2 - nA * nB + nB2)) / (n2 * n)
      a.m4 = nk + (6 * d2 * (nA2 * b.m2 + nB2 * varA)) / n2 + (4 * d * (nA * b.m3 - nB * skewA)) / n
    }
    const f = ((n - nB) * nB) / n
    for (const name of order) {
      const row = this.covariances.get(name)
      if (row === undefined) continue
      const dR = deltas.get(name)!
      for (const [col, value] of row) {
        const theirs = other.covariances.get(name)?.get(col) ?? other.covariances.get(col)!.get(name)!
        row.set(col, value + (theirs + f * dR * deltas.get(col)!))
      }
    }
  }
}
