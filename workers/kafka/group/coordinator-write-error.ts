/**
 * CoordinatorWriteError: a failed write to __consumer_offsets (or the transaction verification before a
 * transactional one), carrying the error the group APIs answer for it, already mapped as
 * CoordinatorOperationExceptionHelper maps an append's error.
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'

export class CoordinatorWriteError extends Error {
  override name = 'CoordinatorWriteError'
  constructor(readonly error: KafkaErrorName) {
    super(error)
  }
}
