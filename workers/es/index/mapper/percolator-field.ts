/**
 * PercolatorFieldMapper.parse: a percolator field's value is a query, parsed and built against the index's mapping
 * as it stands when a primary indexes the document. The query stays in `_source`, where the percolate query reads
 * it again. A query that fails fails the document as DocumentParser.wrapInDocumentParsingException wraps what the
 * mapper threw: "failed to parse: <reason>" at the token the parser stands on. A has_child, has_parent or knn query
 * anywhere in it is refused as its name is met (parseQueryBuilder's queryNameConsumer), at its body's `{`; a parse
 * error where its ParsingException stands (the query checked again on the value parsed with its locations); any other
 * failure (a field the mapping lacks) once the query is read, at the value's end.
 *
 * Invariant: without a check (a walk that re-reads an indexed document: fetch, highlight, term vectors) the value is
 * taken as it is; it was checked when the document was indexed.
 */
import { documentParsingException, EsException, illegalArgumentException } from '../../errors/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import type { PathStep } from '../../xcontent/token-at-path.ts'
import { documentFailure, failedIn } from './document-failure.ts'

/** Builds a percolator field's query for the index as it stands; throws what building it threw. */
export type PercolatorQueryCheck = (query: XContentValue) => void

/** The queries a percolator field's query may not hold. */
const UNSUPPORTED_QUERIES: ReadonlySet<string> = new Set(['has_child', 'has_parent', 'knn'])

/** A query name met in a percolator field's query that it may not hold, with the body that follows it. */
class UnsupportedQuery extends Error {
  constructor(
    readonly query: string,
    readonly body: XContentObject,
  ) {
    super(`the [${query}] query is unsupported inside a percolator query`)
  }
}

/** The queryNameConsumer a percolator field's query is parsed with: refuses the queries it may not hold. */
export function percolatorQueryName(name: string, body: XContentObject): void {
  if (UNSUPPORTED_QUERIES.has(name)) throw new UnsupportedQuery(name, body)
}

/** A second query for one percolator field in a document (an array of them), refused before it is parsed. */
export function secondPercolatorQuery(): EsException {
  const reason = 'a document can only contain one percolator query'
  return documentFailure('start', (at) =>
    documentParsingException(at.line, at.col, `failed to parse: ${reason}`, illegalArgumentException(reason)),
  )
}

/** Checks the value of a percolator field as its mapper parses it. */
export function checkPercolatorQuery(query: XContentValue, check: PercolatorQueryCheck | undefined): void {
  if (check === undefined) return
  try {
    check(query)
  } catch (error) {
    if (error instanceof UnsupportedQuery) throw unsupportedQuery(error, query)
    if (!(error instanceof EsException)) throw error
    throw documentFailure('end', (at, _token, located) => {
      // the document's text gives the query's own failure its locations: checked again on the located value
      const cause = (located && failureOf(check, located())) ?? error
      const [line, col] = parserPosition(cause) ?? [at.line, at.col]
      return documentParsingException(line, col, `failed to parse: ${cause.reason}`, cause)
    })
  }
}

/** What checking `query` throws (null: nothing, or something other than an EsException). */
function failureOf(check: PercolatorQueryCheck, query: XContentValue): EsException | null {
  try {
    check(query)
  } catch (error) {
    if (error instanceof EsException) return error
  }
  return null
}

/**
 * Where the parser stood when the query failed: a ParsingException's own location, as it is taken where the parser
 * stands; null for a failure once the query was read (the value's end).
 */
function parserPosition(error: EsException): [number, number] | null {
  if (error.type !== 'parsing_exception') return null
  const line = error.metadata.find(([key]) => key === 'line')?.[1]
  const col = error.metadata.find(([key]) => key === 'col')?.[1]
  return typeof line === 'number' && typeof col === 'number' ? [line, col] : null
}

/** The refusal of an unsupported query, located at its body within the field's value. */
function unsupportedQuery(refused: UnsupportedQuery, query: XContentValue): unknown {
  const reason = refused.message
  let failure: unknown = documentFailure('start', (at) =>
    documentParsingException(at.line, at.col, `failed to parse: ${reason}`, illegalArgumentException(reason)),
  )
  for (const step of pathTo(query, refused.body)!.reverse()) failure = failedIn(failure, step)
  return failure
}

/** The keys and indices from `value` down to `target` (the same object), outermost first; null if not inside. */
function pathTo(value: XContentValue, target: XContentObject): PathStep[] | null {
  if (value === target) return []
  const children: Iterable<[PathStep, XContentValue]> =
    value instanceof Map ? value : Array.isArray(value) ? value.entries() : []
  for (const [step, child] of children) {
    const path = pathTo(child, target)
    if (path !== null) return [step, ...path]
  }
  return null
}
