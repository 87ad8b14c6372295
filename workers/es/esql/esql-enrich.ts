/**
 * ENRICH (Enrich.java): the policy a query names, resolved before the query is checked as EnrichPolicyResolver
 * does, then the Analyzer's and Verifier's checks and the lookup each row makes.
 *
 * Resolution: a policy missing from the cluster state is `cannot find enrich policy [p]` (with `, did you mean
 * [q]?`); one whose alias `.enrich-p` names no index (never executed) is `failed to resolve enrich policy [p];
 * reason [Unknown index [.enrich-p]]`. A resolved policy brings the enrich index's columns (its mapping, which
 * the policy run copies from the source indices: enrich-policy-runner.ts) and its rows in `_doc` order.
 *
 * Checks: the ON field (the policy's match field by default, reported at the command) must be a column of a type
 * the policy type takes (`Unsupported type [t] for enrich matching field [f]; only [keyword, text, ip, long,
 * integer, float, double, datetime] allowed for type [match]`, geo_point and geo_shape for geo_match); every WITH
 * field (all the policy's enrich fields by default) must be a column of the enrich index other than its match
 * field (`Enrich field [x] not found in enrich policy [p]`, with a hint). The enrich columns come after the
 * others, an input column of the same name dropped, and a name given twice is the later item's.
 *
 * Lookup: a match policy finds the enrich documents whose match field equals one of the row's key values as a
 * keyword term query does (the value's text: numbers as Java prints them, a date as its epoch milliseconds); each
 * enrich column gets the values of every document found, in `_doc` order, as one multi-value (null when none).
 * Range and geo_match policies cannot run here (their field types are not modelled), so they never have rows.
 */
import { findSimilarHint } from '../common/did-you-mean.ts'
import { enrichIndexBaseName, type EnrichPolicyMetadata } from '../cluster/metadata/enrich-policy.ts'
import { enrichPolicies } from '../cluster/metadata/metadata-enrich-service.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { resolveIndex } from '../sql/index-resolver.ts'
import { javaDoubleToString } from '../xcontent/index.ts'
import type { EsqlCommand } from './esql-ast.ts'
import { ExpressionCompiler, type CompileEnvironment, type EsqlColumn, type Row } from './esql-compiler.ts'
import { typeName } from './esql-function-support.ts'
import { readRows } from './esql-source.ts'
import { cellOf, esqlTypeOfField, valuesOf, type EsqlScalar, type EsqlValue } from './esql-values.ts'

type EnrichCommand = Extract<EsqlCommand, { kind: 'enrich' }>

export interface ResolvedEnrichPolicy {
  readonly policy: EnrichPolicyMetadata
  /** The enrich index's columns (its mapped leaves with their ES|QL types). */
  readonly columns: readonly EsqlColumn[]
  /** Its documents' values for those columns, in `_doc` order. */
  readonly rows: readonly Row[]
}

export interface EnrichResolution {
  readonly policies: ReadonlyMap<string, ResolvedEnrichPolicy>
  /** Why a policy did not resolve, by name. */
  readonly errors: ReadonlyMap<string, string>
}

export const NO_ENRICH_POLICIES: EnrichResolution = { policies: new Map(), errors: new Map() }

const NON_GEO_TYPES = ['keyword', 'text', 'ip', 'long', 'integer', 'float', 'double', 'datetime']
const GEO_TYPES = ['geo_point', 'geo_shape']

/** EnrichPolicyResolver: every policy the query's ENRICH commands name. */
export async function resolveEnrichPolicies(
  context: RestContext,
  commands: readonly EsqlCommand[],
  now: number,
): Promise<EnrichResolution> {
  const names = new Set(commands.flatMap((c) => (c.kind === 'enrich' ? [c.policy] : [])))
  if (names.size === 0) return NO_ENRICH_POLICIES
  const available = enrichPolicies(context.client.cluster.state())
  const policies = new Map<string, ResolvedEnrichPolicy>()
  const errors = new Map<string, string>()
  for (const name of names) {
    const policy = available[name]
    if (policy === undefined) {
      errors.set(name, `cannot find enrich policy [${name}]${findSimilarHint(name, Object.keys(available))}`)
      continue
    }
    const alias = enrichIndexBaseName(name)
    const index = resolveIndex(context.indices, alias)
    if (index === null || index.names.length !== 1) {
      errors.set(name, `failed to resolve enrich policy [${name}]; reason [Unknown index [${alias}]]`)
      continue
    }
    const columns = [...index.fields.values()].map((f) => ({ name: f.name, type: esqlTypeOfField(f.esType) }))
    const relation = { indices: index.names, fields: index.fields, columns, metadata: [] }
    policies.set(name, { policy, columns, rows: await readRows(context, relation, null, now) })
  }
  return { policies, errors }
}

/** The columns an ENRICH adds and their values for a row, or null when it does not resolve (failures recorded). */
export function planEnrich(
  command: EnrichCommand,
  columns: readonly EsqlColumn[],
  resolution: EnrichResolution,
  env: CompileEnvironment,
): { added: EsqlColumn[]; values: (row: Row) => EsqlValue[] } | null {
  const resolved = resolution.policies.get(command.policy)
  const matchName = command.matchField?.pattern ?? resolved?.policy.matchField
  const failed = env.failures.length
  const key =
    matchName === undefined
      ? null
      : new ExpressionCompiler(columns, env).compile({
          kind: 'column',
          name: matchName,
          at: command.matchField?.at ?? command.at,
          text: matchName,
        })
  if (resolved === undefined) {
    env.failures.push({ at: command.policyAt, message: resolution.errors.get(command.policy)! })
    return null
  }
  const { policy } = resolved
  const allowed = policy.type === 'geo_match' ? GEO_TYPES : NON_GEO_TYPES
  if (key !== null && env.failures.length === failed && !allowed.includes(typeName(key.type))) {
    env.failures.push({
      at: command.matchField?.at ?? command.at,
      message:
        `Unsupported type [${typeName(key.type)}] for enrich matching field [${matchName}]; ` +
        `only [${allowed.join(', ')}] allowed for type [${policy.type}]`,
    })
  }
  const candidates = resolved.columns.filter((c) => c.name !== policy.matchField)
  const wanted =
    command.fields.length > 0
      ? command.fields.map(({ name, field }) => ({ name, field: field.pattern }))
      : policy.enrichFields.map((field) => ({ name: field, field }))
  const added: EsqlColumn[] = []
  const sources: number[] = []
  // A name given twice is the later item's (mergeOutputExpressions keeps the last occurrence).
  const last = new Map(wanted.map(({ name }, i) => [name, i]))
  for (const [i, { name, field }] of wanted.entries()) {
    const found = candidates.find((c) => c.name === field)
    if (found === undefined) {
      const hint = findSimilarHint(
        field,
        candidates.map((c) => c.name),
      )
      env.failures.push({
        at: command.at,
        message: `Enrich field [${field}] not found in enrich policy [${command.policy}]${hint}`,
      })
      continue
    }
    if (last.get(name) !== i) continue
    added.push({ name, type: found.type })
    sources.push(resolved.columns.indexOf(found))
  }
  const matchIndex = resolved.columns.findIndex((c) => c.name === policy.matchField)
  const byTerm = termIndex(resolved.rows, matchIndex)
  const keyType = key?.type ?? 'null'
  return {
    added,
    values(row) {
      const docs = new Set<number>()
      for (const value of valuesOf(key?.evaluate(row) ?? null))
        for (const doc of byTerm.get(termText(value, keyType)) ?? []) docs.add(doc)
      const matched = [...docs].sort((a, b) => a - b).map((doc) => resolved.rows[doc]!)
      return sources.map((i) => cellOf(matched.flatMap((doc) => valuesOf(doc[i] ?? null))))
    },
  }
}

/** The enrich documents by each text their match field holds. */
function termIndex(rows: readonly Row[], matchIndex: number): Map<string, number[]> {
  const index = new Map<string, number[]>()
  if (matchIndex < 0) return index
  rows.forEach((row, doc) => {
    for (const value of valuesOf(row[matchIndex] ?? null)) {
      const text = String(value)
      const docs = index.get(text) ?? []
      docs.push(doc)
      index.set(text, docs)
    }
  })
  return index
}

/** A key value as a keyword term query reads it (BytesRefs.toBytesRef of the block's Java value). */
function termText(value: EsqlScalar, type: string): string {
  if (type === 'double' && typeof value === 'number') return javaDoubleToString(value)
  return String(value)
}
