/**
 * The SHOW commands' results. SHOW TABLES: `catalog` (the cluster name), `name`, `type` and `kind` (TABLE and
 * INDEX for an index, VIEW and ALIAS for an alias) of every non-hidden index and alias, in name order, filtered by
 * a LIKE pattern or an index pattern.
 * SHOW COLUMNS / DESCRIBE: every field of the table with its JDBC type name (SqlDataTypes' sqlType: VARCHAR,
 * BIGINT, TIMESTAMP…) and its ES SQL type. SHOW FUNCTIONS: each function name and alias with its type (AGGREGATE
 * or SCALAR) in FunctionRegistry's order (SqlFunctionRegistry's groups, each sorted by name), filtered by a LIKE
 * pattern.
 */
import type { RestContext } from '../rest/rest-context.ts'
import { likePattern } from './evaluator.ts'
import type { EsIndex } from './index-resolver.ts'
import { aliasesLookup } from '../cluster/metadata/index-abstraction.ts'
import { simpleMatch } from '../common/simple-match.ts'
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.ts'
import { SCALAR_GROUPS, SCORE_FUNCTION } from './scalar-functions.ts'
import type { SqlResult } from './sql-session.ts'

const JDBC_TYPES: Readonly<Record<string, string>> = {
  text: 'VARCHAR',
  keyword: 'VARCHAR',
  constant_keyword: 'VARCHAR',
  version: 'VARCHAR',
  long: 'BIGINT',
  unsigned_long: 'NUMERIC',
  integer: 'INTEGER',
  short: 'SMALLINT',
  byte: 'TINYINT',
  double: 'DOUBLE',
  float: 'REAL',
  half_float: 'FLOAT',
  scaled_float: 'DOUBLE',
  boolean: 'BOOLEAN',
  datetime: 'TIMESTAMP',
  ip: 'IP',
  binary: 'VARBINARY',
  object: 'STRUCT',
  nested: 'STRUCT',
  geo_point: 'GEOMETRY',
  geo_shape: 'GEOMETRY',
  shape: 'GEOMETRY',
}

const KEYWORD_COLUMNS = (names: readonly string[]) => names.map((name) => ({ name, type: 'keyword' }))

export function showTables(context: RestContext, pattern: string | null): SqlResult {
  const indices = context.indices.all().map((index) => index.metadata)
  const tables = [
    ...indices.map((metadata) => [metadata.name, 'TABLE', 'INDEX'] as const),
    ...[...aliasesLookup(indices).keys()].map((name) => [name, 'VIEW', 'ALIAS'] as const),
  ]
    .filter(([name]) => !name.startsWith('.') && matches(name, pattern))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return {
    columns: KEYWORD_COLUMNS(['catalog', 'name', 'type', 'kind']),
    rows: tables.map(([name, type, kind]) => [context.identity.clusterName, name, type, kind]),
  }
}

/** A LIKE pattern (with `%` or `_`) or an index pattern (comma list of `*` wildcards, `-` exclusions). */
function matches(name: string, pattern: string | null): boolean {
  if (pattern === null) return true
  if (/[%_]/.test(pattern)) return likePattern(pattern).test(name)
  let matched = false
  for (const part of pattern.split(',')) {
    if (part.startsWith('-')) {
      if (simpleMatch(part.slice(1), name)) matched = false
    } else if (simpleMatch(part, name)) {
      matched = true
    }
  }
  return matched
}

export function showColumns(index: EsIndex): SqlResult {
  return {
    columns: KEYWORD_COLUMNS(['column', 'type', 'mapping']),
    rows: [...index.fields.values()].map((f) => [f.name, JDBC_TYPES[f.sqlType] ?? 'OTHER', f.sqlType]),
  }
}

export function showFunctions(pattern: string | null): SqlResult {
  const like = pattern === null ? null : likePattern(pattern)
  const functions = [
    ...[...AGGREGATE_FUNCTIONS.keys()].map((name) => [name, 'AGGREGATE']),
    ...[
      'HISTOGRAM',
      ...SCALAR_GROUPS.flatMap((group) => group.map(([name]) => name).sort()),
      SCORE_FUNCTION,
    ].map((name) => [name, 'SCALAR']),
  ].filter(([name]) => like === null || like.test(name!))
  return { columns: KEYWORD_COLUMNS(['name', 'type']), rows: functions }
}
