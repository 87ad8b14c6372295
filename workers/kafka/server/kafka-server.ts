/**
 * KafkaServer: one Kafka 4.x node in combined KRaft mode (process.roles=broker,controller when it is a
 * voter of the metadata quorum, broker only otherwise). It wires, over one inter-broker Transport:
 * the metadata quorum (KafkaRaftClient), the controller that is active while this node leads the
 * quorum (QuorumController), the broker's lifecycle with the controller, the metadata publisher, the
 * ReplicaManager, the group and transaction coordinators, and the client-facing KafkaApis.
 *
 * Storage holds everything the node keeps: the metadata log (`__cluster_metadata-0/...`), partition logs
 * (`log/...`) and `meta.properties` (the cluster id), as a Kafka log.dirs would.
 */
import type { Random } from '../../net/random.ts'
import type { Scheduler } from '../../net/scheduler.ts'
import type { Transport } from '../../net/transport.ts'
import { ChannelMux, type Tagged } from '../../net/channel-mux.ts'
import type { Storage } from '../../storage/storage.ts'
import { openEnvelope, sealEnvelope } from '../../storage/envelope.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { BrokerEndpoint, MetadataRecord } from '../metadata/metadata-records.ts'
import { LogManager } from '../log/log-manager.ts'
import { KafkaRaftClient } from '../raft/kafka-raft-client.ts'
import { QUORUM_DEFAULTS } from '../raft/quorum-config.ts'
import type { RaftRequest, RaftResponse } from '../raft/raft-messages.ts'
import { CONTROLLER_DEFAULTS, QuorumController } from '../controller/quorum-controller.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'
import { ReplicaManager } from '../replication/replica-manager.ts'
import { REPLICATION_DEFAULTS } from '../replication/replication-config.ts'
import type { ReplicaFetchRequest, ReplicaFetchResponse } from '../replication/replica-messages.ts'
import { BrokerLifecycleManager } from './broker-lifecycle-manager.ts'
import { MetadataPublisher } from './metadata-publisher.ts'
import { KafkaApis } from './kafka-apis.ts'
import { ConfigHelper } from '../config/config-helper.ts'
import { staticBrokerConfigs } from '../config/broker-configs.ts'
import type { QuorumInfo } from '../raft/raft-messages.ts'
import { KAFKA_BASE_PORT, type QuorumDescription } from '../../protocol/kafka.ts'
import { GroupApis } from './group-apis.ts'
import { GroupCoordinatorLoader } from './group-coordinator-loader.ts'
import { ProducerIdManager } from './producer-id-manager.ts'
import { TransactionApis } from './transaction-apis.ts'
import { TransactionCoordinatorLoader } from './transaction-coordinator-loader.ts'
import { TxnMarkerChannel } from '../transaction/txn-marker-channel.ts'
import type { TxnBrokerRequest, TxnBrokerResponse } from '../transaction/txn-messages.ts'
import { LogDirFiles } from './log-dir-files.ts'
import { logDirFor } from '../../protocol/log-dirs.ts'
import { hasAuthorizer } from './acl-apis.ts'
import type { NodeState } from '../../protocol/workers.ts'

export interface KafkaServerDeps {
  nodeId: number
  /** controller.quorum.voters: the nodes that are also controllers. */
  voters: number[]
  clusterId: string
  endpoint: BrokerEndpoint
  scheduler: Scheduler
  random: Random
  storage: Storage
  engine: LogEngine
  transport: Transport<Tagged, unknown>
  /**
   * The properties file the node was started with (kafka-server-start.sh FILE, maybe a learner's edited copy);
   * `authorizer.class.name` and the static broker configs of staticBrokerConfigs (auto.create.topics.enable) are
   * acted on. Absent: the installed file, which names no authorizer and leaves those configs at their defaults.
   */
  serverProperties?: Readonly<Record<string, string>>
}

const META_PROPERTIES_KEY = 'meta.properties'
const META_PROPERTIES_VERSION = 1
const CONTROLLER_REQUEST_TIMEOUT_MS = 2000
/** Broker-to-broker transaction requests (AddPartitionsToTxn, WriteTxnMarkers): request.timeout.ms. */
const TXN_REQUEST_TIMEOUT_MS = 30_000
/** A node's controller listener port is its broker port + 10000 (9092 → 19092). */
export const CONTROLLER_PORT_OFFSET = 10_000

export class KafkaServer {
  private constructor(
    readonly nodeId: number,
    readonly api: KafkaApis,
    private readonly parts: {
      mux: ChannelMux
      raft: KafkaRaftClient<MetadataRecord>
      controller: QuorumController
      lifecycle: BrokerLifecycleManager
      replicaManager: ReplicaManager
      logManager: LogManager
      metadata: ClusterMetadata
      groupLoader: GroupCoordinatorLoader
      txnLoader: TransactionCoordinatorLoader
      engine: LogEngine
    },
  ) {}

  static async start(deps: KafkaServerDeps): Promise<KafkaServer> {
    const { nodeId, scheduler, random, storage, engine } = deps
    const clusterId = await readOrWriteClusterId(storage, deps.clusterId)
    const mux = new ChannelMux(deps.transport)
    const raftChannel = mux.channel<RaftRequest, RaftResponse<MetadataRecord>>('raft')
    const controllerChannel = mux.channel<ControllerRequest, ControllerResponse>('controller')
    const replicaChannel = mux.channel<ReplicaFetchRequest, ReplicaFetchResponse>('replica')
    const txnChannel = mux.channel<TxnBrokerRequest, TxnBrokerResponse>('txn')

    const metadata = new ClusterMetadata()
    const authorizer = hasAuthorizer(deps.serverProperties ?? {})
    const logManager = new LogManager(engine, storage, scheduler)
    const configs = new ConfigHelper(
      metadata,
      nodeId,
      staticBrokerConfigs(nodeId, deps.voters.includes(nodeId), deps.serverProperties),
    )
    const raft = new KafkaRaftClient<MetadataRecord>({
      nodeId,
      config: { ...QUORUM_DEFAULTS, voters: deps.voters },
      scheduler,
      random,
      transport: raftChannel,
      storage,
    })
    const controllerId = (): number | null => raft.leaderAndEpoch().leaderId
    const sendToController = (request: ControllerRequest): Promise<ControllerResponse> => {
      const target = controllerId()
      if (target === null) return Promise.reject(new Error('no active controller'))
      return controllerChannel.request(target, request, CONTROLLER_REQUEST_TIMEOUT_MS)
    }
    let lifecycle: BrokerLifecycleManager | null = null
    const replicaManager = new ReplicaManager({
      brokerId: nodeId,
      scheduler,
      config: REPLICATION_DEFAULTS,
      logManager,
      storage,
      sendReplicaFetch: (to, request, timeoutMs) => replicaChannel.request(to, request, timeoutMs),
      isReplicaIsrEligible: (brokerId) => metadata.isUnfenced(brokerId),
      alterPartition: async (topicId, partitionId, newIsr, leaderEpoch, partitionEpoch) => {
        const response = await sendToController({
          api: 'AlterPartition',
          brokerId: nodeId,
          brokerEpoch: lifecycle?.epoch ?? -1,
          topicId,
          partitionId,
          leaderEpoch,
          partitionEpoch,
          newIsr,
        })
        if (response.api !== 'AlterPartition') return { error: 'UNKNOWN_SERVER_ERROR' }
        if (response.error) return { error: response.error }
        return { isr: response.isr, partitionEpoch: response.partitionEpoch }
      },
    })
    let transactions: TransactionApis | null = null
    const groupLoader = new GroupCoordinatorLoader({
      metadata,
      replicaManager,
      engine,
      scheduler,
      random,
      verifyTransaction: (partition, producer) =>
        transactions === null
          ? Promise.resolve('COORDINATOR_NOT_AVAILABLE')
          : transactions.verifyOffsetsPartition(partition, producer),
    })
    const producerIds = new ProducerIdManager({
      brokerId: nodeId,
      clock: scheduler,
      allocateProducerIds: async () => {
        const brokerEpoch = lifecycle?.epoch ?? -1
        const response = await sendToController({
          api: 'AllocateProducerIds',
          brokerId: nodeId,
          brokerEpoch,
        })
        if (response.api !== 'AllocateProducerIds' || response.error) return null
        return { firstProducerId: response.producerIdStart, size: response.producerIdLen }
      },
    })
    const txnLoader = new TransactionCoordinatorLoader({
      metadata,
      replicaManager,
      engine,
      scheduler,
      generateProducerId: () => producerIds.generateProducerId(),
      markers: new TxnMarkerChannel({
        brokerId: nodeId,
        metadata,
        scheduler,
        writeTxnMarkers: (to, markers) =>
          transactions === null
            ? Promise.reject(new Error('stopped'))
            : transactions.writeTxnMarkersOn(to, markers),
      }),
    })
    const incarnationId = `${clusterId}-${nodeId}-${scheduler.now()}`
    const publisher = new MetadataPublisher({
      brokerId: nodeId,
      incarnationId,
      metadata,
      logManager,
      replicaManager,
      storage,
      configs,
      onLeadershipChange: () => {
        groupLoader.onLeadershipChange()
        txnLoader.onLeadershipChange()
      },
    })
    const controller = new QuorumController({
      nodeId: nodeId,
      scheduler,
      random,
      metadata,
      config: CONTROLLER_DEFAULTS,
      hasAuthorizer: authorizer,
      log: {
        append: async (records) => {
          const offset = await raft.append(records)
          await publisher.whenReplayed(offset)
          return offset
        },
      },
    })
    raft.onCommit((batch) => void publisher.publish(batch))
    raft.onLeaderChange((leaderId) => {
      if (leaderId !== null) lifecycle?.controllerChanged()
      if (leaderId !== nodeId) {
        controller.deactivate()
        return
      }
      // A new active controller first replays everything up to its own LeaderChange batch, which the raft
      // client appends at its log end: once that batch is committed, so is everything before it. (Its high
      // watermark at election may still lag what the previous leader had committed.)
      const epochStart = raft.logEndOffset()
      void publisher.whenReplayed(epochStart).then(() => {
        if (raft.leaderAndEpoch().leaderId === nodeId) controller.activate()
      })
    })
    lifecycle = new BrokerLifecycleManager({
      brokerId: nodeId,
      incarnationId,
      endpoints: [deps.endpoint],
      scheduler,
      controllerTransport: controllerChannel,
      controllerId,
      metadataOffset: () => metadata.lastOffset,
    })
    controllerChannel.serve((_from, request) => controller.handle(request))
    replicaChannel.serve((from, request) => replicaManager.handleReplicaFetch(from, request))
    txnChannel.serve((_from, request) =>
      transactions === null
        ? Promise.reject(new Error('stopped'))
        : transactions.handleBrokerRequest(request),
    )
    mux.start()
    await raft.start()
    replicaManager.startup()
    logManager.startup(
      Number(configs.brokerValue('log.retention.check.interval.ms')),
      configs.brokerValue('log.cleaner.enable') === 'true'
        ? Number(configs.brokerValue('log.cleaner.backoff.ms'))
        : undefined,
    )
    logManager.startHighWatermarkCheckpoints(
      Number(configs.brokerValue('replica.high.watermark.checkpoint.interval.ms')),
    )
    logManager.startLogStartOffsetCheckpoints(
      Number(configs.brokerValue('log.flush.start.offset.checkpoint.interval.ms')),
    )
    lifecycle.start()
    const api: KafkaApis = new KafkaApis({
      brokerId: nodeId,
      clusterId,
      scheduler,
      metadata,
      replicaManager,
      engine,
      sendToController,
      controllerId,
      configs,
      describeQuorum: async () => quorumDescription(await raft.describeQuorum(), metadata),
      hasAuthorizer: authorizer,
      groups: new GroupApis({
        metadata,
        loader: groupLoader,
        createTopics: (topics, validateOnly) => api.createTopics(topics, validateOnly),
      }),
      transactions: (transactions = new TransactionApis({
        brokerId: nodeId,
        metadata,
        replicaManager,
        engine,
        scheduler,
        producerIds,
        loader: txnLoader,
        createTopics: (topics, validateOnly) => api.createTopics(topics, validateOnly),
        sendToBroker: (to, request) => txnChannel.request(to, request, TXN_REQUEST_TIMEOUT_MS),
        completeGroupTransaction: (partition, producerId, commit) =>
          groupLoader.completeTransaction(partition, producerId, commit),
      })),
    })
    return new KafkaServer(nodeId, api, {
      mux,
      raft,
      controller,
      lifecycle,
      replicaManager,
      logManager,
      metadata,
      groupLoader,
      txnLoader,
      engine,
    })
  }

  /** This node's log.dirs as files, read-only (kafka-dump-log on its host). */
  get logDirFiles(): LogDirFiles {
    const { replicaManager, engine, raft } = this.parts
    return new LogDirFiles(logDirFor(this.nodeId), () => replicaManager.allPartitions(), engine, raft)
  }

  /** The partitions this node hosts, for the simulation's check that in-sync replicas agree below the HW. */
  get replicaManager(): ReplicaManager {
    return this.parts.replicaManager
  }

  /**
   * Whether this broker was unfenced since its start: BrokerServer enables its client listeners only then,
   * so a client's connection is refused before and reaches it from that moment on.
   */
  get serving(): boolean {
    return this.parts.lifecycle.wasUnfenced
  }

  /** Resolves once `serving` is true (never if the broker stops before). */
  whenServing(): Promise<void> {
    return this.parts.lifecycle.whenUnfenced
  }

  get metadata(): ClusterMetadata {
    return this.parts.metadata
  }

  /** What this node is doing now, for the cluster view and the simulation's invariant checks. */
  describeState(): NodeState {
    const { raft, controller, replicaManager } = this.parts
    return {
      nodeId: this.nodeId,
      activeController: controller.isActive,
      quorumEpoch: raft.leaderAndEpoch().epoch,
      partitions: replicaManager.allPartitions().map((p) => ({
        topicId: p.topicId,
        partition: p.partition,
        isLeader: p.isLeader,
        leaderEpoch: p.leaderEpoch,
        isr: p.isr,
        highWatermark: p.log.highWatermark,
        logEndOffset: p.log.logEndOffset,
      })),
    }
  }

  describeQuorum(): ReturnType<KafkaRaftClient<MetadataRecord>['describeQuorum']> {
    return this.parts.raft.describeQuorum()
  }

  /** Controlled shutdown (kafka-server-stop): leadership moves away, then the process stops. */
  async shutdown(): Promise<void> {
    await this.parts.lifecycle.shutdown()
    // ReplicaManager.shutdown(checkpointHW = true): the logs are flushed and the high watermarks written once more.
    await this.flushLogs()
    this.kill()
  }

  /** Stores every byte appended so far, then the high watermarks and log start offsets; the broker keeps running. */
  async flushLogs(): Promise<void> {
    await this.parts.replicaManager.flush()
    await this.parts.logManager.checkpointHighWatermarks()
    await this.parts.logManager.checkpointLogStartOffsets()
  }

  /** The process ends at once, as on SIGKILL: nothing more is sent, answered or timed. */
  kill(): void {
    const { mux, raft, controller, lifecycle, replicaManager, logManager, groupLoader, txnLoader } =
      this.parts
    void lifecycle.stop()
    controller.deactivate()
    groupLoader.shutdown()
    txnLoader.shutdown()
    replicaManager.shutdown()
    raft.stop()
    mux.stop()
    logManager.close()
  }
}

/** The raft client's QuorumInfo with each voter's controller listener (CONTROLLER://host:port+10000). */
function quorumDescription(info: QuorumInfo, metadata: ClusterMetadata): QuorumDescription {
  const endpoints: Record<number, string> = {}
  for (const voter of info.currentVoters) {
    const endpoint = metadata.brokers.get(voter.replicaId)?.endpoints[0]
    const host = endpoint?.host ?? 'localhost'
    const port = (endpoint?.port ?? KAFKA_BASE_PORT + voter.replicaId - 1) + CONTROLLER_PORT_OFFSET
    endpoints[voter.replicaId] = `CONTROLLER://${host}:${port}`
  }
  return {
    leaderId: info.leaderId,
    leaderEpoch: info.leaderEpoch,
    highWatermark: info.highWatermark,
    voters: info.currentVoters,
    observers: info.observers,
    endpoints,
  }
}

async function readOrWriteClusterId(storage: Storage, clusterId: string): Promise<string> {
  const stored = await storage.get('kafka', META_PROPERTIES_KEY)
  if (stored)
    return (openEnvelope(stored, META_PROPERTIES_VERSION, 'meta.properties') as { clusterId: string })
      .clusterId
  await storage.write([
    { store: 'kafka', key: META_PROPERTIES_KEY, value: sealEnvelope(META_PROPERTIES_VERSION, { clusterId }) },
  ])
  return clusterId
}
