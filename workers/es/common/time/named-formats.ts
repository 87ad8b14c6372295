/**
 * The built-in date formats of Elasticsearch 8 (DateFormatters, FormatNames) that the playground supports,
 * each as a printer and the list of parsers ES gives it. The count of parsers matters: with more than one,
 * a failure reports `Failed to parse with all enclosed parsers`. ES 8 backs strict_date_optional_time(_nanos)
 * with its Iso8601DateTimeParser followed by the java.time parser; both accept the grammar below, so the
 * same grammar stands for both. Names match in snake_case or camelCase, as FormatNames.matches does.
 *
 * Grammars (java.time builder terms): year 4 EXCEEDS_PAD, `-MM`, `-dd` optional for the strict ISO parser;
 * the lenient DATE_FORMATTER takes 1–9 digit years and 1–2 digit months and days; times `THH:mm:ss` with
 * optional parts, a `.` or `,` fraction of 1–9 digits, then a zone id or offset (`Z`, `+01:00`, `+0100`,
 * `+01`, `Europe/Paris`). basic_date has a fixed UTC zone (DateTimeFormatter.withZone(UTC)).
 */

import { EPOCH_MILLIS, EPOCH_SECOND, type EpochUnit } from './epoch-time.ts'
import { ElementParser, EpochParser, type DateTimeParser } from './date-time-parser.ts'
import {
  fixed,
  fraction,
  literal,
  offset,
  optional,
  sequence,
  value,
  ZONE_OR_OFFSET_ID,
  type FormatElement,
} from './format-elements.ts'
import { compileJavaPattern } from './java-pattern.ts'
import { ZoneId } from './zone-id.ts'

export type Printer = { kind: 'elements'; elements: FormatElement[] } | { kind: 'epoch'; unit: EpochUnit }

export interface NamedFormat {
  /** The format's name in error messages: the snake_case name, or the pattern itself. */
  name: string
  printer: Printer
  parsers: DateTimeParser[]
}

const T = literal('T')
const COLON = literal(':')
const DASH = literal('-')

const STRICT_YMD_PRINTER = [
  value('year', 4, 9, 'EXCEEDS_PAD'),
  optional(DASH, fixed('month', 2), optional(DASH, fixed('day', 2))),
]
const STRICT_YMD = [
  value('year', 4, 4, 'EXCEEDS_PAD'),
  optional(DASH, fixed('month', 2), optional(DASH, fixed('day', 2))),
]
const ISO_LOCAL_DATE = [value('year', 4, 10, 'EXCEEDS_PAD'), DASH, fixed('month', 2), DASH, fixed('day', 2)]
const LENIENT_DATE = [
  value('year', 1, 9, 'NORMAL'),
  optional(DASH, value('month', 1, 2, 'NOT_NEGATIVE'), optional(DASH, value('day', 1, 2, 'NOT_NEGATIVE'))),
]
const ZONE = [optional(ZONE_OR_OFFSET_ID), optional(offset('+HHmm', 'Z'))]
const FRACTIONS = [optional(fraction(1, 9, true)), optional(literal(','), fraction(1, 9, false))]
const HMS = [fixed('hour', 2), COLON, fixed('minute', 2), COLON, fixed('second', 2)]
const LENIENT_HM = [value('hour', 1, 2, 'NOT_NEGATIVE'), COLON, value('minute', 1, 2, 'NOT_NEGATIVE')]

function isoPrinter(minFraction: number, maxFraction: number): FormatElement[] {
  return sequence([
    ...STRICT_YMD_PRINTER,
    T,
    optional(
      fixed('hour', 2),
      optional(
        COLON,
        fixed('minute', 2),
        optional(COLON, fixed('second', 2), optional(fraction(minFraction, maxFraction, true))),
        optional(offset('+HH:MM', 'Z')),
      ),
    ),
  ])
}

const STRICT_DATE_OPTIONAL_TIME = sequence([
  ...STRICT_YMD,
  optional(
    T,
    optional(
      fixed('hour', 2),
      optional(COLON, fixed('minute', 2), optional(COLON, fixed('second', 2), ...FRACTIONS)),
      ...ZONE,
    ),
  ),
])
const STRICT_DATE_OPTIONAL_TIME_NANOS = sequence([...STRICT_YMD, optional(T, ...HMS, ...FRACTIONS, ...ZONE)])
const DATE_OPTIONAL_TIME = sequence([
  ...LENIENT_DATE,
  optional(
    T,
    optional(
      value('hour', 1, 2, 'NOT_NEGATIVE'),
      optional(
        COLON,
        value('minute', 1, 2, 'NOT_NEGATIVE'),
        optional(COLON, value('second', 1, 2, 'NOT_NEGATIVE')),
        ...FRACTIONS,
        ...ZONE,
      ),
    ),
  ),
])
const DATE_TIME_PREFIX = [
  ...LENIENT_DATE,
  T,
  ...LENIENT_HM,
  optional(COLON, value('second', 1, 2, 'NOT_NEGATIVE'), fraction(1, 9, true)),
]

function elements(list: FormatElement[]): Printer {
  return { kind: 'elements', elements: sequence(list) }
}

function parsers(...lists: FormatElement[][]): DateTimeParser[] {
  return lists.map((l) => new ElementParser(sequence(l)))
}

function pattern(javaPattern: string): NamedFormat {
  const compiled = compileJavaPattern(javaPattern)
  return {
    name: javaPattern,
    printer: { kind: 'elements', elements: compiled },
    parsers: [new ElementParser(compiled)],
  }
}

const ISO_PRINTER = isoPrinter(3, 3)

/**
 * strict_date_time(_no_millis): `uuuu-MM-dd'T'HH:mm:ss`, with millis an optional 1–9 digit fraction when parsing
 * and a 3–9 digit one when printing, then a zone id or offset, or an offset without colon (STRICT_DATE_FORMATTER,
 * STRICT_DATE_TIME_NO_MILLIS_FORMATTER).
 */
function strictDateTime(millis: boolean): Omit<NamedFormat, 'name'> {
  const base = [...STRICT_YMD, T, ...HMS]
  const parsed = millis ? [...base, optional(fraction(1, 9, true))] : base
  return {
    printer: elements([...base, ...(millis ? [fraction(3, 9, true)] : []), offset('+HH:MM', 'Z')]),
    parsers: parsers([...parsed, ZONE_OR_OFFSET_ID], [...parsed, offset('+HHmm', 'Z')]),
  }
}

const FORMATS: Record<string, () => Omit<NamedFormat, 'name'>> = {
  strict_date_optional_time: () => ({
    printer: { kind: 'elements', elements: ISO_PRINTER },
    parsers: parsers(STRICT_DATE_OPTIONAL_TIME, STRICT_DATE_OPTIONAL_TIME),
  }),
  strict_date_optional_time_nanos: () => ({
    printer: { kind: 'elements', elements: isoPrinter(3, 9) },
    parsers: parsers(STRICT_DATE_OPTIONAL_TIME_NANOS, STRICT_DATE_OPTIONAL_TIME_NANOS),
  }),
  date_optional_time: () => ({
    printer: { kind: 'elements', elements: ISO_PRINTER },
    parsers: parsers(DATE_OPTIONAL_TIME),
  }),
  epoch_millis: () => ({
    printer: { kind: 'epoch', unit: EPOCH_MILLIS },
    parsers: [new EpochParser(EPOCH_MILLIS), new EpochParser(EPOCH_MILLIS), new EpochParser(EPOCH_MILLIS)],
  }),
  epoch_second: () => ({
    printer: { kind: 'epoch', unit: EPOCH_SECOND },
    parsers: [new EpochParser(EPOCH_SECOND), new EpochParser(EPOCH_SECOND), new EpochParser(EPOCH_SECOND)],
  }),
  basic_date: () => ({
    printer: elements([value('year', 4, 10, 'NORMAL'), fixed('month', 2), fixed('day', 2)]),
    parsers: [
      new ElementParser(
        sequence([
          value('year', 1, 4, 'NORMAL'),
          value('month', 1, 2, 'NOT_NEGATIVE'),
          value('day', 1, 2, 'NOT_NEGATIVE'),
        ]),
        { zone: ZoneId.UTC },
      ),
    ],
  }),
  date: () => ({ printer: elements(ISO_LOCAL_DATE), parsers: parsers(LENIENT_DATE) }),
  strict_date: () => ({
    printer: elements(ISO_LOCAL_DATE),
    parsers: [new ElementParser(sequence(ISO_LOCAL_DATE), { lenientDate: true })],
  }),
  date_time: () => ({
    printer: { kind: 'elements', elements: ISO_PRINTER },
    parsers: parsers(
      [...DATE_TIME_PREFIX, offset('+HH:MM', 'Z')],
      [...DATE_TIME_PREFIX, offset('+HHmm', 'Z')],
    ),
  }),
  strict_date_time: () => strictDateTime(true),
  strict_date_time_no_millis: () => strictDateTime(false),
  date_hour_minute_second: () => ({
    printer: pattern("uuuu-MM-dd'T'HH:mm:ss").printer,
    parsers: parsers([...LENIENT_DATE, T, ...LENIENT_HM, COLON, value('second', 1, 2, 'NOT_NEGATIVE')]),
  }),
  strict_date_hour_minute_second: () => pattern("uuuu-MM-dd'T'HH:mm:ss"),
  year_month_day: () => ({
    printer: elements(STRICT_YMD),
    parsers: parsers([value('year'), DASH, value('month'), DASH, value('day')]),
  }),
  strict_year_month_day: () => ({ printer: elements(STRICT_YMD), parsers: parsers(STRICT_YMD) }),
  year_month: () => ({
    printer: elements([value('year', 4, 10, 'EXCEEDS_PAD'), DASH, fixed('month', 2)]),
    parsers: parsers([value('year'), DASH, value('month')]),
  }),
  strict_year_month: () => {
    const list = [value('year', 4, 4, 'EXCEEDS_PAD'), DASH, fixed('month', 2)]
    return { printer: elements(list), parsers: parsers(list) }
  },
  year: () => ({ printer: elements([value('year')]), parsers: parsers([value('year')]) }),
  strict_year: () => {
    const list = [value('year', 4, 4, 'EXCEEDS_PAD')]
    return { printer: elements(list), parsers: parsers(list) }
  },
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
}

const BY_NAME = new Map<string, string>()
for (const name of Object.keys(FORMATS)) {
  BY_NAME.set(name, name)
  if (!name.startsWith('epoch_')) BY_NAME.set(camelCase(name), name)
}

/** The built-in format of this name (snake_case or camelCase), or null for a custom Java pattern. */
export function namedFormat(input: string): NamedFormat | null {
  const name = BY_NAME.get(input)
  const build = name === undefined ? undefined : FORMATS[name]
  return name === undefined || build === undefined ? null : { ...build(), name }
}

/** A custom java.time pattern; throws the java.time pattern error message as an Error. */
export function patternFormat(javaPattern: string): NamedFormat {
  return pattern(javaPattern)
}
