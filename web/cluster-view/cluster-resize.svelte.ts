/**
 * Changing a cluster's size from the view, for the Kafka brokers and the Elasticsearch nodes alike: a
 * different count is proposed, then confirmed (the cluster is reformatted, so every topic or index goes).
 * Confirming waits for no command to be running, replaces the cluster, and keeps the console waiting:
 * commands started meanwhile run on the new cluster (or fail as clients do if it failed to start).
 */
import type { ConsoleState } from '../console/console-state.svelte.ts'
import type { ShellEnvironment } from '../../workers/tools/shell/shell.ts'

export class ClusterResize {
  /** The size of the running cluster. */
  count = $state(0)
  /** A different size chosen in the view, waiting for confirmation. */
  proposedCount = $state<number | null>(null)
  resizing = $state(false)
  resizeError = $state('')

  constructor(
    private readonly consoleState: ConsoleState,
    private readonly env: ShellEnvironment,
    count: number,
    /** Replaces the cluster by a fresh one of `count` members and keeps the choice for the next visit. */
    private readonly replace: (count: number) => Promise<void>,
    /** Called as the replacement starts (the view forgets what it showed). */
    private readonly onReplace: () => void,
  ) {
    this.count = count
  }

  /** The clusters are not replaced while a command (or a background job) runs, or while one is starting. */
  get busy(): boolean {
    return this.consoleState.running || this.resizing || !this.consoleState.ready
  }

  propose(count: number): void {
    this.proposedCount = count === this.count ? null : count
  }

  cancel(): void {
    this.proposedCount = null
  }

  async confirm(): Promise<void> {
    const count = this.proposedCount
    if (count === null || this.busy) return
    this.proposedCount = null
    this.resizing = true
    this.resizeError = ''
    this.onReplace()
    const env = this.env
    const replaced = this.replace(count)
    this.consoleState.ready = false
    this.consoleState.attach(
      replaced.then(
        () => env,
        () => env,
      ),
    )
    try {
      await replaced
      this.count = count
    } catch (error) {
      this.resizeError = error instanceof Error ? error.message : String(error)
    } finally {
      this.resizing = false
    }
  }
}
