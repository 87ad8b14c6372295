/**
 * QuorumController: the active controller of a KRaft cluster. It runs on the node that leads the
 * metadata quorum, takes one request at a time (Kafka's controller event queue), decides with
 * ReplicationControl, and writes its decisions as records to the metadata log; a decision takes effect
 * when its records are committed and replayed into ClusterMetadata.
 *
 * Broker liveness: a broker registers (fenced), heartbeats every broker.heartbeat.interval.ms, is
 * unfenced on its first heartbeat after it caught up, and is fenced when no heartbeat arrived for
 * broker.session.timeout.ms (9 s), when it asks to shut down, or when it registers again unfenced (a restart
 * without a controlled shutdown); fencing moves its leaderships to other ISR replicas (fenceBrokerRecords).
 * While active it also runs the periodic preferred leader election (leader-rebalance.ts: electPreferred,
 * every leader.imbalance.check.interval.seconds). UpdateFeatures is feature-control.ts; CreateAcls and
 * DeleteAcls are acl-control.ts, refused when this node runs no authorizer; AlterClientQuotas is
 * client-quota-control.ts.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { Random } from '../../net/random.ts'
import type { ResourceError, TopicError } from '../../protocol/kafka.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import { NO_LEADER, type MetadataRecord } from '../metadata/metadata-records.ts'
import type { ControllerRequest, ControllerResponse } from './controller-messages.ts'
import type { CreationDefaults } from './topic-creation.ts'
import { brokerConfigDefault } from '../config/broker-configs.ts'
import { incrementalAlterConfigRecords } from './configuration-control.ts'
import { createPartitionsRecords } from './partition-creation.ts'
import {
  ElectPreferredTask,
  maybeBalancePartitionLeaders,
  type LeaderRebalanceConfig,
} from './leader-rebalance.ts'
import { allocateProducerIds } from './producer-id-control.ts'
import { updateFeaturesRecords } from './feature-control.ts'
import { alterClientQuotasRecords } from './client-quota-control.ts'
import { NO_AUTHORIZER, createAclsRecords, deleteAclsRecords } from './acl-control.ts'
import {
  createTopicRecords,
  deleteTopicRecords,
  electLeadersRecords,
  fenceBrokerRecords,
  uncleanAllowed,
  unfenceBrokerRecords,
} from './replication-control.ts'
import { isrChangeRecord } from './partition-change.ts'
import { alterPartitionReassignmentsRecords, listPartitionReassignments } from './partition-reassignment.ts'

/** The metadata log as the controller writes it: resolves once the records are committed and replayed. */
export interface MetadataLog {
  append(records: MetadataRecord[]): Promise<number>
}

export interface ControllerConfig {
  sessionTimeoutMs: number
  defaults: CreationDefaults
  leaderRebalance: LeaderRebalanceConfig
}

export const CONTROLLER_DEFAULTS: ControllerConfig = {
  sessionTimeoutMs: 9000,
  defaults: {
    numPartitions: Number(brokerConfigDefault('num.partitions')),
    replicationFactor: Number(brokerConfigDefault('default.replication.factor')),
  },
  leaderRebalance: {
    enabled: brokerConfigDefault('auto.leader.rebalance.enable') === 'true',
    checkIntervalMs: Number(brokerConfigDefault('leader.imbalance.check.interval.seconds')) * 1000,
  },
}

type Handled<A extends ControllerRequest['api']> = Extract<ControllerResponse, { api: A }>

export class QuorumController {
  private active = false
  private queue: Promise<unknown> = Promise.resolve()
  private readonly sessions = new Map<number, Cancellable>()
  private readonly electPreferred: ElectPreferredTask

  constructor(
    private readonly deps: {
      /** This node's id: the controller's, while it is active. */
      nodeId: number
      scheduler: Scheduler
      random: Random
      log: MetadataLog
      metadata: ClusterMetadata
      config: ControllerConfig
      /** Whether this node's server.properties names an authorizer (authorizer.class.name); absent: none. */
      hasAuthorizer?: boolean
    },
  ) {
    this.electPreferred = new ElectPreferredTask(deps.scheduler, deps.config.leaderRebalance, () =>
      this.enqueue(async () => {
        const { records, rescheduleImmediately } = maybeBalancePartitionLeaders(deps.metadata)
        await this.append(records)
        return rescheduleImmediately
      }),
    )
  }

  get isActive(): boolean {
    return this.active
  }

  /** This node now leads the quorum: every live broker gets a fresh session. */
  activate(): void {
    this.active = true
    for (const broker of this.deps.metadata.brokers.values()) {
      if (!broker.fenced) this.touchSession(broker.brokerId)
    }
    this.electPreferred.activate()
  }

  deactivate(): void {
    this.active = false
    this.electPreferred.deactivate()
    for (const session of this.sessions.values()) session.cancel()
    this.sessions.clear()
  }

  handle(request: ControllerRequest): Promise<ControllerResponse> {
    const run = this.queue.then(() => this.dispatch(request))
    this.queue = run.catch(() => undefined)
    return run
  }

  private dispatch(request: ControllerRequest): Promise<ControllerResponse> {
    if (!this.active) return Promise.resolve(notController(request))
    switch (request.api) {
      case 'BrokerRegistration':
        return this.register(request)
      case 'BrokerHeartbeat':
        return this.heartbeat(request)
      case 'AlterPartition':
        return this.alterPartition(request)
      case 'CreateTopics':
        return this.createTopics(request)
      case 'DeleteTopics':
        return this.deleteTopics(request)
      case 'ElectLeaders':
        return this.electLeaders(request)
      case 'IncrementalAlterConfigs':
        return this.incrementalAlterConfigs(request)
      case 'CreatePartitions':
        return this.createPartitions(request)
      case 'AlterPartitionReassignments':
        return this.alterPartitionReassignments(request)
      case 'ListPartitionReassignments': {
        const reassignments = listPartitionReassignments(this.deps.metadata, request.partitions)
        return Promise.resolve({ api: request.api, error: null, reassignments })
      }
      case 'AllocateProducerIds':
        return this.allocateProducerIds(request)
      case 'UpdateFeatures':
        return this.updateFeatures(request)
      case 'CreateAcls':
        return this.createAcls(request)
      case 'DeleteAcls':
        return this.deleteAcls(request)
      case 'AlterClientQuotas':
        return this.alterClientQuotas(request)
    }
  }

  private async createAcls(
    request: Extract<ControllerRequest, { api: 'CreateAcls' }>,
  ): Promise<Handled<'CreateAcls'>> {
    if (this.deps.hasAuthorizer !== true) {
      const refused = { error: 'SECURITY_DISABLED', message: NO_AUTHORIZER } as const
      return { api: request.api, results: request.bindings.map(() => refused) }
    }
    const { results, records } = createAclsRecords(this.deps.metadata, this.deps.random, request.bindings)
    await this.append(records)
    return { api: request.api, results }
  }

  private async deleteAcls(
    request: Extract<ControllerRequest, { api: 'DeleteAcls' }>,
  ): Promise<Handled<'DeleteAcls'>> {
    if (this.deps.hasAuthorizer !== true) {
      const results = request.filters.map(() => ({
        error: 'SECURITY_DISABLED' as const,
        message: NO_AUTHORIZER,
        deleted: [],
      }))
      return { api: request.api, results }
    }
    const { results, records } = deleteAclsRecords(this.deps.metadata, request.filters)
    await this.append(records)
    return { api: request.api, results }
  }

  /** ClientQuotaControlManager.alterClientQuotas: the records of every accepted entity go together. */
  private async alterClientQuotas(
    request: Extract<ControllerRequest, { api: 'AlterClientQuotas' }>,
  ): Promise<Handled<'AlterClientQuotas'>> {
    const { results, records } = alterClientQuotasRecords(this.deps.metadata, request.alterations)
    if (!request.validateOnly) await this.append(records)
    return { api: request.api, results }
  }

  /** FeatureControlManager.updateFeatures: the accepted features' FeatureLevelRecords go together. */
  private async updateFeatures(
    request: Extract<ControllerRequest, { api: 'UpdateFeatures' }>,
  ): Promise<Handled<'UpdateFeatures'>> {
    const { results, records } = updateFeaturesRecords(this.deps.metadata, this.deps.nodeId, request.updates)
    if (!request.validateOnly) await this.append(records)
    return { api: request.api, results }
  }

  /** AllocateProducerIds: the next block of 1000 producer ids, taken once its ProducerIdsRecord commits. */
  private async allocateProducerIds(
    request: Extract<ControllerRequest, { api: 'AllocateProducerIds' }>,
  ): Promise<Handled<'AllocateProducerIds'>> {
    const outcome = allocateProducerIds(this.deps.metadata, request.brokerId, request.brokerEpoch)
    if (!outcome.ok) return { api: request.api, error: outcome.error, producerIdStart: -1, producerIdLen: 0 }
    await this.append(outcome.records)
    const { firstProducerId, size } = outcome.block
    return { api: request.api, error: null, producerIdStart: firstProducerId, producerIdLen: size }
  }

  private touchSession(brokerId: number): void {
    this.sessions.get(brokerId)?.cancel()
    this.sessions.set(
      brokerId,
      this.deps.scheduler.schedule(this.deps.config.sessionTimeoutMs, () => {
        this.sessions.delete(brokerId)
        void this.enqueue(() => this.append(fenceBrokerRecords(this.deps.metadata, brokerId)))
      }),
    )
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() =>
      this.active ? work() : Promise.reject(new Error('not the active controller')),
    )
    this.queue = run.catch(() => undefined)
    return run
  }

  private async append(records: MetadataRecord[]): Promise<void> {
    if (records.length > 0) await this.deps.log.append(records)
  }

  private async register(
    request: Extract<ControllerRequest, { api: 'BrokerRegistration' }>,
  ): Promise<Handled<'BrokerRegistration'>> {
    const { metadata } = this.deps
    const brokerEpoch = Math.max(0, ...[...metadata.brokers.values()].map((b) => b.brokerEpoch)) + 1
    // A broker registering again while still unfenced restarted without a controlled shutdown, before its
    // session expired: its log may have lost an unflushed tail, so it leaves every ISR and its leaderships
    // first (ReplicationControlManager.handleBrokerShutdown on an unclean re-registration).
    await this.append([
      ...fenceBrokerRecords(metadata, request.brokerId),
      {
        type: 'RegisterBrokerRecord',
        brokerId: request.brokerId,
        brokerEpoch,
        incarnationId: request.incarnationId,
        endpoints: request.endpoints,
        rack: request.rack,
        fenced: true,
      },
    ])
    this.touchSession(request.brokerId)
    return { api: 'BrokerRegistration', error: null, brokerEpoch }
  }

  private async heartbeat(
    request: Extract<ControllerRequest, { api: 'BrokerHeartbeat' }>,
  ): Promise<Handled<'BrokerHeartbeat'>> {
    const broker = this.deps.metadata.brokers.get(request.brokerId)
    if (!broker)
      return {
        api: 'BrokerHeartbeat',
        error: 'BROKER_ID_NOT_REGISTERED',
        isFenced: true,
        shouldShutDown: false,
      }
    if (broker.brokerEpoch !== request.brokerEpoch) {
      return { api: 'BrokerHeartbeat', error: 'STALE_BROKER_EPOCH', isFenced: true, shouldShutDown: false }
    }
    if (request.wantShutDown) {
      this.sessions.get(request.brokerId)?.cancel()
      this.sessions.delete(request.brokerId)
      await this.append(fenceBrokerRecords(this.deps.metadata, request.brokerId))
      return { api: 'BrokerHeartbeat', error: null, isFenced: true, shouldShutDown: true }
    }
    this.touchSession(request.brokerId)
    if (broker.fenced) await this.append(unfenceBrokerRecords(this.deps.metadata, request.brokerId))
    return { api: 'BrokerHeartbeat', error: null, isFenced: broker.fenced, shouldShutDown: false }
  }

  private async alterPartition(
    request: Extract<ControllerRequest, { api: 'AlterPartition' }>,
  ): Promise<Handled<'AlterPartition'>> {
    const { metadata } = this.deps
    const current = metadata.topicsById.get(request.topicId)?.partitions.get(request.partitionId)
    const answer = (error: Handled<'AlterPartition'>['error']): Handled<'AlterPartition'> => ({
      api: 'AlterPartition',
      error,
      isr: current ? [...current.isr] : [],
      leaderEpoch: current?.leaderEpoch ?? -1,
      partitionEpoch: current?.partitionEpoch ?? -1,
    })
    const broker = metadata.brokers.get(request.brokerId)
    if (!broker || broker.brokerEpoch !== request.brokerEpoch) return answer('STALE_BROKER_EPOCH')
    if (!current) return answer('UNKNOWN_TOPIC_OR_PARTITION')
    if (current.leader !== request.brokerId) return answer('NOT_LEADER_OR_FOLLOWER')
    if (request.leaderEpoch !== current.leaderEpoch) return answer('FENCED_LEADER_EPOCH')
    if (request.partitionEpoch !== current.partitionEpoch) return answer('INVALID_UPDATE_VERSION')
    const eligible = (id: number): boolean => current.replicas.includes(id) && metadata.isUnfenced(id)
    if (!request.newIsr.includes(request.brokerId) || !request.newIsr.every(eligible))
      return answer('INELIGIBLE_REPLICA')
    const { topicId, partitionId, newIsr } = request
    const isUsable = (id: number): boolean => metadata.isUnfenced(id)
    await this.append([isrChangeRecord({ topicId, partitionId, current, targetIsr: newIsr, isUsable })])
    return answer(null)
  }

  private async createTopics(
    request: Extract<ControllerRequest, { api: 'CreateTopics' }>,
  ): Promise<Handled<'CreateTopics'>> {
    const results: TopicError[] = []
    for (const topic of request.topics) {
      const outcome = createTopicRecords(
        this.deps.metadata,
        topic,
        this.deps.config.defaults,
        this.deps.random,
      )
      if (!outcome.ok) {
        results.push({ name: topic.name, error: outcome.error, message: outcome.message })
        continue
      }
      if (!request.validateOnly) await this.append(outcome.records)
      results.push({ name: topic.name, error: null, message: null })
    }
    return { api: 'CreateTopics', results }
  }

  private async deleteTopics(
    request: Extract<ControllerRequest, { api: 'DeleteTopics' }>,
  ): Promise<Handled<'DeleteTopics'>> {
    const results: TopicError[] = []
    for (const name of request.names) {
      const outcome = deleteTopicRecords(this.deps.metadata, name)
      if (!outcome.ok) {
        results.push({ name, error: outcome.error, message: null })
        continue
      }
      await this.append(outcome.records)
      results.push({ name, error: null, message: null })
    }
    return { api: 'DeleteTopics', results }
  }

  private async incrementalAlterConfigs(
    request: Extract<ControllerRequest, { api: 'IncrementalAlterConfigs' }>,
  ): Promise<Handled<'IncrementalAlterConfigs'>> {
    const results: ResourceError[] = []
    for (const change of request.resources) {
      const outcome = incrementalAlterConfigRecords(this.deps.metadata, change)
      if (!outcome.ok) {
        results.push({ resource: change.resource, error: outcome.error, message: outcome.message })
        continue
      }
      if (!request.validateOnly) await this.append(outcome.records)
      results.push({ resource: change.resource, error: null, message: null })
    }
    return { api: 'IncrementalAlterConfigs', results }
  }

  private async createPartitions(
    request: Extract<ControllerRequest, { api: 'CreatePartitions' }>,
  ): Promise<Handled<'CreatePartitions'>> {
    const results: TopicError[] = []
    for (const topic of request.topics) {
      const outcome = createPartitionsRecords(this.deps.metadata, topic, this.deps.random)
      if (!outcome.ok) {
        results.push({ name: topic.name, error: outcome.error, message: outcome.message })
        continue
      }
      if (!request.validateOnly) await this.append(outcome.records)
      results.push({ name: topic.name, error: null, message: null })
    }
    return { api: 'CreatePartitions', results }
  }

  /** ReplicationControlManager.alterPartitionReassignments: the accepted partitions' records go together. */
  private async alterPartitionReassignments(
    request: Extract<ControllerRequest, { api: 'AlterPartitionReassignments' }>,
  ): Promise<Handled<'AlterPartitionReassignments'>> {
    const { metadata } = this.deps
    const { records, results } = alterPartitionReassignmentsRecords(metadata, request.partitions, (topic) =>
      uncleanAllowed(metadata, topic),
    )
    await this.append(records)
    return { api: 'AlterPartitionReassignments', results }
  }

  /**
   * ReplicationControlManager.electLeaders: per partition, UNKNOWN_TOPIC_OR_PARTITION (`No such topic as
   * t`, `No such partition as t-9`), ELECTION_NOT_NEEDED (preferred: the first replica leads; unclean: a
   * leader exists), the election's record, or PREFERRED_LEADER_NOT_AVAILABLE /
   * ELIGIBLE_LEADERS_NOT_AVAILABLE when no record results. `partitions` null asks for every partition and
   * leaves the ELECTION_NOT_NEEDED ones out of the answer. The records are appended together.
   */
  private async electLeaders(
    request: Extract<ControllerRequest, { api: 'ElectLeaders' }>,
  ): Promise<Handled<'ElectLeaders'>> {
    const { metadata } = this.deps
    const everything = request.partitions === null
    const targets =
      request.partitions ??
      [...metadata.topicsById.values()].flatMap((topic) =>
        [...topic.partitions.keys()].map((partition) => ({ topic: topic.name, partition })),
      )
    const records: MetadataRecord[] = []
    const results: Handled<'ElectLeaders'>['results'] = []
    for (const target of targets) {
      const current = metadata.topic(target.topic)?.partitions.get(target.partition)
      if (!current) {
        const message = metadata.topic(target.topic)
          ? `No such partition as ${target.topic}-${target.partition}`
          : `No such topic as ${target.topic}`
        results.push({ ...target, error: 'UNKNOWN_TOPIC_OR_PARTITION', message })
        continue
      }
      const notNeeded =
        request.election === 'preferred'
          ? current.leader === current.replicas[0]
          : current.leader !== NO_LEADER
      if (notNeeded) {
        if (!everything) results.push({ ...target, error: 'ELECTION_NOT_NEEDED', message: null })
        continue
      }
      const elected = electLeadersRecords(metadata, request.election, [target])
      records.push(...elected)
      const error =
        elected.length > 0
          ? null
          : request.election === 'preferred'
            ? 'PREFERRED_LEADER_NOT_AVAILABLE'
            : 'ELIGIBLE_LEADERS_NOT_AVAILABLE'
      results.push({ ...target, error, message: null })
    }
    await this.append(records)
    return { api: 'ElectLeaders', results }
  }
}

function notController(request: ControllerRequest): ControllerResponse {
  switch (request.api) {
    case 'AlterPartitionReassignments':
      return {
        api: request.api,
        results: request.partitions.map((p) => ({
          topic: p.topic,
          partition: p.partition,
          error: 'NOT_CONTROLLER',
          message: null,
        })),
      }
    case 'ListPartitionReassignments':
      return { api: request.api, error: 'NOT_CONTROLLER', reassignments: [] }
    case 'BrokerRegistration':
      return { api: request.api, error: 'NOT_CONTROLLER', brokerEpoch: -1 }
    case 'BrokerHeartbeat':
      return { api: request.api, error: 'NOT_CONTROLLER', isFenced: true, shouldShutDown: false }
    case 'AlterPartition':
      return { api: request.api, error: 'NOT_CONTROLLER', isr: [], leaderEpoch: -1, partitionEpoch: -1 }
    case 'CreateTopics':
      return {
        api: request.api,
        results: request.topics.map((t) => ({ name: t.name, error: 'NOT_CONTROLLER', message: null })),
      }
    case 'DeleteTopics':
      return {
        api: request.api,
        results: request.names.map((name) => ({ name, error: 'NOT_CONTROLLER', message: null })),
      }
    case 'ElectLeaders':
      return {
        api: request.api,
        results: (request.partitions ?? []).map((p) => ({ ...p, error: 'NOT_CONTROLLER', message: null })),
      }
    case 'IncrementalAlterConfigs':
      return {
        api: request.api,
        results: request.resources.map((r) => ({
          resource: r.resource,
          error: 'NOT_CONTROLLER',
          message: null,
        })),
      }
    case 'CreatePartitions':
      return {
        api: request.api,
        results: request.topics.map((t) => ({ name: t.name, error: 'NOT_CONTROLLER', message: null })),
      }
    case 'AllocateProducerIds':
      return { api: request.api, error: 'NOT_CONTROLLER', producerIdStart: -1, producerIdLen: 0 }
    case 'UpdateFeatures':
      return {
        api: request.api,
        results: request.updates.map((u) => ({ feature: u.feature, error: 'NOT_CONTROLLER', message: null })),
      }
    case 'CreateAcls':
      return {
        api: request.api,
        results: request.bindings.map(() => ({ error: 'NOT_CONTROLLER', message: null })),
      }
    case 'DeleteAcls':
      return {
        api: request.api,
        results: request.filters.map(() => ({ error: 'NOT_CONTROLLER', message: null, deleted: [] })),
      }
    case 'AlterClientQuotas':
      return {
        api: request.api,
        results: request.alterations.map(({ entity }) => ({
          entity,
          error: 'NOT_CONTROLLER',
          message: null,
        })),
      }
  }
}
