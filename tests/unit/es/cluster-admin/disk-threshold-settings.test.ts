// The disk-based allocation settings (DiskThresholdSettings, ES 8) through applyClusterSettingsUpdate: accepted and
// kept (the playground models no disk usage), each value parsed as RelativeByteSizeValue / ByteSizeValue / time, and
// the WatermarkValidator and MaxHeadroomValidator run on each scope and on both together, with ES's messages; and
// Settings.getAsStructuredMap keeping `low` and `low.max_headroom` side by side when printed nested.
import { describe, expect, it } from 'vitest'
import {
  applyClusterSettingsUpdate,
  scopedSettings,
  type ScopedSettingsUpdate,
} from '../../../../workers/es/cluster/metadata/cluster-settings.ts'
import { emptyClusterState, type ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { structured } from '../../../../workers/es/index/index-metadata.ts'

const KEY = 'cluster.routing.allocation.disk.'
const LOW = `${KEY}watermark.low`
const HIGH = `${KEY}watermark.high`
const FLOOD = `${KEY}watermark.flood_stage`

function put(
  persistent: ScopedSettingsUpdate,
  transient: ScopedSettingsUpdate = {},
  state = emptyClusterState('c'),
): ClusterState {
  return applyClusterSettingsUpdate(state, { persistent, transient })
}

function refusal(
  persistent: ScopedSettingsUpdate,
  transient: ScopedSettingsUpdate = {},
  state?: ClusterState,
): unknown {
  try {
    put(persistent, transient, state)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const chain: string[] = []
    for (let e: EsException | undefined = error; e; e = e.causedBy) chain.push(`${e.type}: ${e.reason}`)
    return chain
  }
  return 'accepted'
}

describe('disk threshold settings', () => {
  it("accepts the tutorials' settings and keeps them", () => {
    const state = put({}, { [`${KEY}threshold_enabled`]: 'false' })
    expect(scopedSettings(state, 'transient')).toEqual({ [`${KEY}threshold_enabled`]: 'false' })
    const fixed = put({
      [LOW]: '90%',
      [`${LOW}.max_headroom`]: '100GB',
      [HIGH]: '95%',
      [`${HIGH}.max_headroom`]: '20GB',
      [FLOOD]: '97%',
      [`${FLOOD}.max_headroom`]: '5GB',
      [`${FLOOD}.frozen`]: '97%',
      [`${FLOOD}.frozen.max_headroom`]: '5GB',
      'cluster.info.update.interval': '1m',
    })
    expect(Object.keys(scopedSettings(fixed, 'persistent'))).toHaveLength(9)
    expect(refusal({ [LOW]: '0.9', [HIGH]: '0.95', [FLOOD]: '0.97' })).toBe('accepted')
    expect(refusal({ [LOW]: '100gb', [HIGH]: '50gb', [FLOOD]: '10gb' })).toBe('accepted')
  })

  it('orders the watermarks: low <= high <= flood_stage as ratios, low >= high >= flood_stage as free bytes', () => {
    expect(refusal({ [LOW]: '0.96' })).toEqual([
      'illegal_argument_exception: low disk watermark [96%] more than high disk watermark [90%]',
    ])
    expect(refusal({ [HIGH]: '96.5%' })).toEqual([
      'illegal_argument_exception: high disk watermark [96.5%] more than flood stage disk watermark [95%]',
    ])
    expect(refusal({ [LOW]: '10gb', [HIGH]: '20GB', [FLOOD]: '5g' })).toEqual([
      'illegal_argument_exception: low disk watermark [10gb] less than high disk watermark [20gb]',
    ])
    expect(refusal({ [LOW]: '30gb', [HIGH]: '20gb', [FLOOD]: '25gb' })).toEqual([
      'illegal_argument_exception: high disk watermark [20gb] less than flood stage disk watermark [25gb]',
    ])
    expect(refusal({ [LOW]: '100gb' })).toEqual([
      `illegal_argument_exception: unable to consistently parse [${LOW}=100gb], [${HIGH}=90%], and [${FLOOD}=95%] ` +
        'as percentage or bytes',
    ])
  })

  it('checks each scope on its own (defaults for what it lacks) and both together', () => {
    const state = put({ [HIGH]: '93%' })
    // Against the transient scope's own default high (90%).
    expect(refusal({}, { [LOW]: '91%' }, state)).toEqual([
      'illegal_argument_exception: low disk watermark [91%] more than high disk watermark [90%]',
    ])
    // Fine in each scope, not in Metadata.settings(): the persistent high is above the transient flood stage.
    expect(refusal({}, { [FLOOD]: '92%' }, state)).toEqual([
      'illegal_argument_exception: high disk watermark [93%] more than flood stage disk watermark [92%]',
    ])
    expect(refusal({}, { [FLOOD]: '94%' }, state)).toBe('accepted')
  })

  it('refuses a value that is neither a ratio nor a byte size, with the byte size failure as its cause', () => {
    expect(refusal({ [FLOOD]: '101%' })).toEqual([
      `illegal_argument_exception: unable to parse [${FLOOD}=101%] as either percentage or bytes`,
      `parse_exception: unable to parse [${FLOOD}=101%] as either percentage or bytes`,
      `parse_exception: failed to parse setting [${FLOOD}] with value [101%] as a size in bytes: unit is missing or ` +
        'unrecognized',
    ])
  })

  it('checks the max headrooms', () => {
    expect(refusal({ [`${LOW}.max_headroom`]: '-1' })).toEqual([
      'illegal_argument_exception: setting a headroom value to less than 0 is not supported',
    ])
    expect(refusal({ [`${HIGH}.max_headroom`]: '300gb' })).toEqual([
      'illegal_argument_exception: high disk max headroom [300gb] more than low disk max headroom [200gb]',
    ])
    expect(refusal({ [LOW]: '90%', [`${LOW}.max_headroom`]: '100gb' })).toEqual([
      'illegal_argument_exception: high disk max headroom [-1] is not set, while the low disk max headroom is set ' +
        '[100gb]',
    ])
    expect(
      refusal({ [LOW]: '30gb', [HIGH]: '20gb', [FLOOD]: '10gb', [`${FLOOD}.max_headroom`]: '1gb' }),
    ).toEqual([
      'illegal_argument_exception: At least one of the disk max headroom settings is set [low=-1, high=-1, ' +
        'flood=1gb], while the disk watermark values are set to absolute values instead of ratios/percentages, ' +
        'e.g., the low watermark is [30gb]',
    ])
  })

  it('refuses a cluster info interval under 10s and a bad threshold_enabled', () => {
    expect(refusal({ 'cluster.info.update.interval': '5s' })).toEqual([
      'illegal_argument_exception: failed to parse value [5s] for setting [cluster.info.update.interval], must be ' +
        '>= [10s]',
    ])
    expect(refusal({ [`${KEY}threshold_enabled`]: 'no' })).toEqual([
      'illegal_argument_exception: Failed to parse value [no] as only [true] or [false] are allowed.',
    ])
  })
})

describe('Settings.getAsStructuredMap', () => {
  it('keeps a value and the keys below it at one level', () => {
    const nested = structured([
      ['a.low', '90%'],
      ['a.low.max_headroom', '100GB'],
      ['a.flood', '97%'],
      ['a.flood.frozen', '97%'],
      ['a.flood.frozen.max_headroom', '5GB'],
    ])
    const level = nested.get('a') as Map<string, unknown>
    expect(Object.fromEntries(level)).toEqual({
      low: '90%',
      'low.max_headroom': '100GB',
      flood: '97%',
      'flood.frozen': '97%',
      'flood.frozen.max_headroom': '5GB',
    })
  })
})
