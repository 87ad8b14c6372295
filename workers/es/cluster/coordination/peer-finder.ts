/**
 * PeerFinder: how a node without a master finds the others, as ES's PeerFinder: every
 * discovery.find_peers_interval it asks each seed address (discovery.seed_hosts) and each peer it has
 * heard of for their known peers and master; a reported master is handed to the Coordinator to join.
 * Peers are remembered by transport address; the latest DiscoveryNode seen at an address wins. The found peers (ES's
 * connected peers, which the cluster formation description lists) are those whose latest request was answered in
 * this activation, each with the master it reported.
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import type { Transport } from '../../../net/transport.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { CoordinationRequest, CoordinationResponse } from './messages.ts'

export interface PeerFinderDeps {
  localNode: DiscoveryNode
  transport: Transport<CoordinationRequest, CoordinationResponse>
  scheduler: Scheduler
  seedAddresses: readonly number[]
  intervalMs: number
  timeoutMs: number
  /** After each round of requests is sent (the bootstrap check runs here). */
  onRound: () => void
  onMasterFound: (master: DiscoveryNode) => void
}

export class PeerFinder {
  private readonly peers = new Map<number, DiscoveryNode>()
  /** Per address whose latest request was answered: the master it reported (null: none). */
  private readonly answered = new Map<number, DiscoveryNode | null>()
  private timer: Cancellable | null = null
  private active = false

  constructor(private readonly deps: PeerFinderDeps) {}

  addPeer(node: DiscoveryNode): void {
    if (node.address !== this.deps.localNode.address) this.peers.set(node.address, node)
  }

  knownPeers(): DiscoveryNode[] {
    return [...this.peers.values()]
  }

  /** The peers that answered their latest request (PeerFinder.getFoundPeers), with the masters they reported. */
  foundPeers(): { peers: DiscoveryNode[]; mastersOfPeers: DiscoveryNode[] } {
    const peers = [...this.peers].filter(([address]) => this.answered.has(address)).map(([, node]) => node)
    const masters = new Map<string, DiscoveryNode>()
    for (const master of this.answered.values()) if (master !== null) masters.set(master.ephemeralId, master)
    return { peers, mastersOfPeers: [...masters.values()] }
  }

  activate(): void {
    this.active = true
    this.answered.clear()
    this.findPeers()
  }

  deactivate(): void {
    this.active = false
    this.timer?.cancel()
    this.timer = null
  }

  isActive(): boolean {
    return this.active
  }

  private findPeers(): void {
    const { localNode, transport, seedAddresses } = this.deps
    const addresses = new Set([...seedAddresses, ...this.peers.keys()])
    addresses.delete(localNode.address)
    for (const address of [...addresses].sort((a, b) => a - b)) {
      const request: CoordinationRequest = {
        type: 'peers',
        sourceNode: localNode,
        knownPeers: this.knownPeers(),
      }
      transport.request(address, request, this.deps.timeoutMs).then(
        (response) => {
          if (response.type !== 'peers' || !this.active) return
          this.answered.set(address, response.masterNode ?? null)
          for (const peer of response.knownPeers) this.addPeer(peer)
          if (response.masterNode && response.masterNode.id !== localNode.id)
            this.deps.onMasterFound(response.masterNode)
        },
        () => void this.answered.delete(address),
      )
    }
    this.deps.onRound()
    this.timer = this.deps.scheduler.schedule(this.deps.intervalMs, () => this.findPeers())
  }
}
