// Reading parts of an ES response body in tests: the value at a path of keys and indices, and the search hits.

/** The value at `path` (keys and indices) in a response body. */
export function at(body: string, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>(
    (value, key) => (value as Record<string | number, unknown>)[key],
    JSON.parse(body),
  )
}

/** The hits of a search response, each with what a test reads of it. */
export function hitsOf(body: string): Array<{ _id: string; _ignored?: unknown; fields?: unknown }> {
  return at(body, 'hits', 'hits') as Array<{ _id: string; _ignored?: unknown; fields?: unknown }>
}
