/**
 * DiskThresholdSettings (ES 8) and InternalClusterInfoService's interval: the disk-based allocation settings, their
 * parsers, their cross-setting validators, and the thresholds in force (DiskThresholds) that the disk decider,
 * monitor and health indicator read against the disk model of cluster-info.ts.
 *
 * - `cluster.routing.allocation.disk.threshold_enabled` (boolean, true: registered in cluster-settings.ts),
 *   `...disk.reroute_interval` (a time of at least 0, 60s), `cluster.info.update.interval` (a time of at least
 *   10s, 30s);
 * - the watermarks `...disk.watermark.low` (85%), `.high` (90%), `.flood_stage` (95%) and `.flood_stage.frozen`
 *   (95%): RelativeByteSizeValue, a percentage ("85%"), a ratio ("0.85") or a byte size ("100gb"); a value that
 *   is neither is "unable to parse [key=value] as either percentage or bytes", caused by the byte size's error;
 * - their `.max_headroom` byte sizes: by default 200GB, 150GB, 100GB (and 20GB for the frozen one) while no
 *   watermark of the settings is set, else -1 (no headroom).
 * A threshold in free bytes (getFreeBytesThreshold*Stage): a byte-size watermark is itself the free bytes required;
 * a ratio leaves total - ceil(total * percent / 100) free, or the max headroom when that is smaller (and set).
 * WatermarkValidator: low, high and flood stage are all ratios (low <= high <= flood_stage) or all byte sizes of
 * free space (low >= high >= flood_stage). MaxHeadroomValidator: no headroom set to -1; none with byte-size
 * watermarks; low set needs high set, high set needs flood set; flood <= high <= low. Both check the settings of a
 * whole Settings object (defaults for what it lacks), as Setting.get(settings) with its validator does.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { parseJavaDouble } from '../../../net/java-double.ts'
import { javaDoubleToString } from '../../xcontent/index.ts'
import { parseBytes } from '../../ingest/processors/string-processors.ts'
import { parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import type { ClusterState } from '../state/cluster-state.ts'

const PREFIX = 'cluster.routing.allocation.disk.'
export const DISK_THRESHOLD_ENABLED = `${PREFIX}threshold_enabled`
const LOW = `${PREFIX}watermark.low`
const HIGH = `${PREFIX}watermark.high`
const FLOOD = `${PREFIX}watermark.flood_stage`
const FROZEN_FLOOD = `${PREFIX}watermark.flood_stage.frozen`
const HEADROOM = '.max_headroom'
const REROUTE_INTERVAL = `${PREFIX}reroute_interval`
const INFO_UPDATE_INTERVAL = 'cluster.info.update.interval'

/** RelativeByteSizeValue: a ratio as a percentage, or an absolute byte size; `rep` is getStringRep(). */
type RelativeByteSize = { percent: number; rep: string } | { bytes: bigint; rep: string }

/** ByteSizeValue.parseBytesSizeValue with getStringRep(): the size in its unit ("200gb"), or its bytes when <= 0. */
function parseByteSize(value: string, key: string): { bytes: bigint; rep: string } {
  const bytes = parseBytes(value, key)
  if (bytes <= 0n) return { bytes, rep: String(bytes) }
  const lower = value.toLowerCase().trim()
  const match = /^(\d+)\s*([kmgtp]?)b?$/.exec(lower)
  return { bytes, rep: match ? `${match[1]}${match[2]}b` : `${bytes}b` }
}

/** RatioValue.parseRatioValue: a percentage in [0, 100] or a ratio in [0, 1], as a percentage; null otherwise. */
function parseRatio(value: string): number | null {
  const percent = value.endsWith('%')
  const n = parseJavaDouble(percent ? value.slice(0, -1) : value)
  if (n === null || n < 0 || n > (percent ? 100 : 1)) return null
  return percent ? Math.abs(n) : 100 * Math.abs(n)
}

/** RatioValue.formatNoTrailingZerosPercent. */
function percentRep(percent: number): string {
  return `${javaDoubleToString(percent).replace(/\.?0+$/, '')}%`
}

/** RelativeByteSizeValue.parseRelativeByteSizeValue, as Setting.get reports its failure. */
function parseRelativeByteSize(value: string, key: string): RelativeByteSize {
  if (!value.endsWith('b')) {
    const percent = parseRatio(value)
    if (percent !== null) {
      return percent !== 0 || value.endsWith('%')
        ? { percent, rep: percentRep(percent) }
        : { bytes: 0n, rep: '0' }
    }
  }
  try {
    return parseByteSize(value, key)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const reason = `unable to parse [${key}=${value}] as either percentage or bytes`
    const parse = new EsException({ type: 'parse_exception', reason, status: 400, causedBy: error })
    throw illegalArgumentException(reason, parse)
  }
}

function parseTimeAtLeast(value: string, key: string, minMillis: number, minText: string): void {
  if (timeValueMillis(parseTimeValue(value, key)) < minMillis) {
    throw illegalArgumentException(
      `failed to parse value [${value}] for setting [${key}], must be >= [${minText}]`,
    )
  }
}

interface DiskSetting {
  readonly defaultValue: string
  readonly validate: (value: string, key: string) => void
}

const relative: DiskSetting['validate'] = (value, key) => void parseRelativeByteSize(value, key)
const byteSize: DiskSetting['validate'] = (value, key) => void parseByteSize(value, key)

/**
 * The settings but `threshold_enabled` (a plain boolean setting, cluster-settings.ts), with the defaults
 * GET _cluster/settings?include_defaults prints (Setting.getDefaultRaw).
 */
export const DISK_THRESHOLD_SETTINGS: Readonly<Record<string, DiskSetting>> = {
  [LOW]: { defaultValue: '85%', validate: relative },
  [HIGH]: { defaultValue: '90%', validate: relative },
  [FLOOD]: { defaultValue: '95%', validate: relative },
  [FROZEN_FLOOD]: { defaultValue: '95%', validate: relative },
  [LOW + HEADROOM]: { defaultValue: '200GB', validate: byteSize },
  [HIGH + HEADROOM]: { defaultValue: '150GB', validate: byteSize },
  [FLOOD + HEADROOM]: { defaultValue: '100GB', validate: byteSize },
  [FROZEN_FLOOD + HEADROOM]: { defaultValue: '20GB', validate: byteSize },
  [REROUTE_INTERVAL]: {
    defaultValue: '60s',
    validate: (value, key) => parseTimeAtLeast(value, key, 0, '0ms'),
  },
  [INFO_UPDATE_INTERVAL]: {
    defaultValue: '30s',
    validate: (value, key) => parseTimeAtLeast(value, key, 10_000, '10s'),
  },
}

/**
 * WatermarkValidator and MaxHeadroomValidator over one Settings object (flat keys to text, values already
 * checked one by one): throws the first failure's IllegalArgumentException.
 */
export function validateDiskThresholds(settings: Readonly<Record<string, string>>): void {
  const low = effectiveWatermark(settings, LOW)
  const high = effectiveWatermark(settings, HIGH)
  const flood = effectiveWatermark(settings, FLOOD)
  checkWatermarks(low, high, flood)
  const anyWatermarkSet = [LOW, HIGH, FLOOD].some((key) => key in settings)
  const lowRoom = effectiveHeadroom(settings, LOW, anyWatermarkSet)
  const highRoom = effectiveHeadroom(settings, HIGH, anyWatermarkSet)
  const floodRoom = effectiveHeadroom(settings, FLOOD, anyWatermarkSet)
  const frozen = effectiveWatermark(settings, FROZEN_FLOOD)
  const frozenRoom = effectiveHeadroom(settings, FROZEN_FLOOD, FROZEN_FLOOD in settings)
  checkHeadrooms(low, lowRoom, highRoom, floodRoom, frozen, frozenRoom)
}

function effectiveWatermark(settings: Readonly<Record<string, string>>, key: string): RelativeByteSize {
  return parseRelativeByteSize(settings[key] ?? DISK_THRESHOLD_SETTINGS[key]!.defaultValue, key)
}

/** A max headroom's value in force: its default only while no watermark it depends on is set, else -1. */
function effectiveHeadroom(
  settings: Readonly<Record<string, string>>,
  watermarkKey: string,
  watermarkSet: boolean,
): { bytes: bigint; rep: string } {
  const key = watermarkKey + HEADROOM
  const value = settings[key]
  if (value === undefined) {
    return watermarkSet
      ? { bytes: -1n, rep: '-1' }
      : parseByteSize(DISK_THRESHOLD_SETTINGS[key]!.defaultValue, key)
  }
  const parsed = parseByteSize(value, key)
  if (parsed.bytes === -1n)
    throw illegalArgumentException('setting a headroom value to less than 0 is not supported')
  return parsed
}

/** The watermark stages the decider and the monitor compare a node's free bytes with. */
export type WatermarkStage = 'low' | 'high' | 'flood_stage'

const STAGE_KEYS: Readonly<Record<WatermarkStage, string>> = { low: LOW, high: HIGH, flood_stage: FLOOD }

/** DiskThresholdSettings: the disk settings in force in one cluster state (already validated when set). */
export class DiskThresholds {
  readonly enabled: boolean
  readonly rerouteIntervalMillis: number
  /** `cluster.info.update.interval`: how often the master refreshes its ClusterInfo. */
  readonly infoUpdateIntervalMillis: number
  private readonly stages: ReadonlyMap<
    WatermarkStage,
    { watermark: RelativeByteSize; headroom: { bytes: bigint; rep: string } }
  >

  constructor(settings: Readonly<Record<string, string>>) {
    this.enabled = (settings[DISK_THRESHOLD_ENABLED] ?? 'true') === 'true'
    this.rerouteIntervalMillis = timeValueMillis(
      parseTimeValue(
        settings[REROUTE_INTERVAL] ?? DISK_THRESHOLD_SETTINGS[REROUTE_INTERVAL]!.defaultValue,
        REROUTE_INTERVAL,
      ),
    )
    this.infoUpdateIntervalMillis = timeValueMillis(
      parseTimeValue(
        settings[INFO_UPDATE_INTERVAL] ?? DISK_THRESHOLD_SETTINGS[INFO_UPDATE_INTERVAL]!.defaultValue,
        INFO_UPDATE_INTERVAL,
      ),
    )
    const anyWatermarkSet = [LOW, HIGH, FLOOD].some((key) => key in settings)
    this.stages = new Map(
      (Object.entries(STAGE_KEYS) as Array<[WatermarkStage, string]>).map(([stage, key]) => [
        stage,
        {
          watermark: effectiveWatermark(settings, key),
          headroom: effectiveHeadroom(settings, key, anyWatermarkSet),
        },
      ]),
    )
  }

  /** getFreeBytesThreshold{Low,High,Flood}Stage(total). */
  freeBytesThreshold(stage: WatermarkStage, totalBytes: number): number {
    const { watermark, headroom } = this.stages.get(stage)!
    if ('bytes' in watermark) return Number(watermark.bytes)
    return totalBytes - calculateValue(watermark.percent, totalBytes, headroom.bytes)
  }

  /** describe{Low,High,FloodStage}Threshold(total, includeSettingKey). */
  describe(stage: WatermarkStage, totalBytes: number, includeSettingKey: boolean): string {
    const { watermark, headroom } = this.stages.get(stage)!
    const key = STAGE_KEYS[stage]
    if (
      'bytes' in watermark ||
      calculateValue(watermark.percent, totalBytes, headroom.bytes) ===
        calculateValue(watermark.percent, totalBytes, -1n)
    ) {
      return includeSettingKey ? `${key}=${watermark.rep}` : watermark.rep
    }
    return includeSettingKey ? `${key}${HEADROOM}=${headroom.rep}` : `max_headroom=${headroom.rep}`
  }
}

/** RelativeByteSizeValue.calculateValue for a ratio: the used bytes it allows, capped by a max headroom (-1: none). */
function calculateValue(percent: number, totalBytes: number, maxHeadroom: bigint): number {
  const ratioBytes = Math.ceil((totalBytes * percent) / 100)
  return maxHeadroom === -1n ? ratioBytes : Math.max(ratioBytes, totalBytes - Number(maxHeadroom))
}

/** The disk thresholds of a cluster state: its transient settings over its persistent ones over the defaults. */
export function diskThresholds(state: ClusterState): DiskThresholds {
  return new DiskThresholds({
    ...state.metadata.persistentSettings,
    ...state.metadata.transientSettings,
  })
}

function checkWatermarks(low: RelativeByteSize, high: RelativeByteSize, flood: RelativeByteSize): void {
  if ('percent' in low && 'percent' in high && 'percent' in flood) {
    if (low.percent > high.percent)
      throw illegalArgumentException(
        `low disk watermark [${low.rep}] more than high disk watermark [${high.rep}]`,
      )
    if (high.percent > flood.percent) {
      throw illegalArgumentException(
        `high disk watermark [${high.rep}] more than flood stage disk watermark [${flood.rep}]`,
      )
    }
  } else if ('bytes' in low && 'bytes' in high && 'bytes' in flood) {
    if (low.bytes < high.bytes)
      throw illegalArgumentException(
        `low disk watermark [${low.rep}] less than high disk watermark [${high.rep}]`,
      )
    if (high.bytes < flood.bytes) {
      throw illegalArgumentException(
        `high disk watermark [${high.rep}] less than flood stage disk watermark [${flood.rep}]`,
      )
    }
  } else {
    throw illegalArgumentException(
      `unable to consistently parse [${LOW}=${low.rep}], [${HIGH}=${high.rep}], and [${FLOOD}=${flood.rep}] as ` +
        'percentage or bytes',
    )
  }
}

function checkHeadrooms(
  low: RelativeByteSize,
  lowRoom: { bytes: bigint; rep: string },
  highRoom: { bytes: bigint; rep: string },
  floodRoom: { bytes: bigint; rep: string },
  frozen: RelativeByteSize,
  frozenRoom: { bytes: bigint; rep: string },
): void {
  const set = (room: { bytes: bigint }): boolean => room.bytes !== -1n
  if ('bytes' in low && (set(lowRoom) || set(highRoom) || set(floodRoom))) {
    throw illegalArgumentException(
      `At least one of the disk max headroom settings is set [low=${lowRoom.rep}, high=${highRoom.rep}, ` +
        `flood=${floodRoom.rep}], while the disk watermark values are set to absolute values instead of ` +
        `ratios/percentages, e.g., the low watermark is [${low.rep}]`,
    )
  }
  if ('bytes' in frozen && set(frozenRoom)) {
    throw illegalArgumentException(
      `The frozen flood stage disk max headroom setting is set [${frozenRoom.rep}], while the frozen flood stage ` +
        `disk watermark setting is set to an absolute value instead of a ratio/percentage [${frozen.rep}]`,
    )
  }
  if (set(lowRoom) && !set(highRoom)) {
    throw illegalArgumentException(
      `high disk max headroom [${highRoom.rep}] is not set, while the low disk max headroom is set [${lowRoom.rep}]`,
    )
  }
  if (set(highRoom) && !set(floodRoom)) {
    throw illegalArgumentException(
      `flood disk max headroom [${floodRoom.rep}] is not set, while the high disk max headroom is set [${highRoom.rep}]`,
    )
  }
  if (highRoom.bytes > lowRoom.bytes && set(lowRoom)) {
    throw illegalArgumentException(
      `high disk max headroom [${highRoom.rep}] more than low disk max headroom [${lowRoom.rep}]`,
    )
  }
  if (floodRoom.bytes > highRoom.bytes && set(highRoom)) {
    throw illegalArgumentException(
      `flood disk max headroom [${floodRoom.rep}] more than high disk max headroom [${highRoom.rep}]`,
    )
  }
}
