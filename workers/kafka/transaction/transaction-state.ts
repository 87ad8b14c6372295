/**
 * The transaction coordinator's states (Kafka 4.1 org.apache.kafka.coordinator.transaction.TransactionState):
 * id (the TransactionLogValue's TransactionStatus byte), the name DescribeTransactions and ListTransactions
 * answer, and the states each may be entered from (validPreviousStates). PrepareAbort may follow Empty,
 * CompleteCommit and CompleteAbort because a transactions V2 client may abort without knowing the state.
 * PrepareEpochFence is held in memory only (never written).
 */

export type TransactionStateName =
  | 'Empty'
  | 'Ongoing'
  | 'PrepareCommit'
  | 'PrepareAbort'
  | 'CompleteCommit'
  | 'CompleteAbort'
  | 'Dead'
  | 'PrepareEpochFence'

export const TRANSACTION_STATE_IDS: Readonly<Record<TransactionStateName, number>> = {
  Empty: 0,
  Ongoing: 1,
  PrepareCommit: 2,
  PrepareAbort: 3,
  CompleteCommit: 4,
  CompleteAbort: 5,
  Dead: 6,
  PrepareEpochFence: 7,
}

const VALID_PREVIOUS: Readonly<Record<TransactionStateName, readonly TransactionStateName[]>> = {
  Empty: ['Empty', 'CompleteCommit', 'CompleteAbort'],
  Ongoing: ['Ongoing', 'Empty', 'CompleteCommit', 'CompleteAbort'],
  PrepareCommit: ['Ongoing'],
  PrepareAbort: ['Ongoing', 'PrepareEpochFence', 'Empty', 'CompleteCommit', 'CompleteAbort'],
  CompleteCommit: ['PrepareCommit'],
  CompleteAbort: ['PrepareAbort'],
  Dead: ['Empty', 'CompleteAbort', 'CompleteCommit'],
  PrepareEpochFence: ['Ongoing'],
}

/** The state a TransactionStatus byte names (TransactionState.fromId); throws for an unknown id. */
export function transactionStateOf(id: number): TransactionStateName {
  const found = (Object.keys(TRANSACTION_STATE_IDS) as TransactionStateName[]).find(
    (name) => TRANSACTION_STATE_IDS[name] === id,
  )
  if (found === undefined)
    throw new Error(`Unknown transaction state id ${id} from the transaction status message`)
  return found
}

export function isValidTransition(from: TransactionStateName, to: TransactionStateName): boolean {
  return VALID_PREVIOUS[to].includes(from)
}
