/**
 * ClassicGroupManager: the rebalance half of the group coordinator, as Kafka 4.x's GroupMetadataManager
 * runs classic groups (classicGroupJoin, classicGroupSync, classicGroupHeartbeat, classicGroupLeave, the
 * join/sync/heartbeat timers). Timers come only from the injected Scheduler; member ids are
 * `<client.id>-<uuid>` from the injected uuid source; GroupMetadata records go out through `append`.
 *
 * Timeline of a rebalance: JoinGroup(memberId '') → MEMBER_ID_REQUIRED with an id (a group this join creates is
 * written at once as an empty GroupMetadata record); JoinGroup(id) → the
 * group goes PreparingRebalance; the join phase ends after group.initial.rebalance.delay.ms (extended while
 * members keep arriving, at most the rebalance timeout) for a new group, or when every member has rejoined
 * (at most the rebalance timeout) → generation + 1, CompletingRebalance, join responses (the leader gets
 * the members); the leader's SyncGroup writes GroupMetadata and the group becomes Stable.
 */
import type { Scheduler } from '../../net/scheduler.ts'
import { ClassicGroup, EMPTY_ASSIGNMENT, type ClassicGroupMember } from './classic-group.ts'
import { CoordinatorTimer } from './coordinator-timer.ts'
import { CoordinatorWriteError } from './coordinator-write-error.ts'
import type { GroupErrorCode } from '../../protocol/kafka-errors.ts'
import type {
  HeartbeatRequest,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  SyncGroupRequest,
  SyncGroupResponse,
} from './group-protocol.ts'
import type { GroupCoordinatorRecord, GroupMetadataRecord } from './group-records.ts'
import { OffsetMetadataManager } from './offset-metadata-manager.ts'

export interface GroupCoordinatorConfig {
  /** group.initial.rebalance.delay.ms */
  readonly initialRebalanceDelayMs: number
  /** group.min.session.timeout.ms */
  readonly minSessionTimeoutMs: number
  /** group.max.session.timeout.ms */
  readonly maxSessionTimeoutMs: number
  /** How long a new member's JoinGroup may wait (GroupMetadataManager's classicGroupNewMemberJoinTimeoutMs). */
  readonly newMemberJoinTimeoutMs: number
}

export const DEFAULT_GROUP_COORDINATOR_CONFIG: GroupCoordinatorConfig = {
  initialRebalanceDelayMs: 3000,
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1_800_000,
  newMemberJoinTimeoutMs: 300_000,
}

export interface GroupCoordinatorDeps {
  readonly scheduler: Scheduler
  /** A random UUID string (java.util.UUID#toString form). */
  readonly uuid: () => string
  /**
   * Writes records to this coordinator's __consumer_offsets partition as one batch; resolves once they are
   * durable, with the batch's base offset where the writer knows it; rejects with a CoordinatorWriteError.
   */
  readonly append: (records: readonly GroupCoordinatorRecord[]) => Promise<number | void>
  readonly config?: Partial<GroupCoordinatorConfig>
}

export const joinKey = (groupId: string): string => `join-${groupId}`
export const syncKey = (groupId: string): string => `sync-${groupId}`
export const heartbeatKey = (groupId: string, memberId: string): string => `heartbeat-${groupId}-${memberId}`

export abstract class ClassicGroupManager {
  readonly offsets = new OffsetMetadataManager()
  protected readonly groups = new Map<string, ClassicGroup>()
  protected readonly config: GroupCoordinatorConfig
  protected readonly timer: CoordinatorTimer

  constructor(protected readonly deps: GroupCoordinatorDeps) {
    this.config = { ...DEFAULT_GROUP_COORDINATOR_CONFIG, ...deps.config }
    this.timer = new CoordinatorTimer(deps.scheduler)
  }

  group(groupId: string): ClassicGroup | undefined {
    return this.groups.get(groupId)
  }

  protected now(): number {
    return this.deps.scheduler.now()
  }

  protected getOrCreateGroup(groupId: string): ClassicGroup {
    const existing = this.groups.get(groupId)
    if (existing !== undefined) return existing
    const group = new ClassicGroup(groupId, this.now())
    this.groups.set(groupId, group)
    return group
  }

  /** Whether a consumer group with members holds this id (an empty one gives way to the classic group). */
  protected abstract takenByConsumerGroup(groupId: string): boolean

  // ---- JoinGroup ----

  joinGroup(request: JoinGroupRequest): Promise<JoinGroupResponse> {
    const fail = (error: GroupErrorCode): Promise<JoinGroupResponse> =>
      Promise.resolve(joinError(request.memberId, error))
    if (request.groupId === '') return fail('INVALID_GROUP_ID')
    if (this.takenByConsumerGroup(request.groupId)) return fail('INCONSISTENT_GROUP_PROTOCOL')
    if (
      request.sessionTimeoutMs < this.config.minSessionTimeoutMs ||
      request.sessionTimeoutMs > this.config.maxSessionTimeoutMs
    )
      return fail('INVALID_SESSION_TIMEOUT')
    const isUnknownMember = request.memberId === ''
    const existing = this.groups.get(request.groupId)
    if (existing === undefined && !isUnknownMember) return fail('UNKNOWN_MEMBER_ID')
    const group = existing ?? this.getOrCreateGroup(request.groupId)
    if (!group.supportsProtocols(request.protocolType, request.protocols)) {
      if (existing === undefined) this.groups.delete(request.groupId)
      return fail('INCONSISTENT_GROUP_PROTOCOL')
    }
    if (isUnknownMember) {
      // JoinGroup v4+: hand out a member id and ask the client to join again with it.
      const memberId = `${request.clientId}-${this.deps.uuid()}`
      group.pendingJoinMembers.add(memberId)
      this.timer.schedule(heartbeatKey(group.groupId, memberId), request.sessionTimeoutMs, () =>
        this.expireHeartbeat(group.groupId, memberId),
      )
      if (existing === undefined) this.commitNewGroup(group)
      return fail('MEMBER_ID_REQUIRED').then((r) => ({ ...r, memberId }))
    }
    if (group.pendingJoinMembers.has(request.memberId)) return this.addMemberAndRebalance(group, request)
    const member = group.member(request.memberId)
    if (member === undefined) return fail('UNKNOWN_MEMBER_ID')
    const matches = sameProtocols(member, request)
    if (
      group.state === 'PreparingRebalance' ||
      (group.state === 'CompletingRebalance' && !matches) ||
      (group.state === 'Stable' && (group.isLeader(member.memberId) || !matches))
    )
      return this.updateMemberAndRebalance(group, member, request)
    return Promise.resolve(this.joinResponse(group, member, group.isLeader(member.memberId)))
  }

  private addMemberAndRebalance(group: ClassicGroup, request: JoinGroupRequest): Promise<JoinGroupResponse> {
    return new Promise((resolve) => {
      const member: ClassicGroupMember = {
        memberId: request.memberId,
        groupInstanceId: request.groupInstanceId,
        clientId: request.clientId,
        clientHost: request.clientHost,
        rebalanceTimeoutMs: request.rebalanceTimeoutMs,
        sessionTimeoutMs: request.sessionTimeoutMs,
        protocolType: request.protocolType,
        protocols: request.protocols,
        assignment: EMPTY_ASSIGNMENT,
        isNew: true,
        awaitingJoin: resolve,
        awaitingSync: null,
      }
      if (group.state === 'PreparingRebalance' && group.previousState === 'Empty') group.newMemberAdded = true
      group.add(member)
      this.scheduleHeartbeat(group, member, this.config.newMemberJoinTimeoutMs)
      this.maybePrepareRebalanceOrCompleteJoin(group)
    })
  }

  private updateMemberAndRebalance(
    group: ClassicGroup,
    member: ClassicGroupMember,
    request: JoinGroupRequest,
  ): Promise<JoinGroupResponse> {
    return new Promise((resolve) => {
      member.protocols = request.protocols
      member.rebalanceTimeoutMs = request.rebalanceTimeoutMs
      member.sessionTimeoutMs = request.sessionTimeoutMs
      member.awaitingJoin = resolve
      this.maybePrepareRebalanceOrCompleteJoin(group)
    })
  }

  protected maybePrepareRebalanceOrCompleteJoin(group: ClassicGroup): void {
    if (group.canRebalance()) this.prepareRebalance(group)
    else if (
      group.state === 'PreparingRebalance' &&
      group.previousState !== 'Empty' &&
      group.hasAllMembersJoined()
    )
      this.completeJoin(group)
  }

  protected prepareRebalance(group: ClassicGroup): void {
    if (group.state === 'CompletingRebalance') this.resetAndPropagateAssignmentWithError(group)
    group.pendingSyncMembers.clear()
    this.timer.cancel(syncKey(group.groupId))
    const isInitialRebalance = group.state === 'Empty'
    if (isInitialRebalance) {
      const delayMs = this.config.initialRebalanceDelayMs
      const remainingMs = Math.max(group.rebalanceTimeoutMs() - delayMs, 0)
      this.timer.schedule(joinKey(group.groupId), delayMs, () =>
        this.tryCompleteInitialRebalance(group, delayMs, remainingMs),
      )
    }
    group.transitionTo('PreparingRebalance', this.now())
    if (!isInitialRebalance) {
      if (group.hasAllMembersJoined()) this.completeJoin(group)
      else
        this.timer.schedule(joinKey(group.groupId), group.rebalanceTimeoutMs(), () =>
          this.completeJoin(group),
        )
    }
  }

  private tryCompleteInitialRebalance(group: ClassicGroup, delayMs: number, remainingMs: number): void {
    if (group.newMemberAdded && remainingMs !== 0) {
      group.newMemberAdded = false
      const newDelayMs = Math.min(this.config.initialRebalanceDelayMs, remainingMs)
      const newRemainingMs = Math.max(remainingMs - delayMs, 0)
      this.timer.schedule(joinKey(group.groupId), newDelayMs, () =>
        this.tryCompleteInitialRebalance(group, newDelayMs, newRemainingMs),
      )
    } else this.completeJoin(group)
  }

  protected completeJoin(group: ClassicGroup): void {
    this.timer.cancel(joinKey(group.groupId))
    for (const member of group.allMembers()) {
      if (member.awaitingJoin !== null || member.groupInstanceId !== null) continue
      group.remove(member.memberId)
      this.timer.cancel(heartbeatKey(group.groupId, member.memberId))
    }
    if (group.state === 'Dead') return
    if (!group.maybeElectNewJoinedLeader() && group.numMembers() > 0) {
      this.timer.schedule(joinKey(group.groupId), group.rebalanceTimeoutMs(), () => this.completeJoin(group))
      return
    }
    group.initNextGeneration(this.now())
    if (group.state === 'Empty') {
      this.deps.append([this.groupMetadataRecord(group)]).catch(() => undefined)
      return
    }
    for (const member of group.allMembers()) {
      group.completeJoin(member, this.joinResponse(group, member, group.isLeader(member.memberId)))
      this.scheduleHeartbeat(group, member, member.sessionTimeoutMs)
      member.isNew = false
      group.pendingSyncMembers.add(member.memberId)
    }
    const generation = group.generationId
    this.timer.schedule(syncKey(group.groupId), group.rebalanceTimeoutMs(), () =>
      this.expirePendingSync(group, generation),
    )
  }

  private joinResponse(
    group: ClassicGroup,
    member: ClassicGroupMember,
    withMembers: boolean,
  ): JoinGroupResponse {
    return {
      error: 'NONE',
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      members: withMembers
        ? group.allMembers().map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: group.metadataOf(m),
          }))
        : [],
    }
  }

  private expirePendingSync(group: ClassicGroup, generation: number): void {
    if (generation !== group.generationId) return
    if (group.state !== 'CompletingRebalance' && group.state !== 'Stable') return
    if (group.pendingSyncMembers.size === 0) return
    for (const memberId of [...group.pendingSyncMembers]) {
      group.remove(memberId)
      this.timer.cancel(heartbeatKey(group.groupId, memberId))
    }
    this.prepareRebalance(group)
  }

  // ---- Heartbeats and session expiry ----

  protected scheduleHeartbeat(group: ClassicGroup, member: ClassicGroupMember, timeoutMs: number): void {
    this.timer.schedule(heartbeatKey(group.groupId, member.memberId), timeoutMs, () =>
      this.expireHeartbeat(group.groupId, member.memberId),
    )
  }

  private expireHeartbeat(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId)
    if (group === undefined || group.state === 'Dead') return
    if (group.pendingJoinMembers.has(memberId)) {
      group.remove(memberId)
      if (group.state === 'PreparingRebalance' && group.hasAllMembersJoined()) this.completeJoin(group)
      return
    }
    const member = group.member(memberId)
    if (member === undefined) return
    const satisfied = !member.isNew && (member.awaitingJoin !== null || member.awaitingSync !== null)
    if (!satisfied) this.removeMemberAndUpdateGroup(group, member)
  }

  protected removeMemberAndUpdateGroup(group: ClassicGroup, member: ClassicGroupMember): void {
    group.completeJoin(member, joinError('', 'UNKNOWN_MEMBER_ID'))
    group.remove(member.memberId)
    if (group.state === 'Stable' || group.state === 'CompletingRebalance')
      this.maybePrepareRebalanceOrCompleteJoin(group)
    else if (group.state === 'PreparingRebalance' && group.hasAllMembersJoined()) this.completeJoin(group)
  }

  heartbeat(request: HeartbeatRequest): Promise<HeartbeatResponse> {
    const group = this.groups.get(request.groupId)
    const error = ((): GroupErrorCode => {
      if (group === undefined) return 'UNKNOWN_MEMBER_ID'
      const invalid = this.validateMember(group, request.memberId, request.groupInstanceId)
      if (invalid !== 'NONE') return invalid
      if (request.generationId !== group.generationId) return 'ILLEGAL_GENERATION'
      const member = group.member(request.memberId)
      if (group.state === 'Empty' || member === undefined) return 'UNKNOWN_MEMBER_ID'
      this.scheduleHeartbeat(group, member, member.sessionTimeoutMs)
      return group.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : 'NONE'
    })()
    return Promise.resolve({ error })
  }

  protected validateMember(
    group: ClassicGroup,
    memberId: string,
    groupInstanceId: string | null,
  ): GroupErrorCode {
    if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE'
    if (groupInstanceId !== null) {
      const owner = group.allMembers().find((m) => m.groupInstanceId === groupInstanceId)
      if (owner === undefined) return 'UNKNOWN_MEMBER_ID'
      if (owner.memberId !== memberId) return 'FENCED_INSTANCE_ID'
    }
    return group.hasMember(memberId) ? 'NONE' : 'UNKNOWN_MEMBER_ID'
  }

  // ---- SyncGroup ----

  syncGroup(request: SyncGroupRequest): Promise<SyncGroupResponse> {
    const group = this.groups.get(request.groupId)
    const fail = (error: GroupErrorCode): Promise<SyncGroupResponse> =>
      Promise.resolve({ error, protocolType: null, protocolName: null, assignment: EMPTY_ASSIGNMENT })
    if (group === undefined) return fail('UNKNOWN_MEMBER_ID')
    const invalid = this.validateMember(group, request.memberId, request.groupInstanceId)
    if (invalid !== 'NONE') return fail(invalid)
    if (request.generationId !== group.generationId) return fail('ILLEGAL_GENERATION')
    if (
      (request.protocolType !== null && request.protocolType !== group.protocolType) ||
      (request.protocolName !== null && request.protocolName !== group.protocolName)
    )
      return fail('INCONSISTENT_GROUP_PROTOCOL')
    const member = group.member(request.memberId)
    if (member === undefined || group.state === 'Empty') return fail('UNKNOWN_MEMBER_ID')
    if (group.state === 'PreparingRebalance') return fail('REBALANCE_IN_PROGRESS')
    group.pendingSyncMembers.delete(member.memberId)
    if (group.state === 'Stable')
      return Promise.resolve({
        error: 'NONE',
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        assignment: member.assignment,
      })
    return new Promise((resolve) => {
      member.awaitingSync = resolve
      if (group.isLeader(member.memberId)) this.storeLeaderAssignment(group, request)
    })
  }

  private storeLeaderAssignment(group: ClassicGroup, request: SyncGroupRequest): void {
    const generation = group.generationId
    const byMember = new Map(request.assignments.map((a) => [a.memberId, a.assignment]))
    const assignments = new Map(
      group.allMembers().map((m) => [m.memberId, byMember.get(m.memberId) ?? EMPTY_ASSIGNMENT] as const),
    )
    const record = this.groupMetadataRecord(group, assignments)
    this.deps.append([record]).then(
      () => {
        if (group.state !== 'CompletingRebalance' || group.generationId !== generation) return
        for (const member of group.allMembers())
          member.assignment = assignments.get(member.memberId) ?? EMPTY_ASSIGNMENT
        this.propagateAssignment(group, 'NONE')
        group.transitionTo('Stable', this.now())
      },
      (reason: unknown) => {
        if (group.state !== 'CompletingRebalance' || group.generationId !== generation) return
        // Errors.forException: anything but a write error is UNKNOWN_SERVER_ERROR
        const error = reason instanceof CoordinatorWriteError ? reason.error : 'UNKNOWN_SERVER_ERROR'
        this.resetAndPropagateAssignmentWithError(group, error)
        this.maybePrepareRebalanceOrCompleteJoin(group)
      },
    )
  }

  private resetAndPropagateAssignmentWithError(
    group: ClassicGroup,
    error: GroupErrorCode = 'REBALANCE_IN_PROGRESS',
  ): void {
    for (const member of group.allMembers()) member.assignment = EMPTY_ASSIGNMENT
    this.propagateAssignment(group, error)
  }

  private propagateAssignment(group: ClassicGroup, error: GroupErrorCode): void {
    for (const member of group.allMembers()) {
      const response: SyncGroupResponse = {
        error,
        protocolType: error === 'NONE' ? group.protocolType : null,
        protocolName: error === 'NONE' ? group.protocolName : null,
        assignment: member.assignment,
      }
      if (group.completeSync(member, response)) this.scheduleHeartbeat(group, member, member.sessionTimeoutMs)
    }
  }

  // ---- LeaveGroup ----

  leaveGroup(request: LeaveGroupRequest): Promise<LeaveGroupResponse> {
    const group = this.groups.get(request.groupId)
    if (group === undefined) return Promise.resolve({ error: 'UNKNOWN_MEMBER_ID', members: [] })
    if (group.state === 'Dead') return Promise.resolve({ error: 'COORDINATOR_NOT_AVAILABLE', members: [] })
    const members = request.members.map((leaving) => {
      const result = (error: GroupErrorCode) => ({ ...leaving, error })
      if (group.pendingJoinMembers.has(leaving.memberId)) {
        this.timer.cancel(heartbeatKey(group.groupId, leaving.memberId))
        group.remove(leaving.memberId)
        if (group.state === 'PreparingRebalance' && group.hasAllMembersJoined()) this.completeJoin(group)
        return result('NONE')
      }
      const invalid = this.validateMember(group, leaving.memberId, leaving.groupInstanceId)
      const member = group.member(leaving.memberId)
      if (invalid !== 'NONE' || member === undefined)
        return result(invalid === 'NONE' ? 'UNKNOWN_MEMBER_ID' : invalid)
      this.timer.cancel(heartbeatKey(group.groupId, member.memberId))
      this.removeMemberAndUpdateGroup(group, member)
      return result('NONE')
    })
    return Promise.resolve({
      error: 'NONE',
      members: members.map(({ memberId, groupInstanceId, error }) => ({ memberId, groupInstanceId, error })),
    })
  }

  // ---- Records ----

  /**
   * classicGroupJoinToClassicGroup: a join that created the group and has no records of its own commits the group
   * with newEmptyGroupMetadataRecord (protocol type '', generation 0, no protocol, leader or members). The join's
   * answer does not wait for it; a failed write reverts the creation, as the coordinator's snapshot does.
   */
  private commitNewGroup(group: ClassicGroup): void {
    const record: GroupMetadataRecord = {
      type: 'GroupMetadata',
      groupId: group.groupId,
      protocolType: '',
      generation: 0,
      protocol: null,
      leader: null,
      currentStateTimestamp: group.currentStateTimestamp,
      members: [],
    }
    this.deps.append([record]).catch(() => {
      if (this.groups.get(group.groupId) !== group) return
      for (const memberId of group.pendingJoinMembers)
        this.timer.cancel(heartbeatKey(group.groupId, memberId))
      this.groups.delete(group.groupId)
    })
  }

  protected groupMetadataRecord(
    group: ClassicGroup,
    assignments: ReadonlyMap<string, ClassicGroupMember['assignment']> = new Map(),
  ): GroupMetadataRecord {
    return {
      type: 'GroupMetadata',
      groupId: group.groupId,
      protocolType: group.protocolType ?? '',
      generation: group.generationId,
      protocol: group.protocolName,
      leader: group.leaderId,
      currentStateTimestamp: group.currentStateTimestamp,
      members: group.allMembers().map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: group.metadataOf(m),
        assignment: assignments.get(m.memberId) ?? m.assignment,
      })),
    }
  }
}

function joinError(memberId: string, error: GroupErrorCode): JoinGroupResponse {
  return {
    error,
    generationId: -1,
    protocolType: null,
    protocolName: null,
    leader: '',
    memberId,
    members: [],
  }
}

function sameProtocols(member: ClassicGroupMember, request: JoinGroupRequest): boolean {
  return JSON.stringify(member.protocols) === JSON.stringify(request.protocols)
}
