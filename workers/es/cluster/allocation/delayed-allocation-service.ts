/**
 * DelayedAllocationService: on the master, after every applied state, one reroute scheduled for when the
 * first delayed replica's index.unassigned.node_left.delayed_timeout runs out (a replica whose node left
 * waits for it before it is allocated elsewhere; see allocation-service.ts).
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { NODE_LEFT_DELAYED_TIMEOUT_MS } from '../state/shard-routing.ts'

/** When the next delayed replica's delay runs out (epoch millis), or null when none waits. */
export function nextDelayExpiry(state: ClusterState): number | null {
  let next: number | null = null
  for (const copy of Object.values(state.routingTable).flat(2)) {
    const info = copy.unassignedInfo
    if (copy.state !== 'UNASSIGNED' || !info?.delayed) continue
    const expiry = info.at + NODE_LEFT_DELAYED_TIMEOUT_MS
    if (next === null || expiry < next) next = expiry
  }
  return next
}

export class DelayedAllocationService {
  private timer: Cancellable | null = null

  constructor(
    private readonly scheduler: Scheduler,
    private readonly reroute: () => void,
  ) {}

  /** Schedules the reroute `state` calls for, replacing the one scheduled before. */
  scheduleFor(state: ClusterState): void {
    this.cancel()
    const expiry = nextDelayExpiry(state)
    if (expiry === null) return
    this.timer = this.scheduler.schedule(Math.max(0, expiry - this.scheduler.now()), () => {
      this.timer = null
      this.reroute()
    })
  }

  cancel(): void {
    this.timer?.cancel()
    this.timer = null
  }
}
