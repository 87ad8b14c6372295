/**
 * DateTimeParser: one java.time parser inside an Elasticsearch JavaDateFormatter. `parse` returns the resolved
 * temporal or the DateTimeParseException message java.time would give:
 *   `Text 'x' could not be parsed at index N`, `Text 'x' could not be parsed, unparsed text found at index N`,
 *   `Text 'x' could not be parsed: <resolver message>` (text longer than 64 characters is cut to 64 + `...`).
 * With `roundUp` the parser applies JavaDateFormatter.DEFAULT_ROUND_UP's parseDefaulting for fields the text did
 * not give: month and day 1 (day-of-year 1 when the parser reads one), hour 23 (clock hour 11 PM when the
 * parser reads a clock hour), minute 59, second 59, nano 999,999,999.
 * A parser may carry a fixed zone (DateTimeFormatter.withZone), used when the text has no zone of its own.
 */

import { newParsed, parseElements, resetParsed } from './element-parser.ts'
import { parseEpoch, type EpochUnit } from './epoch-time.ts'
import type { FormatElement, TemporalField } from './format-elements.ts'
import { resolveParsed, type ResolveOutcome } from './temporal-resolver.ts'
import type { ZoneId } from './zone-id.ts'

export interface DateTimeParser {
  parse(text: string, roundUp: boolean): ResolveOutcome
}

export interface ElementParserOptions {
  lenientDate?: boolean
  zone?: ZoneId
}

export class ElementParser implements DateTimeParser {
  private readonly roundUpDefaults: Map<TemporalField, number>
  /** The parse's scratch: a parse is synchronous and keeps nothing of it once it returns. */
  private readonly parsed = newParsed()

  constructor(
    private readonly elements: FormatElement[],
    private readonly options: ElementParserOptions = {},
  ) {
    this.roundUpDefaults = roundUpDefaults(fieldsOf(elements))
  }

  parse(text: string, roundUp: boolean): ResolveOutcome {
    const parsed = this.parsed
    resetParsed(parsed)
    const end = parseElements(this.elements, text, 0, parsed)
    if (end < 0) return { error: `Text '${abbreviate(text)}' could not be parsed at index ${~end}` }
    if (end < text.length) {
      return { error: `Text '${abbreviate(text)}' could not be parsed, unparsed text found at index ${end}` }
    }
    if (roundUp) {
      for (const [field, v] of this.roundUpDefaults)
        if (!parsed.fields.has(field)) parsed.fields.set(field, v)
    }
    if (parsed.zone === null && parsed.offset === null && this.options.zone !== undefined) {
      parsed.zone = this.options.zone
    }
    const outcome = resolveParsed(parsed, this.options.lenientDate ?? false)
    return 'error' in outcome
      ? { error: `Text '${abbreviate(text)}' could not be parsed: ${outcome.error}` }
      : outcome
  }
}

export class EpochParser implements DateTimeParser {
  constructor(private readonly unit: EpochUnit) {}

  parse(text: string, roundUp: boolean): ResolveOutcome {
    return (
      parseEpoch(this.unit, text, roundUp) ?? {
        error: `Text '${abbreviate(text)}' could not be parsed at index 0`,
      }
    )
  }
}

function abbreviate(text: string): string {
  return text.length > 64 ? text.slice(0, 64) + '...' : text
}

function fieldsOf(elements: FormatElement[]): Set<TemporalField> {
  const out = new Set<TemporalField>()
  for (const e of elements) {
    if (e.kind === 'value' || e.kind === 'reducedYear' || e.kind === 'text') out.add(e.field)
    if (e.kind === 'optional') fieldsOf(e.elements).forEach((f) => out.add(f))
  }
  return out
}

function roundUpDefaults(fields: Set<TemporalField>): Map<TemporalField, number> {
  const defaults = new Map<TemporalField, number>()
  if (fields.has('dayOfYear')) {
    defaults.set('dayOfYear', 1)
  } else {
    defaults.set('month', 1)
    defaults.set('day', 1)
  }
  if (fields.has('clockHourOfAmPm') || fields.has('hourOfAmPm')) {
    defaults.set(fields.has('clockHourOfAmPm') ? 'clockHourOfAmPm' : 'hourOfAmPm', 11)
    defaults.set('ampm', 1)
  } else {
    defaults.set('hour', 23)
  }
  defaults.set('minute', 59)
  defaults.set('second', 59)
  defaults.set('nano', 999_999_999)
  return defaults
}
