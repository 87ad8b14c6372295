/**
 * ZonedDateTime.toString of an instant in UTC, as ES prints a date for people (an ILM policy's `modified_date`,
 * an index's `index.creation_date_string`): `2026-01-01T00:00Z`, the seconds only when they or the millis are
 * not zero, the millis (three digits) only when not zero, and `Z` for the UTC offset.
 */
export function utcZonedDateTimeString(millis: number): string {
  const iso = new Date(millis).toISOString()
  const [date, time] = iso.slice(0, -1).split('T') as [string, string]
  const [hm, seconds] = [time.slice(0, 5), time.slice(6)]
  const [whole, fraction] = seconds.split('.') as [string, string]
  if (fraction !== '000') return `${date}T${hm}:${whole}.${fraction}Z`
  return whole !== '00' ? `${date}T${hm}:${whole}Z` : `${date}T${hm}Z`
}
