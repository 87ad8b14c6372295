/**
 * The scroll id, in the bytes TransportSearchHelper.buildScrollId writes (ES 8), as URL-safe base64 with padding
 * (java.util.Base64.getUrlEncoder):
 *   string "include_context_uuid", string type ("queryAndFetch" when the search had one shard, else
 *   "queryThenFetch": it counts the shard results, failed shards included, not the contexts), vint n, then n times:
 *   string session id, long (8 bytes, big-endian) context id, string node id.
 * Strings, vints and longs as StreamOutput writes them (stream-bytes.ts). parseScrollId refuses
 * anything else (bad base64, a short read, bytes left over) as IllegalArgumentException `Cannot parse scroll id`.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { StreamInput, StreamOutput, base64Url, fromBase64Url } from './stream-bytes.ts'

/** One shard's reader context: the node holding it, that node's search session, and its id there. */
export interface ReaderIdForNode {
  node: string
  sessionId: string
  id: number
}

/** ParsedScrollId: the id's type (which scroll action pages it; not checked here) and its contexts. */
export interface ParsedScrollId {
  type: string
  contexts: ReaderIdForNode[]
}

const INCLUDE_CONTEXT_UUID = 'include_context_uuid'

/** The id of a scroll over `shards` shards whose contexts (those that answered) are `contexts`. */
export function buildScrollId(contexts: readonly ReaderIdForNode[], shards: number): string {
  const out = new StreamOutput()
  out.writeString(INCLUDE_CONTEXT_UUID)
  out.writeString(shards === 1 ? 'queryAndFetch' : 'queryThenFetch')
  out.writeVInt(contexts.length)
  for (const { sessionId, id, node } of contexts) out.writeString(sessionId).writeLong(id).writeString(node)
  return base64Url(out.bytes())
}

export function parseScrollId(scrollId: string): ParsedScrollId {
  try {
    const input = new StreamInput(fromBase64Url(scrollId))
    const first = input.readString()
    const withUuid = first === INCLUDE_CONTEXT_UUID
    const type = withUuid ? input.readString() : first
    const contexts: ReaderIdForNode[] = []
    for (let i = 0, n = input.readVInt(); i < n; i++) {
      const sessionId = withUuid ? input.readString() : ''
      const id = input.readLong()
      contexts.push({ sessionId, id, node: input.readString() })
    }
    if (!input.atEnd) throw new Error('Not all bytes were read')
    return { type, contexts }
  } catch (error) {
    if (error instanceof EsException) throw error
    throw illegalArgumentException('Cannot parse scroll id')
  }
}
