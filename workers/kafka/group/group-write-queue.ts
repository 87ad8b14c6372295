/**
 * GroupWriteQueue: the write operations of a coordinator's groups, serialized per group as Kafka's
 * CoordinatorRuntime runs a partition's events one at a time: an operation starts once the group's earlier
 * ones have finished (succeeded or failed), in the order they were queued. A group can be forgotten while
 * operations are pending (it was deleted or left this coordinator): an operation then learns from
 * `stillHere()` that it must not apply what it wrote.
 * Invariant: the queue holds an entry only for a group with an operation queued or running.
 */
export class GroupWriteQueue {
  private readonly tails = new Map<string, Promise<void>>()
  /** How often each group with pending operations was forgotten. */
  private readonly forgotten = new Map<string, number>()

  /** Runs `operation` after the group's earlier ones; `stillHere()` is false once the group was forgotten. */
  run<T>(groupId: string, operation: (stillHere: () => boolean) => Promise<T>): Promise<T> {
    const next = (this.tails.get(groupId) ?? Promise.resolve()).then(() => {
      const at = this.forgotten.get(groupId) ?? 0
      return operation(() => (this.forgotten.get(groupId) ?? 0) === at)
    })
    const tail = next.then(
      () => undefined,
      () => undefined,
    )
    this.tails.set(groupId, tail)
    void tail.then(() => {
      if (this.tails.get(groupId) !== tail) return
      this.tails.delete(groupId)
      this.forgotten.delete(groupId)
    })
    return next
  }

  /** The groups with operations queued or running. */
  pendingGroups(): string[] {
    return [...this.tails.keys()]
  }

  /** The group's pending operations will not apply what they write. */
  forget(groupId: string): void {
    if (this.tails.has(groupId)) this.forgotten.set(groupId, (this.forgotten.get(groupId) ?? 0) + 1)
  }
}
