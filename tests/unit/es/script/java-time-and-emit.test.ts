// The java.time values Painless scripts use on dates (a date doc value is a ZonedDateTime at UTC; DayOfWeek with
// TextStyle and Locale; Instant, ZoneId and ZonedDateTime.ofInstant) and the runtime field context's `emit`,
// a function only that context binds.
import { describe, expect, it } from 'vitest'
import { PainlessScript } from '../../../../workers/es/script/painless-script.ts'
import { javaString, type Value } from '../../../../workers/es/script/painless-values.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { Instant } from '../../../../workers/es/script/java-time.ts'

/** 2018-01-23T17:41:34Z, a Tuesday. */
const TUESDAY = 1516729294000

function run(source: string): string {
  const params = new Map<string, Value>([['instant', new Instant(TUESDAY)]])
  return javaString(PainlessScript.compile(source, ['params']).run(new Map([['params', params]])))
}

function compileError(source: string, functions: readonly string[] = []): unknown {
  try {
    PainlessScript.compile(source, ['params'], functions)
  } catch (error) {
    if (error instanceof EsException) return error.causedBy?.reason
    throw error
  }
  throw new Error('compiled')
}

describe('java.time in Painless', () => {
  it.each([
    [
      "ZonedDateTime.ofInstant(params.instant, ZoneId.of('UTC')).dayOfWeekEnum.getDisplayName(TextStyle.FULL, Locale.ROOT)",
      'Tuesday',
    ],
    [
      "ZonedDateTime.ofInstant(params.instant, ZoneId.of('Z')).getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)",
      'Tue',
    ],
    [
      "ZonedDateTime.ofInstant(params.instant, ZoneId.of('UTC')).dayOfWeek.getDisplayName(TextStyle.NARROW, Locale.ROOT)",
      'T',
    ],
    ["ZonedDateTime.ofInstant(params.instant, ZoneId.of('UTC')).dayOfWeekEnum.getValue()", '2'],
    ["ZonedDateTime.ofInstant(params.instant, ZoneId.of('UTC')).dayOfWeekEnum", 'TUESDAY'],
    [
      "ZonedDateTime.ofInstant(params.instant, ZoneId.of('UTC')).year + '-' + ZonedDateTime.ofInstant(params.instant, ZoneId.of('UTC')).hour",
      '2018-17',
    ],
    ['params.instant', '2018-01-23T17:41:34Z'],
    ['Instant.ofEpochMilli(1516729294000L).toEpochMilli()', '1516729294000'],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected)
  })
})

describe('emit', () => {
  it('is a function only where the context binds it', () => {
    expect(compileError('emit(1)')).toBe('Unknown call [emit] with [1] arguments.')
    expect(() => PainlessScript.compile('emit(1); emit(2)', ['params'], ['emit/1'])).not.toThrow()
    expect(compileError('emit(1, 2)', ['emit/1'])).toBe('Unknown call [emit] with [2] arguments.')
    // A bound function is not a variable.
    expect(compileError('def e = emit; e', ['emit/1'])).toBe('cannot resolve symbol [emit]')
  })
})
