/**
 * The processing commands, checked against the columns before them and compiled into steps over rows
 * (the Analyzer's and Verifier's work, then the operators'): WHERE keeps rows whose condition is true (it must
 * be boolean: `Condition expression needs to be boolean, found [t]`); EVAL and ROW add columns (a name taken
 * again drops the older column); STATS outputs its aggregates then its groupings, one row per group in
 * first-seen order (a multi-valued key counts the row in each of its groups; without BY, one row even over
 * nothing); SORT orders stably (ASC by a multi-value's least value, DESC by its greatest; nulls last ASC and
 * first DESC unless NULLS says; a spatial key is refused: `cannot sort on geo_point`); LIMIT keeps the first rows; KEEP orders columns by the pattern that wins
 * (exact name over partial wildcard over `*`, later over earlier); DROP and RENAME (`Unknown column [x]`,
 * `No matches found for pattern [x*]`); DISSECT and GROK add keyword (GROK: typed) columns, MV_EXPAND
 * gives each value of a multi-value its own row and ENRICH adds its policy's columns (esql-enrich.ts), after the
 * others as EVAL's do; a `_remote:` ENRICH's placement is checked after every command.
 */
import { builtinPatterns } from '../ingest/grok/builtin-patterns.ts'
import { Grok, type CaptureType } from '../ingest/grok/grok.ts'
import { DissectParser } from '../ingest/dissect/dissect-parser.ts'
import { sqlParsingException } from '../sql/sql-exceptions.ts'
import { XNumber, type XContentValue } from '../xcontent/index.ts'
import type { EsqlCommand, NamePattern, NamedExpression } from './esql-ast.ts'
import {
  AggregateScope,
  ExpressionCompiler,
  slotValues,
  type CompileEnvironment,
  type EsqlColumn,
  type Row,
} from './esql-compiler.ts'
import { NO_ENRICH_POLICIES, planEnrich, remoteEnrichFailures, type EnrichResolution } from './esql-enrich.ts'
import { typeName } from './esql-function-support.ts'
import { SPATIAL_TYPES, STRING_TYPES, valuesOf, type EsqlScalar, type EsqlValue } from './esql-values.ts'

export type Step = (rows: Row[]) => Row[]

export interface Plan {
  readonly columns: readonly EsqlColumn[]
  readonly steps: readonly Step[]
}

const GROK_TYPES: Readonly<Record<CaptureType, string>> = {
  string: 'keyword',
  int: 'integer',
  long: 'long',
  float: 'double',
  double: 'double',
  boolean: 'boolean',
}

function patternRegex(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  )
}

function precedence(pattern: string): number {
  if (!pattern.includes('*')) return 2
  return pattern === '*' ? 0 : 1
}

/** Adds `added` columns (computed by `values`) after `columns`, dropping older columns of the same names. */
function extend(
  columns: readonly EsqlColumn[],
  added: readonly EsqlColumn[],
  values: (row: Row) => EsqlValue[],
): { columns: EsqlColumn[]; step: Step } {
  const names = new Set(added.map((c) => c.name))
  const kept = columns.map((c, i) => ({ c, i })).filter(({ c }) => !names.has(c.name))
  return {
    columns: [...kept.map(({ c }) => c), ...added],
    step: (rows) => rows.map((row) => [...kept.map(({ i }) => row[i] ?? null), ...values(row)]),
  }
}

export class Planner {
  private columns: EsqlColumn[]
  private readonly steps: Step[] = []

  constructor(
    input: readonly EsqlColumn[],
    private readonly env: CompileEnvironment,
    private readonly enrich: EnrichResolution = NO_ENRICH_POLICIES,
  ) {
    this.columns = [...input]
  }

  plan(commands: readonly EsqlCommand[]): Plan {
    for (const command of commands) this.command(command)
    this.env.failures.push(...remoteEnrichFailures(commands))
    return { columns: this.columns, steps: this.steps }
  }

  /** ROW and EVAL: each field sees the ones before it. */
  fields(fields: readonly NamedExpression[]): void {
    for (const field of fields) {
      const compiled = new ExpressionCompiler(this.columns, this.env).compile(field.expression)
      const { columns, step } = extend(this.columns, [{ name: field.name, type: compiled.type }], (row) => [
        compiled.evaluate(row),
      ])
      this.columns = columns
      this.steps.push(step)
    }
  }

  private command(command: EsqlCommand): void {
    switch (command.kind) {
      case 'where': {
        const condition = new ExpressionCompiler(this.columns, this.env).compile(command.condition)
        if (condition.type !== 'boolean' && condition.type !== 'null') {
          this.env.failures.push({
            at: command.condition.at,
            message: `Condition expression needs to be boolean, found [${typeName(condition.type)}]`,
          })
        }
        this.steps.push((rows) => rows.filter((row) => condition.evaluate(row) === true))
        return
      }
      case 'eval':
      case 'row':
        return this.fields(command.fields)
      case 'stats':
        return this.stats(command.aggregates, command.groupings)
      case 'sort':
        return this.sort(command)
      case 'limit': {
        const limit = command.limit
        this.steps.push((rows) => rows.slice(0, limit))
        // a STATS after a LIMIT runs on the coordinating node, whose fields come from _source
        this.columns = this.columns.map(({ name, type }) => ({ name, type }))
        return
      }
      case 'keep':
        return this.keep(command.patterns)
      case 'drop': {
        const dropped = new Set(this.matching(command.patterns).flat())
        this.project(this.columns.map((_, i) => i).filter((i) => !dropped.has(i)))
        return
      }
      case 'rename':
        return this.rename(command.renames)
      case 'dissect':
      case 'grok':
        return this.parse(command)
      case 'mvExpand':
        return this.mvExpand(command.column)
      case 'enrich': {
        const enrich = planEnrich(command, this.columns, this.enrich, this.env)
        if (enrich === null) return
        const { columns, step } = extend(this.columns, enrich.added, enrich.values)
        this.columns = columns
        this.steps.push(step)
        return
      }
      default:
        throw sqlParsingException(command.at, 'a source command can only start a query')
    }
  }

  /** The column indices each pattern matches; a pattern matching nothing is a failure. */
  private matching(patterns: readonly NamePattern[]): number[][] {
    return patterns.map(({ pattern, at }) => {
      const re = patternRegex(pattern)
      const found = this.columns.map((c, i) => (re.test(c.name) ? i : -1)).filter((i) => i >= 0)
      if (found.length === 0) {
        const message = pattern.includes('*')
          ? `No matches found for pattern [${pattern}]`
          : `Unknown column [${pattern}]`
        this.env.failures.push({ at, message })
      }
      return found
    })
  }

  private project(indices: readonly number[]): void {
    this.columns = indices.map((i) => this.columns[i]!)
    this.steps.push((rows) => rows.map((row) => indices.map((i) => row[i] ?? null)))
  }

  private keep(patterns: readonly NamePattern[]): void {
    const matches = this.matching(patterns)
    const winner = new Map<number, number>()
    matches.forEach((indices, p) => {
      for (const i of indices) {
        const current = winner.get(i)
        if (
          current === undefined ||
          precedence(patterns[p]!.pattern) >= precedence(patterns[current]!.pattern)
        )
          winner.set(i, p)
      }
    })
    const order = [...winner.entries()].sort(([ia, pa], [ib, pb]) => pa - pb || ia - ib).map(([i]) => i)
    this.project(order)
  }

  private rename(renames: readonly { from: NamePattern; to: string }[]): void {
    for (const { from, to } of renames) {
      const index = this.columns.map((c) => c.name).lastIndexOf(from.pattern)
      if (index < 0) {
        this.env.failures.push({ at: from.at, message: `Unknown column [${from.pattern}]` })
        continue
      }
      const renamed = this.columns.map((c, i) => (i === index ? { ...c, name: to } : c))
      const keep = renamed.map((_, i) => i).filter((i) => i === index || renamed[i]!.name !== to)
      this.columns = renamed
      this.project(keep)
    }
  }

  private sort(command: Extract<EsqlCommand, { kind: 'sort' }>): void {
    const keys = command.order.map((item) => ({
      item,
      compiled: new ExpressionCompiler(this.columns, this.env).compile(item.expression),
    }))
    // Verifier.checkForSortableDataTypes: geometries have no order.
    for (const { item, compiled } of keys) {
      if (SPATIAL_TYPES.has(compiled.type)) {
        this.env.failures.push({ at: item.expression.at, message: `cannot sort on ${compiled.type}` })
      }
    }
    this.steps.push((rows) => {
      const keyed = rows.map((row) => ({
        row,
        keys: keys.map(({ item, compiled }) => {
          const values = [...valuesOf(compiled.evaluate(row))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          return values.length === 0 ? null : item.ascending ? values[0]! : values[values.length - 1]!
        }),
      }))
      keyed.sort((a, b) => {
        for (let k = 0; k < keys.length; k++) {
          const { item } = keys[k]!
          const x = a.keys[k]!
          const y = b.keys[k]!
          if (x === null || y === null) {
            if (x === y) continue
            const nullsFirst = item.nullsFirst ?? !item.ascending
            return (x === null) === nullsFirst ? -1 : 1
          }
          const c = x < y ? -1 : x > y ? 1 : 0
          if (c !== 0) return item.ascending ? c : -c
        }
        return 0
      })
      return keyed.map(({ row }) => row)
    })
  }

  private stats(aggregates: readonly NamedExpression[], groupings: readonly NamedExpression[]): void {
    const input = this.columns
    const keys = groupings.map((g) => {
      const compiled = new ExpressionCompiler(input, this.env).compile(g.expression)
      const name = g.expression.kind === 'column' && g.name === g.expression.text ? g.expression.name : g.name
      return { name, compiled }
    })
    const scope = new AggregateScope(
      input,
      keys.map(({ name, compiled }) => ({ name, type: compiled.type })),
    )
    const outputs = aggregates.map((a) => ({
      name: a.name,
      compiled: new ExpressionCompiler(input, this.env, scope).compile(a.expression),
    }))
    this.columns = [...outputs.map(({ name, compiled }) => ({ name, type: compiled.type })), ...scope.groups]
    this.steps.push((rows) => {
      const groups = new Map<string, { key: EsqlValue[]; rows: Row[] }>()
      if (keys.length === 0) groups.set('', { key: [], rows })
      else {
        for (const row of rows) {
          let combos: EsqlValue[][] = [[]]
          for (const { compiled } of keys) {
            const values = valuesOf(compiled.evaluate(row))
            const options: EsqlValue[] = values.length === 0 ? [null] : [...new Set<EsqlScalar>(values)]
            combos = combos.flatMap((combo) => options.map((v) => [...combo, v]))
          }
          for (const key of combos) {
            const id = JSON.stringify(key)
            const group = groups.get(id) ?? { key, rows: [] }
            group.rows.push(row)
            groups.set(id, group)
          }
        }
      }
      return [...groups.values()].map(({ key, rows: members }) => {
        const groupRow = [
          ...key,
          ...scope.slots.map((slot) =>
            slot.fn.apply(
              slotValues(slot, members),
              members.length,
              slot.argument?.type ?? 'null',
              slot.constants,
              slot.docValues,
            ),
          ),
        ]
        return [...outputs.map(({ compiled }) => compiled.evaluate(groupRow)), ...key]
      })
    })
  }

  private parse(command: Extract<EsqlCommand, { kind: 'dissect' } | { kind: 'grok' }>): void {
    const input = new ExpressionCompiler(this.columns, this.env).compile(command.input)
    const kind = command.kind === 'dissect' ? 'Dissect' : 'Grok'
    if (!STRING_TYPES.has(input.type) && input.type !== 'null') {
      this.env.failures.push({
        at: command.input.at,
        message: `${kind} only supports KEYWORD or TEXT values, found expression [${command.input.text}] type [${typeName(input.type)}]`,
      })
      return
    }
    let added: EsqlColumn[]
    let extract: (text: string) => EsqlValue[]
    try {
      if (command.kind === 'dissect') {
        const parser = new DissectParser(command.pattern, command.separator)
        const names = parser.keyNames()
        added = names.map((name) => ({ name, type: 'keyword' }))
        extract = (text) => {
          const result = parser.parse(text)
          return names.map((n) => result?.get(n) ?? null)
        }
      } else {
        const grok = new Grok(builtinPatterns('disabled'), command.pattern)
        const fields = grok.fields()
        added = fields.map(({ name, type }) => ({ name, type: GROK_TYPES[type] }))
        extract = (text) => {
          let result: Map<string, XContentValue> | null = null
          try {
            result = grok.captures(text)
          } catch {
            result = null
          }
          return fields.map(({ name }) => grokCell(result?.get(name)))
        }
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw sqlParsingException(
        command.at,
        `Invalid pattern for ${command.kind}: [${command.pattern}]: ${reason}`,
      )
    }
    const { columns, step } = extend(this.columns, added, (row) => {
      const v = input.evaluate(row)
      return typeof v === 'string' ? extract(v) : added.map(() => null)
    })
    this.columns = columns
    this.steps.push(step)
  }

  private mvExpand(column: NamePattern): void {
    const index = this.columns.map((c) => c.name).lastIndexOf(column.pattern)
    if (index < 0) {
      this.env.failures.push({ at: column.at, message: `Unknown column [${column.pattern}]` })
      return
    }
    const { name, type } = this.columns[index]!
    this.columns = this.columns.map((c, i) => (i === index ? { name, type } : c))
    this.steps.push((rows) =>
      rows.flatMap((row) => {
        const values = valuesOf(row[index] ?? null)
        if (values.length <= 1) return [row]
        return values.map((v) => row.map((cell, i) => (i === index ? v : cell)))
      }),
    )
  }
}

function grokCell(value: XContentValue | undefined): EsqlValue {
  if (value === undefined || value === null) return null
  const one = (v: XContentValue): EsqlScalar | null =>
    v instanceof XNumber ? v.value : typeof v === 'string' || typeof v === 'boolean' ? v : null
  if (Array.isArray(value)) {
    const values = value.map(one).filter((v): v is EsqlScalar => v !== null)
    return values.length === 0 ? null : values.length === 1 ? values[0]! : values
  }
  return one(value)
}
