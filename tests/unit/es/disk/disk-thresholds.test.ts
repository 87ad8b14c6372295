// DiskThresholdSettings' free-bytes thresholds and their descriptions (ES 8.17): a ratio leaves
// total - ceil(total * percent / 100) free unless the max headroom, in force while no watermark is set, asks for less.
import { describe, expect, it } from 'vitest'
import { DiskThresholds } from '../../../../workers/es/cluster/allocation/disk-threshold-settings.ts'

const GIB = 1024 ** 3

describe('disk thresholds', () => {
  it('take a ratio of the total on a small disk, described by the watermark setting', () => {
    const defaults = new DiskThresholds({})
    expect(defaults.freeBytesThreshold('low', 100 * GIB)).toBe(15 * GIB)
    expect(defaults.freeBytesThreshold('high', 100 * GIB)).toBe(10 * GIB)
    expect(defaults.freeBytesThreshold('flood_stage', 100 * GIB)).toBe(5 * GIB)
    expect(defaults.describe('low', 100 * GIB, true)).toBe(
      'cluster.routing.allocation.disk.watermark.low=85%',
    )
    expect(defaults.describe('high', 100 * GIB, false)).toBe('90%')
  })

  it('cap the free space asked of a large disk by the default max headroom', () => {
    const defaults = new DiskThresholds({})
    const total = 2000 * GIB
    expect(defaults.freeBytesThreshold('low', total)).toBe(200 * GIB)
    expect(defaults.freeBytesThreshold('flood_stage', total)).toBe(100 * GIB)
    expect(defaults.describe('low', total, true)).toBe(
      'cluster.routing.allocation.disk.watermark.low.max_headroom=200gb',
    )
    expect(defaults.describe('high', total, false)).toBe('max_headroom=150gb')
  })

  it('drop the default headrooms once a watermark is set, and read byte sizes as free space', () => {
    const ratios = new DiskThresholds({ 'cluster.routing.allocation.disk.watermark.low': '0.5' })
    expect(ratios.freeBytesThreshold('low', 2000 * GIB)).toBe(1000 * GIB)
    expect(ratios.describe('high', 2000 * GIB, false)).toBe('90%')
    const bytes = new DiskThresholds({
      'cluster.routing.allocation.disk.watermark.low': '30gb',
      'cluster.routing.allocation.disk.watermark.high': '20gb',
      'cluster.routing.allocation.disk.watermark.flood_stage': '10gb',
    })
    expect(bytes.freeBytesThreshold('high', 100 * GIB)).toBe(20 * GIB)
    expect(bytes.describe('flood_stage', 100 * GIB, true)).toBe(
      'cluster.routing.allocation.disk.watermark.flood_stage=10gb',
    )
  })

  it('read the decider switch and the intervals', () => {
    const thresholds = new DiskThresholds({
      'cluster.routing.allocation.disk.threshold_enabled': 'false',
      'cluster.routing.allocation.disk.reroute_interval': '5s',
    })
    expect(thresholds.enabled).toBe(false)
    expect(thresholds.rerouteIntervalMillis).toBe(5_000)
    expect(thresholds.infoUpdateIntervalMillis).toBe(30_000)
  })
})
