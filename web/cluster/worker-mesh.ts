/**
 * WorkerMesh: a cluster whose members are Web Workers wired to each other by MessageChannels, the
 * page's simulated network. The Kafka brokers (kafka-workers.ts) and the Elasticsearch nodes
 * (es-workers.ts) are both one; a subclass says which ids the cluster has and how one member's worker is
 * launched. The mesh is the HostControl of the playground commands: start, stop (the member's own
 * clean shutdown, then its worker ends), kill (the worker ends at once), pause and resume (the worker
 * holds itself, process-pause.ts), and cut and heal the network. A member whose worker ended is
 * disconnected from every running peer, as the kernel closes an exited process's sockets: their requests to
 * it fail at once instead of timing out.
 *
 * Invariants: one MessageChannel per pair of running members, handed over by `connectPeer` (a restarted
 * member gets fresh ones from every running peer); the network cut applies to every member started later.
 */
import * as Comlink from 'comlink'
import type { Pausable } from '../../workers/net/process-pause.ts'
import type { HostControl } from '../../workers/tools/shell/host-commands.ts'

/** What every member's worker offers the mesh besides its own API. */
export interface MeshMemberApi extends Pausable {
  /** The member's end of a MessageChannel to peer `peerId` (a transferred MessagePort). */
  connectPeer(peerId: number, port: unknown): void
  /** Peer `peerId`'s process ended: the member's requests to it fail as against a closed port. */
  disconnectPeer(peerId: number): void
  /** The member's clean shutdown (a controlled shutdown, a node leaving its cluster). */
  shutdown(): Promise<void>
  /** Drops every message to and from these peers; an empty list heals. */
  blockPeers(peerIds: number[]): void
}

export interface MeshMember<Api extends MeshMemberApi> {
  worker: Worker
  api: Comlink.Remote<Api>
}

export abstract class WorkerMesh<Api extends MeshMemberApi> implements HostControl {
  private readonly running = new Map<number, MeshMember<Api>>()
  private readonly paused = new Set<number>()
  private isolated: number[] = []

  abstract ids(): number[]

  /** Creates member `id`'s worker and starts its broker or node; resolves once it has restored its state. */
  protected abstract launch(id: number): Promise<MeshMember<Api>>

  isRunning(id: number): boolean {
    return this.running.has(id)
  }

  isPaused(id: number): boolean {
    return this.paused.has(id)
  }

  /** The running member's API, or null. */
  protected member(id: number): Comlink.Remote<Api> | null {
    return this.running.get(id)?.api ?? null
  }

  /** Starts every member, then wires the mesh. */
  async startAll(): Promise<void> {
    const ids = this.ids()
    await Promise.all(ids.map(async (id) => this.running.set(id, await this.launch(id))))
    for (const a of ids) for (const b of ids) if (a < b) this.wire(a, b)
  }

  private wire(a: number, b: number): void {
    const left = this.running.get(a)
    const right = this.running.get(b)
    if (!left || !right) return
    const channel = new MessageChannel()
    void control(left).connectPeer(b, Comlink.transfer(channel.port1, [channel.port1]))
    void control(right).connectPeer(a, Comlink.transfer(channel.port2, [channel.port2]))
  }

  async start(id: number): Promise<void> {
    this.running.set(id, await this.launch(id))
    for (const peer of this.running.keys()) if (peer !== id) this.wire(id, peer)
    this.applyIsolation()
  }

  async stop(id: number): Promise<void> {
    const member = this.running.get(id)
    if (!member) return
    await control(member).shutdown()
    this.end(id, member)
  }

  kill(id: number): Promise<void> {
    const member = this.running.get(id)
    if (member) this.end(id, member)
    return Promise.resolve()
  }

  /** The member's process ends: its worker goes, and the kernel closes its sockets, which every peer sees. */
  private end(id: number, member: MeshMember<Api>): void {
    member.worker.terminate()
    this.running.delete(id)
    this.paused.delete(id)
    for (const peer of this.running.values()) void control(peer).disconnectPeer(id)
  }

  async pause(id: number): Promise<void> {
    const member = this.running.get(id)
    if (member) await control(member).pause()
    this.paused.add(id)
  }

  async resume(id: number): Promise<void> {
    const member = this.running.get(id)
    if (member) await control(member).resume()
    this.paused.delete(id)
  }

  isolate(ids: number[]): void {
    this.isolated = ids
    this.applyIsolation()
  }

  heal(): void {
    this.isolated = []
    this.applyIsolation()
  }

  private applyIsolation(): void {
    const inside = new Set(this.isolated)
    for (const [id, member] of this.running) {
      const blocked =
        this.isolated.length === 0 ? [] : this.ids().filter((peer) => inside.has(peer) !== inside.has(id))
      void control(member).blockPeers(blocked)
    }
  }

  terminate(): void {
    for (const member of this.running.values()) member.worker.terminate()
    this.running.clear()
    this.paused.clear()
  }
}

/** The member's API as the mesh uses it (every member's API has these methods). */
function control<Api extends MeshMemberApi>(member: MeshMember<Api>): Comlink.Remote<MeshMemberApi> {
  return member.api
}
