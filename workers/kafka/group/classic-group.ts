/**
 * ClassicGroup: one consumer group under the classic rebalance protocol, as Kafka's group-coordinator
 * module keeps it: members (a Java HashMap, so "the first member" and the member list order follow Java's
 * HashMap iteration), pending members (got a member id through MEMBER_ID_REQUIRED, not yet joined),
 * members awaiting a join or sync response, the leader, the supported-protocol votes, the generation and
 * the state machine Empty → PreparingRebalance → CompletingRebalance → Stable (→ Dead when deleted).
 * Invariants: the leader is a member whenever there are members; the protocol type is fixed by the first
 * member; a member's join/sync waiter is resolved exactly once.
 */
import type {
  ConsumerProtocolAssignment,
  ConsumerProtocolSubscription,
} from '../../protocol/consumer-protocol.ts'
import type {
  ClassicGroupState,
  JoinGroupProtocol,
  JoinGroupResponse,
  SyncGroupResponse,
} from './group-protocol.ts'
import { javaHashMapCapacity, javaStringKeyOrder } from '../../net/java-hash.ts'

export const EMPTY_ASSIGNMENT: ConsumerProtocolAssignment = { partitions: [] }

export interface ClassicGroupMember {
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly clientId: string
  readonly clientHost: string
  rebalanceTimeoutMs: number
  sessionTimeoutMs: number
  readonly protocolType: string
  protocols: readonly JoinGroupProtocol[]
  assignment: ConsumerProtocolAssignment
  isNew: boolean
  awaitingJoin: ((response: JoinGroupResponse) => void) | null
  awaitingSync: ((response: SyncGroupResponse) => void) | null
}

/** ClassicGroupState.validPreviousStates */
const VALID_PREVIOUS: Record<ClassicGroupState, readonly ClassicGroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
}

export class ClassicGroup {
  state: ClassicGroupState = 'Empty'
  previousState: ClassicGroupState = 'Dead'
  generationId = 0
  protocolType: string | null = null
  protocolName: string | null = null
  leaderId: string | null = null
  currentStateTimestamp: number
  newMemberAdded = false
  readonly pendingJoinMembers = new Set<string>()
  readonly pendingSyncMembers = new Set<string>()
  private readonly members = new Map<string, ClassicGroupMember>()
  private maxMembers = 0

  constructor(
    readonly groupId: string,
    now: number,
  ) {
    this.currentStateTimestamp = now
  }

  transitionTo(state: ClassicGroupState, now: number): void {
    if (!VALID_PREVIOUS[state].includes(this.state))
      throw new Error(
        `Group ${this.groupId} should be in the ${VALID_PREVIOUS[state].join(',')} states before moving to ${state} state. Instead it is in ${this.state} state.`,
      )
    this.previousState = this.state
    this.state = state
    this.currentStateTimestamp = now
  }

  canRebalance(): boolean {
    return VALID_PREVIOUS.PreparingRebalance.includes(this.state)
  }

  /** Members in Java HashMap iteration order. */
  allMembers(): ClassicGroupMember[] {
    const capacity = javaHashMapCapacity(this.maxMembers)
    return javaStringKeyOrder([...this.members.keys()], capacity).flatMap((id) => this.members.get(id) ?? [])
  }

  member(memberId: string): ClassicGroupMember | undefined {
    return this.members.get(memberId)
  }

  hasMember(memberId: string): boolean {
    return this.members.has(memberId)
  }

  numMembers(): number {
    return this.members.size
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId
  }

  add(member: ClassicGroupMember): void {
    if (this.members.size === 0) this.protocolType = member.protocolType
    if (this.leaderId === null) this.leaderId = member.memberId
    this.members.set(member.memberId, member)
    this.maxMembers = Math.max(this.maxMembers, this.members.size)
    this.pendingJoinMembers.delete(member.memberId)
  }

  remove(memberId: string): void {
    this.members.delete(memberId)
    if (this.isLeader(memberId)) this.leaderId = this.allMembers()[0]?.memberId ?? null
    this.pendingJoinMembers.delete(memberId)
    this.pendingSyncMembers.delete(memberId)
  }

  hasAllMembersJoined(): boolean {
    return this.allMembers().every((m) => m.awaitingJoin !== null) && this.pendingJoinMembers.size === 0
  }

  /** The largest rebalance timeout of the members. */
  rebalanceTimeoutMs(): number {
    return this.allMembers().reduce((max, m) => Math.max(max, m.rebalanceTimeoutMs), 0)
  }

  /** Whether a member with these protocols may join: same type and one protocol every member supports. */
  supportsProtocols(protocolType: string, protocols: readonly JoinGroupProtocol[]): boolean {
    if (this.state === 'Empty') return protocolType !== '' && protocols.length > 0
    const candidates = this.candidateProtocols()
    return this.protocolType === protocolType && protocols.some((p) => candidates.has(p.name))
  }

  private candidateProtocols(): Set<string> {
    const members = this.allMembers()
    const names = new Set(members.flatMap((m) => m.protocols.map((p) => p.name)))
    return new Set(
      [...names].filter((name) => members.every((m) => m.protocols.some((p) => p.name === name))),
    )
  }

  /** ClassicGroup.selectProtocol: each member votes for its first candidate; most votes wins, first on ties. */
  selectProtocol(): string | null {
    const candidates = this.candidateProtocols()
    const votes = new Map<string, number>()
    for (const member of this.allMembers()) {
      const vote = member.protocols.find((p) => candidates.has(p.name))?.name
      if (vote !== undefined) votes.set(vote, (votes.get(vote) ?? 0) + 1)
    }
    let best: string | null = null
    for (const name of javaStringKeyOrder([...votes.keys()]))
      if (best === null || (votes.get(name) ?? 0) > (votes.get(best) ?? 0)) best = name
    return best
  }

  /** ClassicGroup.maybeElectNewJoinedLeader */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false
    if (this.member(this.leaderId)?.awaitingJoin !== null) return true
    const joined = this.allMembers().find((m) => m.awaitingJoin !== null)
    if (joined === undefined) return false
    this.leaderId = joined.memberId
    return true
  }

  initNextGeneration(now: number): void {
    this.generationId++
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol()
      this.transitionTo('CompletingRebalance', now)
    } else {
      this.protocolName = null
      this.transitionTo('Empty', now)
    }
    this.pendingSyncMembers.clear()
  }

  metadataOf(member: ClassicGroupMember): ConsumerProtocolSubscription {
    const chosen = member.protocols.find((p) => p.name === this.protocolName) ?? member.protocols[0]
    return chosen?.metadata ?? { topics: [], ownedPartitions: [], generationId: -1, rackId: null }
  }

  completeJoin(member: ClassicGroupMember, response: JoinGroupResponse): boolean {
    const waiter = member.awaitingJoin
    if (waiter === null) return false
    member.awaitingJoin = null
    waiter(response)
    return true
  }

  completeSync(member: ClassicGroupMember, response: SyncGroupResponse): boolean {
    const waiter = member.awaitingSync
    if (waiter === null) return false
    member.awaitingSync = null
    waiter(response)
    return true
  }
}
