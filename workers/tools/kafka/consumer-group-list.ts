/**
 * `kafka-consumer-groups --list` (ConsumerGroupService.listGroups of Kafka 4.1): one group id per line in
 * the order the admin client returns them; with --state and/or --type a table `GROUP [TYPE] [STATE]`
 * (`%-Ns` with N = max(15, widest id) + 10, then ` %-20s` per column), optionally filtered by the
 * comma-separated, case-insensitive states or types given.
 */
import type { Admin, ConsumerGroupListing } from '../../clients/kafka/api.ts'
import type { ToolOutput } from '../tool.ts'
import { javaHashMapOrder } from './java-hash-map.ts'
import { formatRow } from './java-format.ts'
import type { OptionSet } from './options/option-set.ts'
import { futureGet, futureGetOrRuntime, illegalArgument } from './tool-errors.ts'

/** GroupState.groupStatesForType(CONSUMER), in declaration order (Kafka prints an unordered Set). */
const CONSUMER_GROUP_STATES = [
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
  'Dead',
  'Empty',
  'Assigning',
  'Reconciling',
]

/** GroupType.toString of the types a consumer group can have. */
export const GROUP_TYPES: Record<ConsumerGroupListing['type'], string> = {
  classic: 'Classic',
  consumer: 'Consumer',
}

function parseList(input: string): string[] {
  return input.split(',').map((value) => value.trim().toLowerCase())
}

function stateFilter(input: string | null): Set<string> {
  if (input === null || input === '') return new Set()
  const parsed = parseList(input)
  const valid = CONSUMER_GROUP_STATES.map((state) => state.toLowerCase())
  if (!parsed.every((state) => valid.includes(state))) {
    throw illegalArgument(
      `Invalid state list '${input}'. Valid states are: ${CONSUMER_GROUP_STATES.join(', ')}`,
    )
  }
  return new Set(parsed)
}

function typeFilter(input: string | null): Set<string> {
  if (input === null || input === '') return new Set()
  const parsed = parseList(input)
  if (!parsed.every((type) => type in GROUP_TYPES)) {
    // Collectors.toSet() of the type names: a HashSet, printed in its hash order.
    const names = javaHashMapOrder(Object.values(GROUP_TYPES), 16)
    throw illegalArgument(`Invalid types list '${input}'. Valid types are: ${names.join(', ')}`)
  }
  return new Set(parsed)
}

/** ConsumerGroupService.listConsumerGroups: the ids, as --all-groups also uses them. */
export async function listConsumerGroupIds(admin: Admin): Promise<string[]> {
  return (await futureGetOrRuntime(admin.listConsumerGroups())).map((listing) => listing.groupId)
}

export async function listGroups(admin: Admin, options: OptionSet, out: ToolOutput): Promise<void> {
  const includeType = options.has('type')
  const includeState = options.has('state')
  if (!includeType && !includeState) {
    for (const group of await listConsumerGroupIds(admin)) out.stdout(group + '\n')
    return
  }
  const types = typeFilter(options.valueOf('type'))
  const states = stateFilter(options.valueOf('state'))
  const listings = (await futureGet(admin.listConsumerGroups())).filter(
    (listing) =>
      (types.size === 0 || types.has(listing.type)) &&
      (states.size === 0 || states.has(listing.state.toLowerCase())),
  )
  const groupWidth = Math.max(15, ...listings.map((listing) => listing.groupId.length)) + 10
  const widths = [groupWidth, ...(includeType ? [20] : []), ...(includeState ? [20] : [])]
  const line = (cells: string[]): string => formatRow(cells, widths) + '\n'
  out.stdout(line(['GROUP', ...(includeType ? ['TYPE'] : []), ...(includeState ? ['STATE'] : [])]))
  for (const listing of listings) {
    const type = includeType ? [GROUP_TYPES[listing.type]] : []
    out.stdout(line([listing.groupId, ...type, ...(includeState ? [listing.state] : [])]))
  }
}
