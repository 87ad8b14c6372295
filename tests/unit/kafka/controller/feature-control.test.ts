// FeatureControlManager.updateFeatures of Kafka 4.1 over a ClusterMetadata: the bootstrap levels a default
// 4.1 format leaves, each refusal with Kafka's INVALID_UPDATE_VERSION message, the FeatureLevelRecords of the
// accepted features, and their replay (level 0 removes a feature).
import { describe, expect, it } from 'vitest'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import { updateFeaturesRecords } from '../../../../workers/kafka/controller/feature-control.ts'
import type { FeatureUpdate, FeatureUpgradeType } from '../../../../workers/protocol/kafka-features.ts'

const up = (feature: string, level: number, type: FeatureUpgradeType = 'UPGRADE'): FeatureUpdate => ({
  feature,
  maxVersionLevel: level,
  upgradeType: type,
})

function run(metadata: ClusterMetadata, ...updates: FeatureUpdate[]) {
  return updateFeaturesRecords(metadata, 1, updates)
}

function messageOf(metadata: ClusterMetadata, update: FeatureUpdate): string | null {
  return run(metadata, update).results[0]?.message ?? null
}

describe('feature control', () => {
  it('starts at the levels of a default 4.1 format for a static quorum', () => {
    expect(Object.fromEntries(new ClusterMetadata().finalizedFeatures)).toEqual({
      'metadata.version': 27,
      'transaction.version': 2,
      'group.version': 1,
      'eligible.leader.replicas.version': 1,
    })
  })

  it('writes a FeatureLevelRecord for an accepted change and answers by feature name', () => {
    const metadata = new ClusterMetadata()
    const { results, records } = run(metadata, up('streams.version', 1), up('share.version', 1))
    expect(results).toEqual([
      { feature: 'share.version', error: null, message: null },
      { feature: 'streams.version', error: null, message: null },
    ])
    expect(records).toEqual([
      { type: 'FeatureLevelRecord', name: 'share.version', featureLevel: 1 },
      { type: 'FeatureLevelRecord', name: 'streams.version', featureLevel: 1 },
    ])
    records.forEach((record, i) => metadata.replay(record, 10 + i))
    expect(metadata.finalizedFeatures.get('share.version')).toBe(1)
    metadata.replay({ type: 'FeatureLevelRecord', name: 'share.version', featureLevel: 0 }, 12)
    expect(metadata.finalizedFeatures.has('share.version')).toBe(false)
  })

  it('refuses levels the nodes do not support and features they do not know', () => {
    const metadata = new ClusterMetadata()
    expect(messageOf(metadata, up('group.version', 2))).toBe(
      'Invalid update version 2 for feature group.version. Local controller 1 only supports versions 0-1',
    )
    expect(messageOf(metadata, up('metadata.version', 28))).toBe(
      'Invalid update version 28 for feature metadata.version. Local controller 1 only supports versions 7-27',
    )
    expect(messageOf(metadata, up('foo', 1))).toBe(
      'Invalid update version 1 for feature foo. Local controller 1 does not support this feature.',
    )
    expect(messageOf(metadata, up('foo', 0, 'SAFE_DOWNGRADE'))).toBe(
      'Invalid update version 0 for feature foo. Feature foo not found.',
    )
    expect(messageOf(metadata, up('group.version', -1))).toBe(
      'Invalid update version -1 for feature group.version. A feature version cannot be less than 0.',
    )
    expect(run(metadata, up('group.version', 2)).records).toEqual([])
  })

  it('checks dependencies against the levels the request would leave', () => {
    const metadata = new ClusterMetadata()
    metadata.replay({ type: 'FeatureLevelRecord', name: 'metadata.version', featureLevel: 21 }, 0)
    metadata.replay({ type: 'FeatureLevelRecord', name: 'group.version', featureLevel: 0 }, 1)
    expect(messageOf(metadata, up('group.version', 1))).toBe(
      'Invalid update version 1 for feature group.version. group.version could not be set to 1 because it depends on metadata.version level 22',
    )
    expect(
      run(metadata, up('group.version', 1), up('metadata.version', 22)).results.map((r) => r.error),
    ).toEqual([null, null])
  })

  it('needs a downgrade type to lower a level and the upgrade type to raise one', () => {
    const metadata = new ClusterMetadata()
    expect(messageOf(metadata, up('group.version', 0))).toBe(
      "Invalid update version 0 for feature group.version. Can't downgrade the version of this feature without setting the upgrade type to either safe or unsafe downgrade.",
    )
    expect(messageOf(metadata, up('share.version', 1, 'SAFE_DOWNGRADE'))).toBe(
      "Invalid update version 1 for feature share.version. Can't downgrade to a newer version.",
    )
    expect(messageOf(metadata, up('group.version', 0, 'SAFE_DOWNGRADE'))).toBeNull()
  })

  it('refuses a metadata.version downgrade across a release that changed the metadata', () => {
    const metadata = new ClusterMetadata()
    expect(messageOf(metadata, up('metadata.version', 25, 'SAFE_DOWNGRADE'))).toBeNull()
    expect(messageOf(metadata, up('metadata.version', 22, 'SAFE_DOWNGRADE'))).toBe(
      'Invalid metadata.version 22. Refusing to perform the requested downgrade because it might delete metadata information. Retry using UNSAFE_DOWNGRADE if you want to force the downgrade to proceed.',
    )
    expect(messageOf(metadata, up('metadata.version', 22, 'UNSAFE_DOWNGRADE'))).toBe(
      'Invalid metadata.version 22. Unsafe metadata downgrade is not supported in this version.',
    )
  })

  it('keeps kraft.version of a static quorum at 0 without writing it to the metadata log', () => {
    const metadata = new ClusterMetadata()
    expect(messageOf(metadata, up('kraft.version', 1))).toContain('[playground]')
    expect(run(metadata, up('kraft.version', 0))).toEqual({
      results: [{ feature: 'kraft.version', error: null, message: null }],
      records: [],
    })
  })
})
