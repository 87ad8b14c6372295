// Reads one value out of a JSON response body by its path of keys, without `any`.
export function jsonAt(text: string, ...path: string[]): unknown {
  let value: unknown = JSON.parse(text)
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  }
  return value
}

/** The keys of the object at `path`, in the order the body has them. */
export function jsonKeysAt(text: string, ...path: string[]): string[] {
  const value = jsonAt(text, ...path)
  return typeof value === 'object' && value !== null ? Object.keys(value) : []
}
