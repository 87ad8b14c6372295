/**
 * What DumpLogSegments prints after a control record's metadata (Kafka 4.1, printControlRecord): a
 * transaction marker as ` endTxnMarker: COMMIT coordinatorEpoch: 0` (EndTransactionMarker), a LEADER_CHANGE
 * record's message as JSON (` LeaderChange: {"version":0,"leaderId":1,...}`, KAFKA-19069), and
 * ` controlType: <ControlRecordType>(<id>)` for the types the playground never writes (snapshot headers and
 * footers, KRaft version and voters records, for which Kafka prints the record's own text). A key or value
 * that does not parse throws, ending the tool as Kafka's exception does.
 */
import type { DecodedRecord } from '../../../engine-wasm/src/log/types.ts'
import { controlRecordType, leaderChangeJson, parseControlTypeId } from '../../kafka/raft/control-records.ts'
import { JavaException } from './java-exception.ts'
import { parseEndTxnMarker } from '../../kafka/log/end-txn-marker.ts'

export function controlRecordText(record: DecodedRecord): string {
  let typeId: number
  try {
    typeId = parseControlTypeId(record.key)
  } catch (error) {
    throw new JavaException(
      'org.apache.kafka.common.InvalidRecordException',
      error instanceof Error ? error.message : String(error),
    )
  }
  const type = controlRecordType(typeId)
  if (type === 'COMMIT' || type === 'ABORT') {
    try {
      const marker = parseEndTxnMarker(record.key, record.value)
      return ` endTxnMarker: ${marker.type} coordinatorEpoch: ${marker.coordinatorEpoch}`
    } catch (error) {
      throw new JavaException(
        'org.apache.kafka.common.InvalidRecordException',
        error instanceof Error ? error.message : String(error),
      )
    }
  }
  if (type === 'LEADER_CHANGE' && record.value !== null) {
    try {
      return ` LeaderChange: ${JSON.stringify(leaderChangeJson(record.value))}`
    } catch (error) {
      throw new JavaException(
        'java.lang.RuntimeException',
        error instanceof Error ? error.message : String(error),
      )
    }
  }
  return ` controlType: ${type}(${typeId})`
}
