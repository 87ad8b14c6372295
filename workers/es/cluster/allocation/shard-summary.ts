/**
 * How ES 8 prints a shard copy in decider explanations and logs (ShardRouting.shortSummary, with
 * RecoverySource.toString and UnassignedInfo.toString):
 *   `[idx][0], node[<id>], [P], recovery_source[peer recovery], s[INITIALIZING], a[id=<allocation id>],
 *    unassigned_info[[reason=INDEX_CREATED], at[<ISO instant>], delayed=false, allocation_status[no_attempt]],
 *    failed_attempts[0]`
 * (recovery source and unassigned info only while a copy has them; `failed_attempts` is the
 * RelocationFailureInfo, always 0 here as nothing relocates).
 */
import type {
  AllocationStatus,
  RecoverySourceType,
  ShardRouting,
  UnassignedInfo,
} from '../state/shard-routing.ts'

const RECOVERY_SOURCE: Record<RecoverySourceType, string> = {
  EMPTY_STORE: 'new shard recovery',
  EXISTING_STORE: 'existing store recovery; bootstrap_history_uuid=false',
  PEER: 'peer recovery',
  LOCAL_SHARDS: 'local shards recovery',
  SNAPSHOT: 'snapshot recovery',
}

/** UnassignedInfo.AllocationStatus.value(). */
export const ALLOCATION_STATUS_VALUE: Record<AllocationStatus, string> = {
  NO_ATTEMPT: 'no_attempt',
  DECIDERS_NO: 'deciders_no',
  DECIDERS_THROTTLED: 'decider_throttled',
  NO_VALID_SHARD_COPY: 'no_valid_shard_copy',
}

/** UnassignedInfo.DATE_TIME_FORMATTER (strict_date_optional_time in UTC, milliseconds). */
export function unassignedAt(info: UnassignedInfo): string {
  return new Date(info.at).toISOString()
}

function unassignedSummary(info: UnassignedInfo): string {
  let text = `[reason=${info.reason}], at[${unassignedAt(info)}]`
  if (info.failedAllocations > 0) text += `, failed_attempts[${info.failedAllocations}]`
  text += `, delayed=${info.delayed}`
  if (info.lastAllocatedNodeId !== null) text += `, last_node[${info.lastAllocatedNodeId}]`
  if (info.details !== null) text += `, details[${info.details}]`
  return `${text}, allocation_status[${ALLOCATION_STATUS_VALUE[info.lastAllocationStatus]}]`
}

export function shortSummary(copy: ShardRouting): string {
  let text = `[${copy.index}][${copy.shard}], node[${copy.nodeId}], `
  if (copy.relocatingNodeId !== null) text += `relocating [${copy.relocatingNodeId}], `
  text += copy.primary ? '[P]' : '[R]'
  if (copy.recoverySource !== null) text += `, recovery_source[${RECOVERY_SOURCE[copy.recoverySource]}]`
  text += `, s[${copy.state}]`
  if (copy.allocationId !== null) {
    const relocation = copy.relocationId === null ? '' : `, rId=${copy.relocationId}`
    text += `, a[id=${copy.allocationId}${relocation}]`
  }
  if (copy.unassignedInfo !== null) text += `, unassigned_info[${unassignedSummary(copy.unassignedInfo)}]`
  return `${text}, failed_attempts[0]`
}
