/**
 * The Warning headers a query's evaluation raises (Warnings.java): when an expression fails on a row (a
 * single-value function given a multi-value, an overflow, a division by zero, a bad conversion) its result is
 * null and the response carries `Line L:C: evaluation of [text] failed, treating result as null. Only first
 * 20 failures recorded.` once, then `Line L:C: <exception class>: <message>` for each of its first 20
 * failures (identical texts are sent once, as HeaderWarning does).
 */
import type { SourcePosition } from '../sql/sql-exceptions.ts'

const MAX_FAILURES = 20

export class EsqlWarnings {
  private readonly texts: string[] = []
  private readonly counts = new Map<string, number>()

  /** Records that `text` (written at `at`) failed with `exception: message` on one row. */
  add(at: SourcePosition, text: string, exception: string): void {
    const key = `${at.line}:${at.column}:${text}`
    const count = this.counts.get(key) ?? 0
    this.counts.set(key, count + 1)
    const where = `Line ${at.line}:${at.column}:`
    if (count === 0) {
      this.texts.push(
        `${where} evaluation of [${text}] failed, treating result as null. Only first ${MAX_FAILURES} failures recorded.`,
      )
    }
    if (count < MAX_FAILURES) this.texts.push(`${where} ${exception}`)
  }

  /** The header texts in the order raised. */
  all(): string[] {
    return [...new Set(this.texts)]
  }
}

export const MULTI_VALUE_FAILURE =
  'java.lang.IllegalArgumentException: single-value function encountered multi-value'

/** A failure on one row: the result is null and the warning names `exception`. */
export class EvaluationFailure extends Error {
  constructor(readonly exception: string) {
    super(exception)
  }
}
