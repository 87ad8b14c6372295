/**
 * java.time.Duration.parse: `PnDTnHnMn.nS` (ISO-8601, case-insensitive, a sign allowed before the whole
 * text and before each part, a fraction of up to nine digits on the seconds after `.` or `,`), in
 * milliseconds with fractions below a millisecond dropped. Null where Java throws DateTimeParseException
 * ("Text cannot be parsed to a Duration"): no part, or a `T` with nothing after it.
 */
const DURATION =
  /^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$/i

export function parseJavaDuration(text: string): number | null {
  const match = DURATION.exec(text)
  const [, sign, days, timePart, hours, minutes, seconds, fraction] = match ?? []
  if (match === null || (days === undefined && timePart === undefined) || timePart?.toUpperCase() === 'T')
    return null
  const secondsSign = seconds?.startsWith('-') === true ? -1 : 1
  const total =
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Number(seconds ?? 0) * 1000 +
    secondsSign * Math.trunc(Number(`0.${fraction ?? ''}`) * 1000)
  return sign === '-' ? -total : total
}
