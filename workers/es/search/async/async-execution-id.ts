/**
 * AsyncExecutionId (ES 8.17 x-pack core): what an async search's `id` encodes. The bytes are StreamOutput's
 * writeString of the document id (a random base64 UUID, the `.async-search` document's `_id`) then writeString of
 * the task id (`<node id>:<task number>`, the search task of the node that runs it), sent as URL-safe base64 with
 * `=` padding (Base64.getUrlEncoder).
 *
 * decode's errors, IllegalArgumentException (400): `invalid id: [<id>]` caused by the base64 decoder's own
 * IllegalArgumentException, or by the EOFException of a string longer than the bytes left ("tried to read: N bytes
 * but only M remaining"; a truncated length reads as an EOFException without a message); bytes left after the two
 * strings give `invalid id: [<id>]` alone; a task id that is no `<node>:<number>` gives TaskId's
 * `malformed task id <task id>`.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { StreamInput, StreamOutput, base64Url, fromBase64Url } from '../context/stream-bytes.ts'
import { checkTaskId } from '../../tasks/task-results-service.ts'

export interface AsyncExecutionId {
  /** The `.async-search` document's id. */
  docId: string
  /** `<node id>:<task number>`. */
  taskId: string
  /** The id as the user sees it. */
  encoded: string
}

export function encodeAsyncExecutionId(docId: string, taskId: string): AsyncExecutionId {
  const encoded = base64Url(new StreamOutput().writeString(docId).writeString(taskId).bytes())
  return { docId, taskId, encoded }
}

export function decodeAsyncExecutionId(id: string): AsyncExecutionId {
  const invalid = (cause?: EsException): EsException => illegalArgumentException(`invalid id: [${id}]`, cause)
  let bytes: Uint8Array
  try {
    bytes = fromBase64Url(id)
  } catch (error) {
    throw invalid(illegalArgumentException((error as Error).message))
  }
  const input = new StreamInput(bytes)
  const readString = (): string => {
    let length: number
    try {
      length = input.readVInt()
    } catch {
      throw invalid(eofException(null))
    }
    if (length > input.remaining) {
      throw invalid(eofException(`tried to read: ${length} bytes but only ${input.remaining} remaining`))
    }
    try {
      return input.readChars(length)
    } catch {
      throw invalid(eofException(null))
    }
  }
  const docId = readString()
  const taskId = readString()
  if (!input.atEnd) throw invalid()
  checkTaskId(taskId)
  return { docId, taskId, encoded: id }
}

/** java.io.EOFException: not an ElasticsearchException; null: made without a message. */
function eofException(message: string | null): EsException {
  return new EsException({
    type: 'e_o_f_exception',
    reason: message ?? '',
    reasonNull: message === null,
    status: 500,
    rootCause: false,
  })
}
