/**
 * `kafka-consumer-groups --delete` (ConsumerGroupService.deleteGroups of Kafka 4.1). Each group is deleted
 * on its own, as the per-group futures of DeleteConsumerGroupsResult are; success and failure are kept in
 * HashMaps, so groups print in their hash order. All deleted: `Deletion of requested consumer groups ('a',
 * 'b') was successful.` Otherwise `Error: Deletion of some consumer groups failed:`, one
 * `* Group 'g' could not be deleted due to: <exception>` line each, then the groups that were deleted.
 */
import type { Admin } from '../../clients/kafka/api.ts'
import type { ToolOutput } from '../tool.ts'
import { javaHashMapOrder } from './java-hash-map.ts'
import { asJavaException } from './tool-errors.ts'

function quoted(groups: readonly string[]): string {
  return javaHashMapOrder(groups, 16)
    .map((group) => `'${group}'`)
    .join(', ')
}

export async function deleteGroups(
  admin: Admin,
  groupIds: readonly string[],
  out: ToolOutput,
): Promise<void> {
  const deleted: string[] = []
  const failed = new Map<string, string>()
  for (const group of new Set(groupIds)) {
    try {
      await admin.deleteConsumerGroups([group])
      deleted.push(group)
    } catch (error) {
      failed.set(group, asJavaException(error).toString())
    }
  }
  if (failed.size === 0) {
    out.stdout(`Deletion of requested consumer groups (${quoted(deleted)}) was successful.\n`)
    return
  }
  out.stdout('\nError: Deletion of some consumer groups failed:\n')
  for (const group of javaHashMapOrder([...failed.keys()], 16)) {
    out.stdout(`* Group '${group}' could not be deleted due to: ${failed.get(group) ?? ''}\n`)
  }
  if (deleted.length > 0)
    out.stdout(`\nThese consumer groups were deleted successfully: ${quoted(deleted)}\n`)
}
