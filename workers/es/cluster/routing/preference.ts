/**
 * A search's `preference` (OperationRouting.preferenceActiveShardIterator and Preference.parse): which of the
 * target shards are read, and which active copy of each is asked first.
 *
 * Forms: empty or absent, the default order (here: the primary first); `_shards:0,2` reads only those shard
 * numbers, each parsed as Integer.parseInt does when its shard is considered (a bad id is a NumberFormatException
 * for the whole request), and may go on after a `|` with another preference for the copies; `_local` prefers the
 * coordinating node's copy; `_only_local` takes only that copy (a shard without one has no copy to ask);
 * `_prefer_nodes:a,b` prefers the copies on those node ids; `_only_nodes:spec,...` takes only the copies on the
 * nodes the specs resolve to (ids, names, `*` patterns, `_local`, `_master`), and a shard with none fails the request
 * with ES's IllegalArgumentException; any other `_x` is "no Preference for [_x]"; a string not starting with `_` is
 * a custom key that always picks the same copy of a shard (the active copies rotated by a hash of the key and the
 * shard number).
 * Invariant: `copies` returns a subsequence of its input, reordered; it never adds a copy.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { ShardRouting } from '../state/shard-routing.ts'
import { murmur3HashRouting } from './murmur3.ts'
import { javaParseInt } from '../../common/java-integer.ts'

export interface SearchPreference {
  /** Whether the search reads this shard of an index (`_shards:`); throws NumberFormatException on a bad id. */
  readsShard: (shard: number) => boolean
  /** A shard's active copies (primary first) in the order they are asked; throws when `_only_nodes` finds none. */
  copies: (index: string, shard: number, active: readonly ShardRouting[]) => ShardRouting[]
}

/** What `preference` needs of the cluster: the coordinating node, and the node ids an `_only_nodes` spec names. */
export interface PreferenceNodes {
  localNodeId: string
  resolveNodeIds: (specs: string) => ReadonlySet<string>
}

const SHARDS = '_shards'

export function searchPreference(
  preference: string | null | undefined,
  nodes: PreferenceNodes,
): SearchPreference {
  if (preference == null || preference === '') return DEFAULT_PREFERENCE
  if (!preference.startsWith('_')) return customPreference(preference)
  if (preferenceType(preference) !== SHARDS)
    return { readsShard: () => true, copies: copyPreference(preference, nodes) }
  const bar = preference.indexOf('|')
  const ids = preference.slice(SHARDS.length + 1, bar === -1 ? undefined : bar)
  // Strings.splitStringByCommaToArray: String.split(","), trailing empty ids dropped
  const listed = ids === '' ? [] : ids.replace(/,+$/, '').split(',')
  const rest = bar === -1 || bar === preference.length - 1 ? null : preference.slice(bar + 1)
  // a second `_shards:` after the bar is no copy preference: ES's switch names the enum constant
  if (rest !== null && rest.startsWith('_') && preferenceType(rest) === SHARDS)
    throw illegalArgumentException('unknown preference [SHARDS]')
  const copies = rest === null ? DEFAULT_PREFERENCE.copies : searchPreference(rest, nodes).copies
  return {
    readsShard: (shard) => listed.some((id) => shardNumber(id) === shard),
    copies,
  }
}

const DEFAULT_PREFERENCE: SearchPreference = {
  readsShard: () => true,
  copies: (_index, _shard, active) => [...active],
}

/** Preference.parse's type: the text before the first `:`. */
function preferenceType(preference: string): string {
  const colon = preference.indexOf(':')
  return colon === -1 ? preference : preference.slice(0, colon)
}

function copyPreference(preference: string, nodes: PreferenceNodes): SearchPreference['copies'] {
  const type = preferenceType(preference)
  const argument = preference.slice(type.length + 1)
  switch (type) {
    case '_prefer_nodes': {
      const ids = new Set(argument.split(','))
      return (_index, _shard, active) => preferred(active, (copy) => ids.has(copy.nodeId ?? ''))
    }
    case '_local':
      return (_index, _shard, active) => preferred(active, (copy) => copy.nodeId === nodes.localNodeId)
    case '_only_local':
      return (_index, _shard, active) => active.filter((copy) => copy.nodeId === nodes.localNodeId)
    case '_only_nodes': {
      const specs = argument.split(',')
      const ids = nodes.resolveNodeIds(argument)
      return (index, shard, active) => {
        const only = active.filter((copy) => ids.has(copy.nodeId ?? ''))
        if (only.length > 0) return only
        // IndexShardRoutingTable.onlyNodeSelectorActiveInitializingShardsIt, its singular and plural as ES has them
        throw illegalArgumentException(
          `no data nodes with ${specs.length === 1 ? 'criteria' : 'criterion'} [${specs.join(',')}] found for shard: [${index}][${shard}]`,
        )
      }
    }
    default:
      throw illegalArgumentException(`no Preference for [${type}]`)
  }
}

/** The copies `prefers` picks first, then the others, each group in the given order. */
function preferred(
  active: readonly ShardRouting[],
  prefers: (copy: ShardRouting) => boolean,
): ShardRouting[] {
  return [...active.filter(prefers), ...active.filter((copy) => !prefers(copy))]
}

/** A custom key: the copies rotated by 31 * murmur3(key) + the shard (activeInitializingShardsIt(seed)). */
function customPreference(key: string): SearchPreference {
  const hash = murmur3HashRouting(key)
  return {
    readsShard: () => true,
    copies: (_index, shard, active) => {
      if (active.length === 0) return []
      const first = (((Math.imul(31, hash) + shard) % active.length) + active.length) % active.length
      return [...active.slice(first), ...active.slice(0, first)]
    },
  }
}

/** Integer.parseInt of a `_shards:` id: its NumberFormatException fails the request. */
function shardNumber(text: string): number {
  const value = javaParseInt(text)
  if (value === null)
    throw new EsException({
      type: 'number_format_exception',
      reason: `For input string: "${text}"`,
      status: 400,
    })
  return value
}
