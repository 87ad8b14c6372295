// The `if` condition subset of Painless against a direct JavaScript evaluation of the same random
// boolean expressions (comparisons of ctx fields with numbers, !, &&, ||, parentheses), and its
// def-typed equality (1 == 1.0) and null handling.
import type { XContentValue } from '../../../../workers/es/xcontent/index.ts'
import { NO_STORED_SCRIPTS } from '../../../../workers/es/cluster/metadata/script-metadata.ts'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileCondition } from '../../../../workers/es/ingest/condition.ts'
import { IngestDocument } from '../../../../workers/es/ingest/ingest-document.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'

type Expr = { text: string; value: (x: number, y: number) => boolean }

const comparison: fc.Arbitrary<Expr> = fc
  .tuple(
    fc.constantFrom('x', 'y'),
    fc.constantFrom('==', '!=', '<', '<=', '>', '>='),
    fc.integer({ min: -3, max: 3 }),
  )
  .map(([field, op, n]) => ({
    text: `ctx.${field} ${op} ${n}`,
    value: (x: number, y: number) => {
      const v = field === 'x' ? x : y
      return op === '=='
        ? v === n
        : op === '!='
          ? v !== n
          : op === '<'
            ? v < n
            : op === '<='
              ? v <= n
              : op === '>'
                ? v > n
                : v >= n
    },
  }))

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    tie('e').map((a) => ({ text: `!(${a.text})`, value: (x: number, y: number) => !a.value(x, y) })),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => ({
      text: `(${a.text}) && (${b.text})`,
      value: (x: number, y: number) => a.value(x, y) && b.value(x, y),
    })),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => ({
      text: `${a.text} || ${b.text}`,
      value: (x: number, y: number) => a.value(x, y) || b.value(x, y),
    })),
  ),
})).e

function doc(source: string): IngestDocument {
  return new IngestDocument(parseJson(source) as XContentObject, new Map(), new Map())
}

describe('if conditions', () => {
  it('agree with a direct evaluation', () => {
    fc.assert(
      fc.property(expr, fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (e, x, y) => {
        expect(compileCondition(e.text).evaluate(doc(`{"x":${x},"y":${y}}`), NO_STORED_SCRIPTS)).toBe(
          e.value(x, y),
        )
      }),
    )
  })

  it('compare numbers by value, strings by equals; params; a non-boolean result is an error', () => {
    const d = doc('{"i":1,"d":1.0,"s":"a","m":{"k":null}}')
    expect(compileCondition('ctx.i == ctx.d').evaluate(d, NO_STORED_SCRIPTS)).toBe(true)
    expect(
      compileCondition("ctx['s'] == 'a' && ctx.m.k == null && ctx.m.containsKey('k')").evaluate(
        d,
        NO_STORED_SCRIPTS,
      ),
    ).toBe(true)
    expect(
      compileCondition(
        new Map<string, XContentValue>([
          ['source', 'ctx.i == params.p'],
          ['params', new Map<string, XContentValue>([['p', 'x']])],
        ]),
      ).evaluate(d, NO_STORED_SCRIPTS),
    ).toBe(false)
    let error: unknown
    try {
      compileCondition('ctx.s').evaluate(d, NO_STORED_SCRIPTS)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EsException)
    expect((error as EsException).causedBy?.reason).toBe('Cannot cast java.lang.String to java.lang.Boolean')
  })

  it('runs statements; a syntax error fails when compiled, a non-boolean result when run', () => {
    const d = doc('{"tags":["a","b"],"n":2}')
    expect(
      compileCondition('int c = 0; for (def t : ctx.tags) { c++ } return c == ctx.n').evaluate(
        d,
        NO_STORED_SCRIPTS,
      ),
    ).toBe(true)
    const thrown = (action: () => unknown): EsException => {
      try {
        action()
      } catch (e) {
        if (e instanceof EsException) return e
      }
      throw new Error('no EsException')
    }
    const compile = thrown(() => compileCondition('ctx.n >'))
    expect([compile.reason, compile.causedBy?.reason]).toEqual(['compile error', 'unexpected end of script.'])
    const run = thrown(() => compileCondition('def x = 1; return x').evaluate(d, NO_STORED_SCRIPTS))
    expect([run.reason, run.causedBy?.reason]).toEqual([
      'runtime error',
      'Cannot cast java.lang.Integer to java.lang.Boolean',
    ])
  })
})
