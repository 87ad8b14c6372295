/**
 * An EsException as plain data, to cross the transport between nodes (a Java exception is serialised by
 * StreamOutput.writeException the same way): the wire form keeps every rendered field, so the exception a
 * coordinating node rebuilds renders exactly as the one the remote node raised.
 */
import type { JsonOut } from '../xcontent/json-writer.ts'
import { EsException } from './es-exception.ts'

export interface WireException {
  type: string
  reason: string
  reasonNull: boolean
  status: number
  /** Exception metadata is strings and lists of strings, which structured cloning keeps as they are. */
  metadata: Array<[string, JsonOut]>
  causedBy: WireException | null
  rootCause: boolean
}

export function toWireException(error: EsException): WireException {
  return {
    type: error.type,
    reason: error.reason,
    reasonNull: error.reasonNull,
    status: error.status,
    metadata: error.metadata.map(([key, value]) => [key, value]),
    causedBy: error.causedBy === undefined ? null : toWireException(error.causedBy),
    rootCause: error.rootCause,
  }
}

export function fromWireException(wire: WireException): EsException {
  return new EsException({
    type: wire.type,
    reason: wire.reason,
    reasonNull: wire.reasonNull,
    status: wire.status,
    metadata: wire.metadata,
    ...(wire.causedBy === null ? {} : { causedBy: fromWireException(wire.causedBy) }),
    rootCause: wire.rootCause,
  })
}
