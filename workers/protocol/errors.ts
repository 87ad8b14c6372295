/**
 * Errors cross every boundary (page ↔ worker, worker ↔ worker) as data, never as lost exceptions.
 * A `WireError` is what a rejected call carries; `toWireError` and `fromWireError` convert at the edges.
 */
export interface WireError {
  /** A stable name a caller can switch on, such as `BrokerStoppedError` or `CorruptRecordError`. */
  name: string
  message: string
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message }
  return { name: 'Error', message: String(error) }
}

export class RemoteError extends Error {
  constructor(wire: WireError) {
    super(wire.message)
    this.name = wire.name
  }
}
