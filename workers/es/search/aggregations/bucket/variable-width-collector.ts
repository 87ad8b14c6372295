/**
 * The shard side of `variable_width_histogram`: ES 8's VariableWidthHistogramAggregator clustering one shard's
 * values in one pass, in the order the documents are collected (each document's distinct values ascending).
 *
 * - Buffer phase: the first `initial_buffer` values each get their own bucket.
 * - When the buffer is full, or at the end if it never filled: the buffered values, sorted (stable, Double.compare),
 *   are cut into runs of ceil(n / (shard_size · 3 / 4)) values, each run a cluster (min, max, centroid, size).
 *   The buffered buckets are then renumbered as ES's merge map does: buffered value i moves to cluster
 *   floor(order[i] / runLength), where order[i] is the buffer position of the i-th smallest value (ES applies the
 *   sorted permutation, not its inverse: each cluster's doc count is right, which documents its sub-aggregations see
 *   follows that renumbering).
 * - Merge phase: each further value goes to the cluster with the nearest centroid (BinarySearcher.search over the
 *   sorted centroids), or, when farther than twice the average distance between centroids and there are fewer than
 *   `shard_size` clusters, to a new cluster inserted in centroid order. The average is (last − first centroid) /
 *   (clusters − 1), updated when a cluster is added or an end cluster's centroid moves (0 until the buffer held 2
 *   values; NaN with one cluster, which then takes every value).
 *
 * Invariant: `entries` holds one (doc, cluster) pair per collected value; a cluster's doc_count is its number of
 * entries and its sub-aggregations collect the entries' documents (a document once per entry, in doc order).
 */

export interface Cluster {
  min: number
  max: number
  centroid: number
  size: number
}

/** Double.compare. */
function compareDoubles(a: number, b: number): number {
  if (a < b) return -1
  if (a > b) return 1
  if (a === b && (a !== 0 || Object.is(a, b))) return 0
  // -0.0 before 0.0, NaN after everything (and equal to itself)
  const rank = (x: number): number => (Number.isNaN(x) ? 2 : Object.is(x, -0) ? 0 : 1)
  return rank(a) - rank(b)
}

export class VariableWidthCollector {
  readonly clusters: Cluster[] = []
  readonly entries: Array<{ doc: number; cluster: number }> = []
  private buffer: number[] | null = []
  private avgBucketDistance = 0

  constructor(
    private readonly shardSize: number,
    private readonly initialBuffer: number,
  ) {}

  collect(doc: number, value: number): void {
    if (this.buffer === null) {
      this.mergePhaseCollect(doc, value)
      return
    }
    if (this.buffer.length < this.initialBuffer) {
      this.entries.push({ doc, cluster: this.buffer.length })
      this.buffer.push(value)
    }
    if (this.buffer.length === this.initialBuffer) this.startMergePhase()
  }

  /** The clusters once collection is over (the buffer clustered if it never filled). */
  finish(): readonly Cluster[] {
    if (this.buffer !== null) this.startMergePhase()
    return this.clusters
  }

  private startMergePhase(): void {
    const buffer = this.buffer!
    this.buffer = null
    const order = buffer.map((_, i) => i).sort((i, j) => compareDoubles(buffer[i]!, buffer[j]!))
    const runLength = Math.ceil(buffer.length / Math.trunc((this.shardSize * 3) / 4))
    let cluster = 0
    order.forEach((position, i) => {
      const value = buffer[position]!
      if (cluster === this.clusters.length)
        this.clusters.push({ min: value, max: value, centroid: value, size: 1 })
      else this.addToCluster(cluster, value)
      if ((i + 1) % runLength === 0) cluster += 1
    })
    const renumbered = order.map((position) => Math.trunc(position / runLength))
    for (const entry of this.entries) entry.cluster = renumbered[entry.cluster]!
    if (buffer.length > 1) this.updateAvgBucketDistance()
  }

  private mergePhaseCollect(doc: number, value: number): void {
    let nearest = this.nearestCluster(value)
    const distance = Math.abs(this.clusters[nearest]!.centroid - value)
    if (distance > 2 * this.avgBucketDistance && this.clusters.length < this.shardSize) {
      const added = this.clusters.length
      this.clusters.push({ min: value, max: value, centroid: value, size: 1 })
      this.entries.push({ doc, cluster: added })
      if (value > this.clusters[nearest]!.centroid) nearest += 1
      this.moveLastCluster(nearest)
      this.updateAvgBucketDistance()
    } else {
      this.addToCluster(nearest, value)
      this.entries.push({ doc, cluster: nearest })
      if (nearest === 0 || nearest === this.clusters.length - 1) this.updateAvgBucketDistance()
    }
  }

  private addToCluster(index: number, value: number): void {
    const cluster = this.clusters[index]!
    cluster.max = Math.max(cluster.max, value)
    cluster.min = Math.min(cluster.min, value)
    cluster.centroid = (cluster.centroid * cluster.size + value) / (cluster.size + 1)
    cluster.size += 1
  }

  /** moveLastCluster: the new cluster to `index`, the ones from there on one place up. */
  private moveLastCluster(index: number): void {
    const last = this.clusters.length - 1
    if (index === last) return
    this.clusters.splice(index, 0, this.clusters.pop()!)
    for (const entry of this.entries) {
      if (entry.cluster === last) entry.cluster = index
      else if (entry.cluster >= index) entry.cluster += 1
    }
  }

  private updateAvgBucketDistance(): void {
    const n = this.clusters.length
    this.avgBucketDistance = (this.clusters[n - 1]!.centroid - this.clusters[0]!.centroid) / (n - 1)
  }

  /** BigArrays.DoubleBinarySearcher over the centroids: the index of the closest one. */
  private nearestCluster(value: number): number {
    const compare = (i: number) => compareDoubles(this.clusters[i]!.centroid, value)
    const distance = (i: number) => Math.abs(this.clusters[i]!.centroid - value)
    const closest = (a: number, b: number) => (distance(a) < distance(b) ? a : b)
    let from = 0
    let to = this.clusters.length - 1
    while (from < to) {
      const mid = (from + to) >>> 1
      const result = compare(mid)
      if (result === 0) return mid
      if (result < 0) {
        if (compare(mid + 1) > 0) return closest(mid, mid + 1)
        from = mid + 1
      } else {
        if (mid > from) {
          if (compare(mid - 1) < 0) return closest(mid, mid - 1)
        } else if (mid === 0) return mid
        to = mid - 1
      }
    }
    return from
  }
}
