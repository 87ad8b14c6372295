/**
 * TimeValue.toString (ES 8, toHumanReadableString(1)) for whole milliseconds: the largest unit the value reaches
 * (d, h, m, s, ms), with at most one fraction digit, cut rather than rounded and left out when it is 0
 * (Strings.format1Decimals): 86400000 → `1d`, 5400000 → `1.5h`, 120000 → `2m`.
 */
const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
]

export function formatTimeValue(millis: number): string {
  const [suffix, size] = UNITS.find(([, unit]) => millis >= unit) ?? ['ms', 1]
  const tenths = Math.floor(((millis % size) * 10) / size)
  const whole = Math.floor(millis / size)
  return tenths === 0 ? `${whole}${suffix}` : `${whole}.${tenths}${suffix}`
}
