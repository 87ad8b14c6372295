// The `library` index of ES's SQL and ES|QL documentation (four books: name and author as text with a keyword
// sub-field, release_date, page_count), with the caller's own extra fields, loaded through _bulk and refreshed.
import type { TestNode } from './node/es-node-fixture.ts'

/** One book: the documentation's four fields, then the caller's extra fields (absent where null). */
export interface Book {
  id: string
  name: string
  author: string
  release_date: string
  page_count: number
  extra?: Readonly<Record<string, unknown>>
}

/** The four books, in the documentation's order; `extra` is the caller's. */
export const LIBRARY_BOOKS = [
  { name: 'Leviathan Wakes', author: 'James S.A. Corey', release_date: '2011-06-02', page_count: 561 },
  { name: 'Hyperion', author: 'Dan Simmons', release_date: '1989-05-26', page_count: 482 },
  { name: 'Dune', author: 'Frank Herbert', release_date: '1965-06-01', page_count: 604 },
  { name: 'Dune Messiah', author: 'Frank Herbert', release_date: '1969-10-15', page_count: 331 },
] as const

/**
 * Creates `library` with the documentation's mapping (page_count as `pageCountType`) and `extraProperties`, and
 * indexes `books` (refresh=true).
 */
export async function createLibrary(
  node: TestNode,
  pageCountType: 'integer' | 'long',
  extraProperties: Readonly<Record<string, object>>,
  books: readonly Book[],
): Promise<void> {
  const textWithKeyword = { type: 'text', fields: { keyword: { type: 'keyword' } } }
  await node.send('PUT', '/library', {
    mappings: {
      properties: {
        author: textWithKeyword,
        name: textWithKeyword,
        page_count: { type: pageCountType },
        release_date: { type: 'date' },
        ...extraProperties,
      },
    },
  })
  const bulk = books.flatMap(({ id, extra, ...source }) => [
    JSON.stringify({ index: { _id: id } }),
    JSON.stringify({ ...source, ...extra }),
  ])
  await node.send('POST', '/library/_bulk?refresh=true', `${bulk.join('\n')}\n`)
}
