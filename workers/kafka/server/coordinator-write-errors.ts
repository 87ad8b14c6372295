/**
 * Coordinator write errors: the error a coordinator answers when its write to its own topic fails, from the
 * error the append (or the transaction verification before it) gave. Two mappings, as Kafka has two:
 * - the group coordinator's (CoordinatorOperationExceptionHelper.handleOperationException, which every
 *   GroupCoordinatorService API applies, and GroupMetadataManager.appendGroupMetadataErrorToResponseError for
 *   the SyncGroup leader's assignment write);
 * - the transaction coordinator's (TransactionStateManager.appendTransactionToLog's callback).
 * Both pass through every error they do not name. Kafka's mappings also name errors no write here can give
 * (KAFKA_STORAGE_ERROR to NOT_COORDINATOR; RECORD_LIST_TOO_LARGE and INVALID_FETCH_SIZE to UNKNOWN_SERVER_ERROR; a verification's
 * NETWORK_EXCEPTION to COORDINATOR_LOAD_IN_PROGRESS): the playground has no such errors, so they are left out.
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'

/** The group coordinator's answer for a failed write to __consumer_offsets. */
export function groupWriteError(error: KafkaErrorName): KafkaErrorName {
  switch (error) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
    case 'NOT_ENOUGH_REPLICAS':
    case 'REQUEST_TIMED_OUT':
      return 'COORDINATOR_NOT_AVAILABLE'
    case 'NOT_LEADER_OR_FOLLOWER':
      return 'NOT_COORDINATOR'
    case 'MESSAGE_TOO_LARGE':
      return 'UNKNOWN_SERVER_ERROR'
    default:
      return error
  }
}

/**
 * The transaction coordinator's answer for a failed write to __transaction_state: the group coordinator's, but for
 * NOT_ENOUGH_REPLICAS_AFTER_APPEND, which its acks=-1 write can meet (Kafka's group coordinator's write cannot).
 */
export function transactionLogWriteError(error: KafkaErrorName): KafkaErrorName {
  return error === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' ? 'COORDINATOR_NOT_AVAILABLE' : groupWriteError(error)
}
