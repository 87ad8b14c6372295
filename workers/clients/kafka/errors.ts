/**
 * Turns an error name from a broker response into the KafkaError a Java client would raise: the
 * exception class from Kafka's Errors table and the broker's message, or the error's default message.
 */
import { KAFKA_ERRORS, type KafkaErrorName } from '../../protocol/kafka-errors.ts'
import { KafkaError } from './api.ts'

export function kafkaError(name: KafkaErrorName, message: string | null = null): KafkaError {
  const entry = KAFKA_ERRORS[name]
  return new KafkaError(entry.exception, message ?? entry.message)
}

export const TIMEOUT_EXCEPTION = 'org.apache.kafka.common.errors.TimeoutException'

export function timeoutError(message: string): KafkaError {
  return new KafkaError(TIMEOUT_EXCEPTION, message)
}

/** Whether `error` is a TimeoutException (a call that reached no broker before its deadline). */
export function isTimeout(error: unknown): error is KafkaError {
  return error instanceof KafkaError && error.exceptionClass === TIMEOUT_EXCEPTION
}
