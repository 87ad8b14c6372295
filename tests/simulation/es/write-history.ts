/**
 * WriteHistory: what the clients of a simulated Elasticsearch cluster asked and were told, and the verdict
 * on the documents found once the cluster healed. Every write puts a value no other write puts, so a
 * document's final value names the write that left it.
 *
 * Verdict per id that had at least one acknowledged write:
 * - missing: the document is gone, or holds a write that is superseded: an acknowledged write whose ack
 *   came before another acknowledged write on the id began (a lost acknowledged write). A write that was
 *   not acknowledged (an error, a reset or a client timeout) may still land at any time, as on a real
 *   cluster, so it is never superseded;
 * - conflicting: the final value is not the last acknowledged write (counted, not a failure by itself:
 *   a concurrent or unacknowledged later write may legitimately win).
 * Acknowledged writes on one id in real-time order (one acked before the next began) carry growing
 * sequence numbers: `orderViolations` lists the pairs that do not.
 */

export type WriteOutcome = 'pending' | 'acked' | 'failed' | 'unknown'

export interface WriteRecord {
  readonly index: string
  readonly id: string
  readonly value: number
  readonly startedAt: number
  outcome: WriteOutcome
  endedAt: number
  seqNo: number
  primaryTerm: number
}

export interface Verdict {
  acked: number
  ids: number
  missing: string[]
  conflicting: string[]
  orderViolations: string[]
}

export class WriteHistory {
  private readonly byKey = new Map<string, WriteRecord[]>()
  private nextValue = 1

  begin(index: string, id: string, now: number): WriteRecord {
    const record: WriteRecord = {
      index,
      id,
      value: this.nextValue++,
      startedAt: now,
      outcome: 'pending',
      endedAt: Number.POSITIVE_INFINITY,
      seqNo: -1,
      primaryTerm: 0,
    }
    const key = docKey(index, id)
    const list = this.byKey.get(key) ?? []
    list.push(record)
    this.byKey.set(key, list)
    return record
  }

  ack(record: WriteRecord, now: number, seqNo: number, primaryTerm: number): void {
    Object.assign(record, { outcome: 'acked', endedAt: now, seqNo, primaryTerm })
  }

  fail(record: WriteRecord, outcome: 'failed' | 'unknown'): void {
    record.outcome = outcome
  }

  /** The ids written so far in `index`. */
  ids(index: string): string[] {
    return [...this.byKey.values()].flatMap((list) => (list[0]!.index === index ? [list[0]!.id] : []))
  }

  /** Whether `value` was ever written to the id (a read must never show anything else). */
  wasWritten(index: string, id: string, value: number): boolean {
    return this.byKey.get(docKey(index, id))?.some((record) => record.value === value) ?? false
  }

  keys(): Array<{ index: string; id: string }> {
    return [...this.byKey.values()].map((list) => ({ index: list[0]!.index, id: list[0]!.id }))
  }

  outcomes(): Record<WriteOutcome, number> {
    const counts: Record<WriteOutcome, number> = { pending: 0, acked: 0, failed: 0, unknown: 0 }
    for (const list of this.byKey.values()) for (const record of list) counts[record.outcome]++
    return counts
  }

  /**
   * `finalValue`: the value the healed cluster (or one copy) holds for the id, or null when it holds no
   * document; `only` restricts the verdict to some ids (those of one shard).
   */
  verdict(
    finalValue: (index: string, id: string) => number | null,
    only: (index: string, id: string) => boolean = () => true,
  ): Verdict {
    const verdict: Verdict = { acked: 0, ids: 0, missing: [], conflicting: [], orderViolations: [] }
    for (const [key, list] of this.byKey) {
      if (!only(list[0]!.index, list[0]!.id)) continue
      const acked = list.filter((record) => record.outcome === 'acked')
      verdict.acked += acked.length
      if (acked.length === 0) continue
      verdict.ids++
      for (const a of acked)
        for (const b of acked)
          if (b.startedAt > a.endedAt && b.seqNo <= a.seqNo)
            verdict.orderViolations.push(
              `${key}: ${a.value} (seq ${a.seqNo}) then ${b.value} (seq ${b.seqNo})`,
            )
      const last = acked.reduce((x, y) => (y.endedAt > x.endedAt ? y : x))
      const found = finalValue(list[0]!.index, list[0]!.id)
      const write = list.find((record) => record.value === found)
      const superseded = write?.outcome === 'acked' && acked.some((other) => other.startedAt > write.endedAt)
      if (!write || superseded) verdict.missing.push(`${key}: ${found ?? 'absent'}, acked ${last.value}`)
      else if (write !== last) verdict.conflicting.push(`${key}: ${found}, last acked ${last.value}`)
    }
    return verdict
  }
}

function docKey(index: string, id: string): string {
  return `${index}/${id}`
}
