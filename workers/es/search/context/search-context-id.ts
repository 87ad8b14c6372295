/**
 * The point in time id (SearchContextId.encode / decode, ES 8.17), URL-safe base64 with padding of:
 *   vint transport version (8.17.0: 8797000);
 *   vint n, then n times, in java.util.HashMap order of the ShardIds (net/java-hash.ts):
 *     ShardId: string index name, string index uuid, vint shard number;
 *     SearchContextIdForNode: optional string node id, optional string cluster alias (always absent here),
 *     optional ShardSearchContextId: long context id, string session id, optional string searcher id (absent);
 *   vint m, then m times, in HashMap order of the index uuids: string uuid, AliasFilter: string array of the
 *   filtering aliases' names, optional named query: "wrapper", float boost 1, optional string name (absent),
 *   byte array of the filter's JSON (WrapperQueryBuilder), or absent for an index read unfiltered.
 * Every index of the point in time has an alias filter entry, as TransportSearchAction.buildIndexAliasFilters
 * makes one for every concrete index. decode refuses bytes it cannot read, an unknown version or bytes left over
 * as illegal_argument_exception.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { javaHashOrder, javaStringHashCode } from '../../../net/java-hash.ts'
import { StreamInput, StreamOutput, base64Url, fromBase64Url } from './stream-bytes.ts'
import type { ReaderIdForNode } from './scroll-id.ts'

/** TransportVersions.INGEST_PIPELINE_CONFIGURATION_AS_MAP, the transport version of ES 8.17.0. */
const TRANSPORT_VERSION_8_17_0 = 8_797_000
const WRAPPER_QUERY = 'wrapper'

export interface PitShard {
  index: string
  uuid: string
  shard: number
  reader: ReaderIdForNode
}

export interface PitAliasFilter {
  uuid: string
  /** The filtering aliases that reach the index, and their filter (compact JSON), or null when unfiltered. */
  aliases: readonly string[]
  filter: string | null
}

export interface SearchContextId {
  shards: PitShard[]
  aliasFilters: PitAliasFilter[]
}

/** Index.hashCode and ShardId.hashCode: 31 * (31 * name.hashCode() + uuid.hashCode()) + shard. */
function shardIdHash({ index, uuid, shard }: PitShard): number {
  const indexHash = (Math.imul(javaStringHashCode(index), 31) + javaStringHashCode(uuid)) | 0
  return (Math.imul(indexHash, 31) + shard) | 0
}

export function encodeSearchContextId({ shards, aliasFilters }: SearchContextId): string {
  const out = new StreamOutput().writeVInt(TRANSPORT_VERSION_8_17_0).writeVInt(shards.length)
  for (const { index, uuid, shard, reader } of javaHashOrder(shards, shardIdHash)) {
    out.writeString(index).writeString(uuid).writeVInt(shard)
    out.writeOptionalString(reader.node).writeOptionalString(null).writeBoolean(true)
    out.writeLong(reader.id).writeString(reader.sessionId).writeOptionalString(null)
  }
  out.writeVInt(aliasFilters.length)
  for (const { uuid, aliases, filter } of javaHashOrder(aliasFilters, (f) => javaStringHashCode(f.uuid))) {
    out.writeString(uuid).writeVInt(aliases.length)
    aliases.forEach((alias) => out.writeString(alias))
    out.writeBoolean(filter !== null)
    if (filter !== null) {
      out.writeString(WRAPPER_QUERY).writeFloat(1).writeOptionalString(null)
      out.writeByteArray(new TextEncoder().encode(filter))
    }
  }
  return base64Url(out.bytes())
}

export function decodeSearchContextId(id: string): SearchContextId {
  let bytes: Uint8Array
  try {
    bytes = fromBase64Url(id)
  } catch (error) {
    throw illegalArgumentException((error as Error).message)
  }
  const input = new StreamInput(bytes)
  try {
    const version = input.readVInt()
    if (version !== TRANSPORT_VERSION_8_17_0) throw new Error(`unknown transport version [${version}]`)
    const shards: PitShard[] = []
    for (let i = 0, n = input.readVInt(); i < n; i++) {
      const index = input.readString()
      const uuid = input.readString()
      const shard = input.readVInt()
      const node = input.readOptionalString()
      input.readOptionalString()
      if (!input.readBoolean() || node === null) throw new Error('a shard without a search context')
      const contextId = input.readLong()
      const sessionId = input.readString()
      input.readOptionalString()
      shards.push({ index, uuid, shard, reader: { node, sessionId, id: contextId } })
    }
    const aliasFilters: PitAliasFilter[] = []
    for (let i = 0, n = input.readVInt(); i < n; i++) {
      const uuid = input.readString()
      const aliases = Array.from({ length: input.readVInt() }, () => input.readString())
      let filter: string | null = null
      if (input.readBoolean()) {
        if (input.readString() !== WRAPPER_QUERY) throw new Error('unknown alias filter query')
        input.readFloat()
        input.readOptionalString()
        filter = new TextDecoder().decode(input.readByteArray())
      }
      aliasFilters.push({ uuid, aliases, filter })
    }
    if (!input.atEnd) throw new Error('Not all bytes were read')
    return { shards, aliasFilters }
  } catch (error) {
    throw illegalArgumentException((error as Error).message)
  }
}
