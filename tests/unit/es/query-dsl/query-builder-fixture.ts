// Building a Query DSL request against a fixed set of mapped fields, as the query builders' tests do: the built
// IndexQuery, or the EsException it fails with written as one line (type, reason, [line:col] when located, and its
// cause's type and reason).
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { analyzeForIndexing } from '../../../../workers/es/analysis/index.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import type { FieldMapping } from '../../../../workers/es/index/mapper/mapping.ts'
import { buildQuery } from '../../../../workers/es/search/query-builder.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'

export interface QueryBuilderFixture {
  build(query: string): IndexQuery
  /** The failure of `query` as `type: reason @line:col <- causeType: causeReason`; throws when it builds. */
  error(query: string): string
}

export function queryBuilderFixture(fields: ReadonlyMap<string, FieldMapping>): QueryBuilderFixture {
  const build = (query: string): IndexQuery =>
    buildQuery(parseJson(query, { locations: true }), {
      fields,
      analyze: analyzeForIndexing,
      index: { name: 'idx', uuid: 'u' },
    })
  const error = (query: string): string => {
    try {
      build(query)
    } catch (e) {
      if (!(e instanceof EsException)) throw e
      const line = e.metadata.find(([key]) => key === 'line')?.[1]
      const col = e.metadata.find(([key]) => key === 'col')?.[1]
      const at = typeof line === 'number' && typeof col === 'number' ? ` @${line}:${col}` : ''
      const cause = e.causedBy ? ` <- ${e.causedBy.type}: ${e.causedBy.reason}` : ''
      return `${e.type}: ${e.reason}${at}${cause}`
    }
    throw new Error('no error')
  }
  return { build, error }
}
