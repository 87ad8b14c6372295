/**
 * The Kafka cluster view's state. While watched it refreshes every REFRESH_MS: one Metadata request to
 * any running broker (through a ClusterConnection, as a client reaches the cluster) and one describeState
 * call per running broker, never one call per partition. A call that fails, or that a killed worker never
 * answers within CALL_TIMEOUT_MS, counts as no answer. The broker buttons never reach into the workers:
 * they run `stop-broker 2` and the like through the console, whose output shows what happened.
 * Changing the broker count (after confirmation) waits for no command to be running, replaces the
 * cluster by a fresh one (ClusterHandle.resizeKafka) and keeps the choice for the next visit; commands
 * started meanwhile wait for the new cluster.
 */
import type { MetadataResponse } from '../../workers/protocol/kafka.ts'
import type { NodeState } from '../../workers/protocol/workers.ts'
import { ClusterConnection } from '../../workers/clients/kafka/cluster-connection.ts'
import { hostScheduler } from '../../workers/worker-host.ts'
import type { ClusterHandle } from '../cluster/cluster-host.ts'
import { saveBrokerCount } from '../cluster/broker-count-store.ts'
import type { ConsoleState } from '../console/console-state.svelte.ts'
import { brokerAddress, brokerRows, topicRows, type BrokerRow } from './cluster-rows.ts'

const REFRESH_MS = 500
const CALL_TIMEOUT_MS = 1500

export type BrokerAction = 'stop' | 'kill' | 'start'

/** The call's value, or null when it fails or does not answer in time (a killed worker never answers). */
function settle<T>(call: Promise<T> | null): Promise<T | null> {
  if (!call) return Promise.resolve(null)
  return Promise.race([call.catch(() => null), hostScheduler.sleep(CALL_TIMEOUT_MS).then(() => null)])
}

export class ClusterViewState {
  brokers = $state.raw<BrokerRow[]>([])
  showInternal = $state(false)
  /** True once the first refresh answered. */
  loaded = $state(false)
  /** The size of the running cluster. */
  brokerCount = $state(0)
  /** A different size chosen in the view, waiting for confirmation. */
  proposedCount = $state<number | null>(null)
  resizing = $state(false)
  resizeError = $state('')
  private metadata = $state.raw<MetadataResponse | null>(null)
  private states = $state.raw<NodeState[]>([])

  readonly topics = $derived(this.metadata ? topicRows(this.metadata, this.states, this.showInternal) : [])
  /** No running broker answered the Metadata request. */
  readonly metadataUnavailable = $derived(this.loaded && this.metadata === null)
  /** The active controller and its quorum epoch, as the controller itself reports them. */
  readonly controller = $derived(this.brokers.find((b) => b.activeController) ?? null)

  constructor(
    private readonly consoleState: ConsoleState,
    private readonly host: ClusterHandle,
  ) {
    this.brokerCount = host.kafka.ids().length
  }

  /** Commands cannot be started from the view while one runs or the cluster is starting or being replaced. */
  get busy(): boolean {
    return this.consoleState.running || this.resizing || !this.consoleState.ready
  }

  /** Refreshes until the returned function is called; skips refreshes while the page is hidden. */
  watch(): () => void {
    let watching = true
    const loop = async (): Promise<void> => {
      while (watching) {
        if (!document.hidden) await this.refresh()
        await hostScheduler.sleep(REFRESH_MS)
      }
    }
    void loop()
    return () => (watching = false)
  }

  async refresh(): Promise<void> {
    const kafka = this.host.kafka
    const ids = kafka.ids()
    const connection = new ClusterConnection(kafka, ids.map(brokerAddress).join(','))
    const [metadata, states] = await Promise.all([
      settle(connection.refreshMetadata(null)),
      Promise.all(ids.map((id) => settle(kafka.describeState(id)))),
    ])
    if (kafka !== this.host.kafka) return
    this.metadata = metadata
    this.states = states.filter((s): s is NodeState => s !== null)
    this.brokers = brokerRows(ids, (id) => kafka.isRunning(id), this.states, metadata)
    this.loaded = true
  }

  /** Runs `stop-broker <id>` (or kill-, start-) in the console, as if typed there. */
  act(action: BrokerAction, id: number): Promise<void> {
    return this.consoleState.runSource(`${action}-broker ${id}`)
  }

  propose(count: number): void {
    this.proposedCount = count === this.brokerCount ? null : count
  }

  cancelResize(): void {
    this.proposedCount = null
  }

  async confirmResize(): Promise<void> {
    const count = this.proposedCount
    if (count === null || this.busy) return
    this.proposedCount = null
    this.resizing = true
    this.resizeError = ''
    this.loaded = false
    this.metadata = null
    const env = this.host.env
    const resized = this.host.resizeKafka(count)
    this.consoleState.ready = false
    // Commands typed meanwhile wait for the new cluster; if it failed to start they fail as clients do.
    this.consoleState.attach(
      resized.then(
        () => env,
        () => env,
      ),
    )
    try {
      await resized
      await saveBrokerCount(count)
      this.brokerCount = count
    } catch (error) {
      this.resizeError = error instanceof Error ? error.message : String(error)
    } finally {
      this.resizing = false
    }
  }
}
