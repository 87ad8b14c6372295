/**
 * The options of an AbstractBulkByScrollRequest as `_delete_by_query`, `_update_by_query` (by-query-actions.ts) and
 * `_reindex` (reindex-action.ts) read them, in ES 8.17's order: the body first (its `conflicts` and `max_docs`, while
 * the request still has its default one slice), then the URL's `scroll_size`, `refresh`, and
 * AbstractBaseReindexRestHandler.setCommonOptions: `slices` (parseSlices), `requests_per_second`
 * (bulk-by-scroll-task.ts) and `max_docs`.
 *
 * `max_docs` goes through setMaxDocsValidateIdentical ("[max_docs] set to two different values [a] and [b]" when
 * the body and the URL disagree) and AbstractBulkByScrollRequest.setMaxDocs ("[max_docs] parameter cannot be
 * negative, found [n]"; "[max_docs] should be >= [slices]" below the slices set so far, so a URL `max_docs` is held
 * against `slices`, the body's against 1). A body `max_docs` is Number.intValue of the number. validate() then
 * refuses a `max_docs` of 0 (which only `slices=auto` lets through), maxDocsValidationErrors.
 */
import { illegalArgumentException, numberFormatException } from '../../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { refreshPolicy } from '../../action/doc-write.ts'
import type { BulkByScrollOptions } from '../../action/bulk-by-scroll.ts'
import { AUTO_SLICES } from '../../action/bulk-by-scroll-parallelization.ts'
import { requestsPerSecond } from '../../tasks/bulk-by-scroll-task.ts'
import { javaParseInt } from '../../common/java-integer.ts'
import type { RestHandlerRequest } from '../rest-controller.ts'
import { paramAsInt } from './rest-params.ts'

export interface BulkByScrollRequestOptions extends BulkByScrollOptions {
  /** The configured slices: AUTO_SLICES (0) for `auto`. */
  slices: number
  /** requests_per_second; Infinity when unthrottled. */
  requestsPerSecond: number
}

/** MAX_DOCS_ALL_MATCHES. */
const ALL_MATCHES = -1

/**
 * Search source keys the runs do not build, refused with the first one present: manual slicing (`slice`), and for
 * `_reindex`, whose source takes any search source, what would change the hits it copies.
 */
export function refuseUnsupported(body: XContentObject, keys: readonly string[] = ['slice']): void {
  const key = [...body.keys()].find((name) => keys.includes(name))
  if (key !== undefined) throw illegalArgumentException(`[${key}] is not supported by this playground`)
}

/**
 * AbstractBulkByQueryRestHandler's `scroll_size`: paramAsInt into the search source's size (SearchSourceBuilder.size
 * refuses a negative one; a size of 0 fails the scroll validation, scrollSizeErrors).
 */
function scrollSize(req: RestHandlerRequest): number {
  const size = paramAsInt(req.params, 'scroll_size', 1000)
  if (size < 0) throw illegalArgumentException(`[size] parameter cannot be negative, found [${size}]`)
  return size
}

/** SearchSourceBuilder.validate's scroll check of the batch size. */
export function scrollSizeErrors(options: BulkByScrollRequestOptions): string[] {
  return options.scrollSize === 0 ? ['[size] cannot be [0] in a scroll context'] : []
}

/** AbstractBulkByScrollRequest.setConflicts: whether version conflicts abort the run. */
export function abortOnConflict(conflicts: XContentValue | string): boolean {
  if (conflicts !== 'abort' && conflicts !== 'proceed') {
    throw illegalArgumentException(
      `conflicts may only be "proceed" or "abort" but was [${scalarText(conflicts) ?? ''}]`,
    )
  }
  return conflicts === 'abort'
}

/** The body's `max_docs` through setMaxDocs while the request has its one default slice (-1 when absent). */
export function bodyMaxDocs(value: XContentValue | undefined): number {
  return value === undefined ? ALL_MATCHES : setMaxDocs(intValue(value), 1)
}

export function options(req: RestHandlerRequest, body: XContentObject): BulkByScrollRequestOptions {
  const abort = abortOnConflict(body.get('conflicts') ?? req.params.get('conflicts') ?? 'abort')
  let maxDocs = bodyMaxDocs(body.get('max_docs'))
  const batchSize = scrollSize(req)
  const refresh = refreshPolicy(req.params.get('refresh'))
  const slices = parseSlices(req)
  const throttle = requestsPerSecond(req)
  if (req.params.has('max_docs')) {
    const value = paramAsInt(req.params, 'max_docs', ALL_MATCHES)
    if (maxDocs !== ALL_MATCHES && maxDocs !== value) {
      throw illegalArgumentException(`[max_docs] set to two different values [${maxDocs}] and [${value}]`)
    }
    maxDocs = setMaxDocs(value, slices)
  }
  return {
    abortOnConflict: abort,
    maxDocs: maxDocs === ALL_MATCHES ? Infinity : maxDocs,
    scrollSize: batchSize,
    refresh,
    slices,
    requestsPerSecond: throttle,
  }
}

/** AbstractBulkByScrollRequest.validate's `max_docs` error: -1 or above 0. */
export function maxDocsValidationErrors(options: BulkByScrollRequestOptions): string[] {
  if (options.maxDocs !== 0) return []
  return [
    'maxDocs should be greater than 0 if the request is limited to some number of documents or -1 if it ' +
      `isn't but it was [${options.maxDocs}]`,
  ]
}

/** AbstractBaseReindexRestHandler.parseSlices: `auto`, or Integer.parseInt of the text, at least 1; 1 when absent. */
function parseSlices(req: RestHandlerRequest): number {
  const text = req.params.get('slices')
  if (text === undefined) return 1
  if (text === 'auto') return AUTO_SLICES
  const message = `[slices] must be a positive integer or the string "auto", but was [${text}]`
  const slices = javaParseInt(text)
  if (slices === null) throw illegalArgumentException(message, numberFormatException(text))
  if (slices < 1) throw illegalArgumentException(message)
  return slices
}

function setMaxDocs(maxDocs: number, slices: number): number {
  if (maxDocs < 0)
    throw illegalArgumentException(`[max_docs] parameter cannot be negative, found [${maxDocs}]`)
  if (maxDocs < slices) throw illegalArgumentException('[max_docs] should be >= [slices]')
  return maxDocs
}

/** Number.intValue of a body number (a long's low 32 bits, a double truncated and saturated). */
function intValue(value: XContentValue): number {
  if (!(value instanceof XNumber)) throw illegalArgumentException('[max_docs] must be an integer')
  if (value.isInteger) return Number(BigInt.asIntN(32, BigInt(value.text)))
  const n = Math.trunc(value.value)
  return Number.isNaN(n) ? 0 : Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, n))
}
