/**
 * PathTrie: the routes' path patterns as a tree of segments, one node per distinct prefix, every `{param}`
 * segment of a level sharing one wildcard child (as ES's PathTrie keys them all as `*`). A node holds the
 * values of the patterns that end there. `retrieve` walks a path in one of TrieMatchingMode's four modes, which
 * RestController tries in order; all of them prefer a literal node, and the last segment's literal node with a
 * value is always the answer, so `/_query` never reaches `/{index}` even for a method `/_query` lacks:
 * - EXPLICIT_NODES_ONLY: literal segments only;
 * - WILDCARD_ROOT_NODES_ALLOWED: the first segment may be the wildcard (also in place of a literal node that
 *   holds no value);
 * - WILDCARD_LEAF_NODES_ALLOWED: the last segment may be the wildcard;
 * - WILDCARD_NODES_ALLOWED: any segment may (also at the end in place of a literal node without a value).
 * Before the last segment, a literal branch that finds nothing is retried through the level's wildcard, except in
 * EXPLICIT_NODES_ONLY. A path segment that is itself `*` takes the wildcard node as a literal would.
 */

export const TRIE_MATCHING_MODES = [
  'EXPLICIT_NODES_ONLY',
  'WILDCARD_ROOT_NODES_ALLOWED',
  'WILDCARD_LEAF_NODES_ALLOWED',
  'WILDCARD_NODES_ALLOWED',
] as const
export type TrieMatchingMode = (typeof TRIE_MATCHING_MODES)[number]

const WILDCARD = '*'

class TrieNode<T> {
  readonly children = new Map<string, TrieNode<T>>()
  value: T | null = null
}

export class PathTrie<T> {
  private readonly root = new TrieNode<T>()

  /** The value at `segments` (a pattern's), made by `create` the first time that pattern is inserted. */
  valueAt(segments: readonly string[], create: () => T): T {
    let node = this.root
    for (const segment of segments) {
      const key = segment.startsWith('{') ? WILDCARD : segment
      let child = node.children.get(key)
      if (!child) {
        child = new TrieNode<T>()
        node.children.set(key, child)
      }
      node = child
    }
    node.value ??= create()
    return node.value
  }

  /** The value a path's segments reach in one mode, or null. */
  retrieve(segments: readonly string[], mode: TrieMatchingMode): T | null {
    if (segments.length === 0) return this.root.value
    return retrieveFrom(this.root, segments, 0, mode)
  }

  /** RestController.getAllHandlers: what each mode finds, in TrieMatchingMode's order. */
  retrieveAll(segments: readonly string[]): (T | null)[] {
    return TRIE_MATCHING_MODES.map((mode) => this.retrieve(segments, mode))
  }
}

function retrieveFrom<T>(
  parent: TrieNode<T>,
  segments: readonly string[],
  index: number,
  mode: TrieMatchingMode,
): T | null {
  const first = index === 0
  const last = index === segments.length - 1
  const wildcard = parent.children.get(WILDCARD)
  const segment = segments[index]!
  let node = parent.children.get(segment)
  let usedWildcard = segment === WILDCARD
  if (!node) {
    const allowed =
      mode === 'WILDCARD_NODES_ALLOWED' ||
      (mode === 'WILDCARD_ROOT_NODES_ALLOWED' && first) ||
      (mode === 'WILDCARD_LEAF_NODES_ALLOWED' && last)
    if (!allowed || !wildcard) return null
    node = wildcard
    usedWildcard = true
  } else if (node.value === null && wildcard) {
    if (
      (last && (mode === 'WILDCARD_LEAF_NODES_ALLOWED' || mode === 'WILDCARD_NODES_ALLOWED')) ||
      (first && mode === 'WILDCARD_ROOT_NODES_ALLOWED')
    ) {
      node = wildcard
      usedWildcard = true
    }
  }
  if (last) return node.value
  const found = retrieveFrom(node, segments, index + 1, mode)
  if (found !== null || usedWildcard || mode === 'EXPLICIT_NODES_ONLY' || !wildcard) return found
  return retrieveFrom(wildcard, segments, index + 1, mode)
}
