/**
 * SearchProfileResults on the coordinating node: each searched shard's profile (shard-profile.ts) under its id
 * `[nodeId][index][shard]`, printed in the ids' sorted order (a TreeSet of Strings), each with `node_id`, `shard_id`,
 * `index`, `cluster` (`(local)`: no remote clusters here), `dfs` after a DFS phase, then `searches` (one: the query phase's query tree,
 * `rewrite_time`, `collector`), `aggregations`, and `fetch` when the shard fetched hits of the page.
 */
import { compareJavaStrings } from '../../../net/java-hash.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { collectorResultJson, profileResultJson, type ProfileResult } from './profile-result.ts'
import type { ShardProfile } from './shard-profile.ts'

export interface ShardProfileEntry {
  nodeId: string
  index: string
  shard: number
  /** The shard's position among the search's shards. */
  shardIndex: number
  profile: ShardProfile
  /** With dfs_query_then_fetch over several shards: the DFS phase's `statistics` profile (dfs-profile.ts). */
  dfs?: ProfileResult
  /** Whether the page holds hits of this shard (else it ran no fetch phase). */
  fetched: boolean
}

/** The response's `profile` section. */
export function searchProfileJson(entries: readonly ShardProfileEntry[]): JsonOut {
  const keyed = entries.map((entry) => ({ id: `[${entry.nodeId}][${entry.index}][${entry.shard}]`, entry }))
  keyed.sort((a, b) => compareJavaStrings(a.id, b.id))
  return {
    shards: keyed.map(({ id, entry }) => {
      const { profile } = entry
      return {
        id,
        node_id: entry.nodeId,
        shard_id: entry.shard,
        index: entry.index,
        cluster: '(local)',
        ...(entry.dfs ? { dfs: { statistics: profileResultJson(entry.dfs) } } : {}),
        searches: [
          {
            query: profile.query.map(profileResultJson),
            rewrite_time: Math.round(profile.rewriteTime),
            collector: [collectorResultJson(profile.collector)],
          },
        ],
        aggregations: profile.aggregations.map(profileResultJson),
        ...(entry.fetched && profile.fetch !== null ? { fetch: profileResultJson(profile.fetch) } : {}),
      }
    }),
  }
}
