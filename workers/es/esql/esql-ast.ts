/**
 * The ES|QL syntax tree (EsqlBaseParser.g4's rules as the AST builder reads them): a query is one source
 * command (FROM, ROW, SHOW INFO) and the processing commands after it, in order (ENRICH's policy name apart from
 * its `_any:` / `_coordinator:` / `_remote:` qualifier, its mode). Every node keeps where it
 * starts (for `line L:C:` messages) and an expression keeps the text it was written as, which names an
 * unaliased column (`EVAL a + 1` adds a column named `a + 1`).
 */
import type { SourcePosition } from '../sql/sql-exceptions.ts'
import type { EsqlValue } from './esql-values.ts'

export type EsqlExpression =
  | { kind: 'literal'; value: EsqlValue; type: string; at: SourcePosition; text: string }
  | { kind: 'column'; name: string; at: SourcePosition; text: string }
  /** `name` as written (the registry looks it up lower-cased; an unknown one is named as written). */
  | { kind: 'call'; name: string; args: EsqlExpression[]; star: boolean; at: SourcePosition; text: string }
  | {
      kind: 'binary'
      op: string
      left: EsqlExpression
      right: EsqlExpression
      at: SourcePosition
      text: string
    }
  | { kind: 'not'; operand: EsqlExpression; at: SourcePosition; text: string }
  | { kind: 'neg'; operand: EsqlExpression; at: SourcePosition; text: string }
  | { kind: 'isNull'; operand: EsqlExpression; negated: boolean; at: SourcePosition; text: string }
  | {
      kind: 'in'
      operand: EsqlExpression
      list: EsqlExpression[]
      negated: boolean
      at: SourcePosition
      text: string
    }
  | {
      kind: 'like'
      operand: EsqlExpression
      pattern: string
      regex: boolean
      negated: boolean
      at: SourcePosition
      text: string
    }

/** `name = expression`, or an expression named after its text. */
export interface NamedExpression {
  readonly name: string
  readonly expression: EsqlExpression
  readonly at: SourcePosition
}

export interface OrderItem {
  readonly expression: EsqlExpression
  readonly ascending: boolean
  /** NULLS FIRST / LAST as written; null for the default (last ascending, first descending). */
  readonly nullsFirst: boolean | null
}

/** A column name pattern of KEEP / DROP (`*` matches any run of characters). */
export interface NamePattern {
  readonly pattern: string
  readonly at: SourcePosition
}

/** An ENRICH `WITH` item: `name = field`, or the field under its own name. */
/** Enrich.Mode: where an ENRICH's lookup runs in a cross-cluster query. */
export type EnrichMode = 'any' | 'coordinator' | 'remote'

export interface EnrichField {
  readonly name: string
  readonly field: NamePattern
}

export type EsqlCommand =
  | { kind: 'from'; indices: string; metadata: string[]; at: SourcePosition; metadataAt: SourcePosition[] }
  | { kind: 'row'; fields: NamedExpression[]; at: SourcePosition }
  | { kind: 'showInfo'; at: SourcePosition }
  | { kind: 'where'; condition: EsqlExpression; at: SourcePosition }
  | { kind: 'eval'; fields: NamedExpression[]; at: SourcePosition }
  | { kind: 'stats'; aggregates: NamedExpression[]; groupings: NamedExpression[]; at: SourcePosition }
  | { kind: 'sort'; order: OrderItem[]; at: SourcePosition }
  | { kind: 'limit'; limit: number; at: SourcePosition }
  | { kind: 'keep'; patterns: NamePattern[]; at: SourcePosition }
  | { kind: 'drop'; patterns: NamePattern[]; at: SourcePosition }
  | { kind: 'rename'; renames: { from: NamePattern; to: string }[]; at: SourcePosition }
  | { kind: 'dissect'; input: EsqlExpression; pattern: string; separator: string; at: SourcePosition }
  | { kind: 'grok'; input: EsqlExpression; pattern: string; at: SourcePosition }
  | { kind: 'mvExpand'; column: NamePattern; at: SourcePosition }
  | {
      kind: 'enrich'
      policy: string
      policyAt: SourcePosition
      /** Where the lookup runs (the policy name's `_any:` / `_coordinator:` / `_remote:` qualifier). */
      mode: EnrichMode
      /** The ON field, or null for the policy's match field. */
      matchField: NamePattern | null
      /** The WITH items, or [] for the policy's enrich fields. */
      fields: EnrichField[]
      at: SourcePosition
      /** The command's text as typed (its lookup's warnings name it). */
      text: string
    }
