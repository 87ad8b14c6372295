/**
 * The rules a document write to a data stream meets on the way to its write index, as ES 8.17 applies them:
 * - only op_type create is allowed through a data stream's name (TransportBulkAction:
 *   `only write ops with an op_type of create are allowed in data streams`);
 * - a document indexed into a backing index must have one `@timestamp` value
 *   (DataStreamTimestampFieldMapper.postParse), else a document_parsing_exception located, as the
 *   DocumentParser reports a post-parse failure, at the document's closing `}`.
 * The second check runs on the coordinating node once ingest pipelines have given the final source (ES
 * runs it on the primary; the answer is the same).
 */
import { documentParsingException, illegalArgumentException, type EsException } from '../errors/index.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { TIMESTAMP_FIELD } from '../cluster/metadata/data-stream.ts'
import { parseDocumentBody } from '../rest/request-body.ts'
import { locate } from '../xcontent/json-parse-error.ts'
import { tokenAtPath } from '../xcontent/token-at-path.ts'
import type { BulkItem, BulkItemResult } from './transport-bulk-action.ts'

export function dataStreamOpTypeError(): EsException {
  return illegalArgumentException('only write ops with an op_type of create are allowed in data streams')
}

/** Fails each pending index or create item into a backing index whose document lacks `@timestamp`. */
export function checkDataStreamTimestamps(
  state: ClusterState,
  items: readonly BulkItem[],
  results: BulkItemResult[],
): void {
  items.forEach(({ index, item }, position) => {
    if (results[position] !== undefined || item.op !== 'index') return
    const metadata = state.metadata.indices[index]
    if (!metadata || esIndexMetadata(metadata).dataStream === undefined) return
    const error = timestampError(item.text)
    if (error) results[position] = { ok: false, index, id: item.id, error }
  })
}

function timestampError(text: string): EsException | null {
  const value = parseDocumentBody(text).source.get(TIMESTAMP_FIELD)
  const values = Array.isArray(value) ? value.filter((v) => v !== null) : value == null ? [] : [value]
  if (values.length === 1) return null
  const reason =
    values.length === 0
      ? `data stream timestamp field [${TIMESTAMP_FIELD}] is missing`
      : `data stream timestamp field [${TIMESTAMP_FIELD}] encountered multiple values`
  const { line, col } = closingBraceLocation(text)
  return documentParsingException(line, col, `failed to parse: ${reason}`, illegalArgumentException(reason))
}

/** Jackson's token location (1-based line, column in UTF-8 bytes) of the document's closing `}`. */
function closingBraceLocation(text: string): { line: number; col: number } {
  const { line, column } = locate(text, tokenAtPath(text, [])?.end ?? text.lastIndexOf('}'))
  return { line, col: column }
}
