/**
 * IndexAbstractionResolver.resolveIndexAbstractions (ES 8.17), the resolution `_resolve/index` uses: each part of
 * a comma list is a name (date math resolved) or a `*` pattern over every index, alias and data stream name.
 * A pattern keeps the names visible under the options (isIndexVisible: a hidden one only with expand hidden, or
 * when pattern and name both start with `.`; an alias or data stream whatever its indices' states; an index only
 * in a state the options expand); a pattern matching nothing is index_not_found_exception when allow_no_indices
 * is false. After a pattern, `-name` / `-pattern` takes names out again. A plain name is kept unless it names
 * nothing and ignore_unavailable is set; a name that names nothing resolves to nothing (no error).
 */
import { indexNotFoundException } from '../../errors/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { isClosed, type IndexMetadata } from '../../index/index-metadata.ts'
import { resolveDateMathExpression } from './date-math-index-name.ts'
import type { DataStream } from './data-stream.ts'
import { aliasesLookup, type IndexAlias } from './index-abstraction.ts'
import type { IndicesOptions } from './indices-options.ts'

/** An index abstraction by name: what it is. */
export type IndexAbstraction =
  | { type: 'index'; metadata: IndexMetadata }
  | { type: 'alias'; alias: IndexAlias }
  | { type: 'data_stream'; dataStream: DataStream }

/** Metadata.getIndicesLookup: every index, alias and data stream by name. */
export function indicesLookup(
  indices: readonly IndexMetadata[],
  dataStreams: Readonly<Record<string, DataStream>>,
): Map<string, IndexAbstraction> {
  const lookup = new Map<string, IndexAbstraction>()
  for (const metadata of indices) lookup.set(metadata.name, { type: 'index', metadata })
  for (const alias of aliasesLookup(indices).values()) lookup.set(alias.name, { type: 'alias', alias })
  for (const dataStream of Object.values(dataStreams))
    lookup.set(dataStream.name, { type: 'data_stream', dataStream })
  return lookup
}

/** IndexAbstraction.isHidden: index.hidden, an alias any of whose memberships is hidden, a hidden data stream. */
function isHidden(abstraction: IndexAbstraction): boolean {
  if (abstraction.type === 'index') return abstraction.metadata.hidden === true
  if (abstraction.type === 'alias') return abstraction.alias.members.some((m) => m.alias.isHidden === true)
  return abstraction.dataStream.hidden
}

function isVisible(
  pattern: string,
  abstraction: IndexAbstraction,
  name: string,
  options: IndicesOptions,
): boolean {
  const visible =
    !isHidden(abstraction) || options.expandHidden || (pattern.startsWith('.') && name.startsWith('.'))
  if (!visible || abstraction.type !== 'index') return visible
  return isClosed(abstraction.metadata) ? options.expandClosed : options.expandOpen
}

/** The names `expression` resolves to, in the order first reached. */
export function resolveIndexAbstractions(
  expression: string,
  options: IndicesOptions,
  lookup: ReadonlyMap<string, IndexAbstraction>,
  now: number,
): string[] {
  const names = new Set<string>()
  let wildcardSeen = false
  for (const given of expression.split(',')) {
    const minus = wildcardSeen && given.startsWith('-')
    const part = resolveDateMathExpression(minus ? given.slice(1) : given, now)
    if (part.includes('*')) {
      wildcardSeen = true
      const matched = [...lookup].filter(
        ([name, abstraction]) => simpleMatch(part, name) && isVisible(part, abstraction, name, options),
      )
      if (matched.length === 0 && !options.allowNoIndices) throw indexNotFoundException(part)
      for (const [name] of matched) {
        if (minus) names.delete(name)
        else names.add(name)
      }
    } else if (minus) {
      names.delete(part)
    } else if (!options.ignoreUnavailable || lookup.has(part)) {
      names.add(part)
    }
  }
  return [...names]
}
