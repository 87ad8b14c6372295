/**
 * A signal delivered to one running command: the console's Stop button and Ctrl+C (SIGINT), `kill %N`
 * (SIGTERM or the signal given), a closed terminal (SIGHUP). Invariant: the first signal wins; later ones
 * change nothing (a JVM that is already running its shutdown hooks does not start them again).
 */
import { SIGINT, type Interrupt } from './tool.ts'

export const SIGHUP = 1
export const SIGKILL = 9
export const SIGTERM = 15

export class ProcessSignal implements Interrupt {
  interrupted = false
  signal: number | undefined = undefined
  private resolve: () => void = () => undefined
  readonly whenInterrupted = new Promise<void>((resolve) => (this.resolve = resolve))

  fire(signal: number = SIGINT): void {
    if (this.interrupted) return
    this.interrupted = true
    this.signal = signal
    this.resolve()
  }
}
