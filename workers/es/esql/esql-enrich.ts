/**
 * ENRICH (Enrich.java): the policy a query names, resolved before the query is checked as EnrichPolicyResolver
 * does, then the Analyzer's and Verifier's checks and the lookup each row makes.
 *
 * Resolution: a policy missing from the cluster state is `cannot find enrich policy [p]` (with `, did you mean
 * [q]?`); one whose alias `.enrich-p` names no index (never executed) is `failed to resolve enrich policy [p];
 * reason [Unknown index [.enrich-p]]`. A resolved policy brings the enrich index's columns (its mapping, which
 * the policy run copies from the source indices: enrich-policy-runner.ts), its rows in `_doc` order and, for a
 * range or geo_match policy, their sources and the mapping of its match field.
 *
 * Checks: the ON field (the policy's match field by default, reported at the command) must be a column of a type
 * the policy type takes (`Unsupported type [t] for enrich matching field [f]; only [keyword, text, ip, long,
 * integer, float, double, datetime] allowed for type [match]` and for `range`, geo_point and geo_shape for
 * geo_match); every WITH field (all the policy's enrich fields by default) must be a column of the enrich index
 * other than its match field (`Enrich field [x] not found in enrich policy [p]`, with a hint). The enrich columns
 * come after the others, an input column of the same name dropped, and a name given twice is the later item's.
 * The `_any:` and `_coordinator:` modes make no difference on one cluster; `_remote:` has its placement checks.
 *
 * Lookup (esql-enrich-lookup.ts): each enrich column gets the values of every document the row's key finds, in
 * `_doc` order, as one multi-value (null when none, or when the key is null). A key value no query is made of
 * finds nothing and raises the warning `evaluation of [ENRICH …] failed` at the command.
 */
import { findSimilarHint } from '../common/did-you-mean.ts'
import { enrichIndexBaseName, type EnrichPolicyMetadata } from '../cluster/metadata/enrich-policy.ts'
import { enrichPolicies } from '../cluster/metadata/metadata-enrich-service.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { resolveIndex } from '../sql/index-resolver.ts'
import type { Failure } from '../sql/sql-exceptions.ts'
import { leafFields } from '../index/mapper/mapping.ts'
import { parseJson, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import type { EsqlCommand } from './esql-ast.ts'
import { ExpressionCompiler, type CompileEnvironment, type EsqlColumn, type Row } from './esql-compiler.ts'
import { keyLookup, LookupFailure, type EnrichDocuments } from './esql-enrich-lookup.ts'
import { typeName } from './esql-function-support.ts'
import { readSourcedRows } from './esql-source.ts'
import { cellOf, esqlTypeOfField, valuesOf, type EsqlValue } from './esql-values.ts'

type EnrichCommand = Extract<EsqlCommand, { kind: 'enrich' }>

export interface ResolvedEnrichPolicy {
  readonly policy: EnrichPolicyMetadata
  /** The enrich index's columns (its mapped leaves with their ES|QL types). */
  readonly columns: readonly EsqlColumn[]
  /** Its documents, as the lookup reads them. */
  readonly documents: EnrichDocuments
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
    const read = await readSourcedRows(context, relation, null, now)
    const mapping = context.indices.get(index.names[0]!)?.metadata.mapping
    const documents: EnrichDocuments = {
      policy,
      rows: read.map(({ row }) => row),
      matchColumn: columns.findIndex((c) => c.name === policy.matchField),
      sources: policy.type === 'match' ? [] : read.map(({ source }) => sourceObject(source)),
      matchMapping: (mapping && leafFields(mapping).get(policy.matchField)) ?? null,
    }
    policies.set(name, { policy, columns, documents })
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
  const fromColumns: number[] = []
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
    fromColumns.push(resolved.columns.indexOf(found))
  }
  const { lookup, incompatible } = keyLookup(resolved.documents, key?.type ?? 'null')
  const { rows } = resolved.documents
  return {
    added,
    values(row) {
      const values = valuesOf(key?.evaluate(row) ?? null)
      if (values.length > 0 && incompatible !== null) throw incompatible
      let docs: number[] = []
      try {
        docs = values.length === 0 ? [] : lookup(values)
      } catch (error) {
        if (!(error instanceof LookupFailure)) throw error
        env.warnings.add(command.at, command.text, error.exception)
      }
      return fromColumns.map((i) => cellOf(docs.flatMap((doc) => valuesOf(rows[doc]![i] ?? null))))
    },
  }
}

/** A stored `_source` as an object (an enrich index always stores one). */
function sourceObject(source: string | null): XContentObject {
  const parsed = source === null ? null : parseJson(source)
  return parsed instanceof Map ? parsed : new Map<string, XContentValue>()
}

/**
 * Verifier.checkRemoteEnrich: a `_remote:` ENRICH runs on the data nodes, so it cannot come after a STATS or
 * after a `_coordinator:` ENRICH (`ENRICH with remote policy can't be executed after STATS`, `… after another
 * ENRICH with coordinator policy`), reported at the remote ENRICH after the other failures.
 */
export function remoteEnrichFailures(commands: readonly EsqlCommand[]): Failure[] {
  const failures: Failure[] = []
  let stats = false
  let coordinator = false
  for (const command of commands) {
    if (command.kind === 'stats') stats = true
    if (command.kind !== 'enrich') continue
    if (command.mode === 'coordinator') coordinator = true
    if (command.mode !== 'remote') continue
    const fail = (after: string) =>
      failures.push({ at: command.at, message: `ENRICH with remote policy can't be executed after ${after}` })
    if (stats) fail('STATS')
    if (coordinator) fail('another ENRICH with coordinator policy')
  }
  return failures
}
