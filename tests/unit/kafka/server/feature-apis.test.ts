// ApiVersions and UpdateFeatures on a simulated 3-node KRaft cluster: every broker advertises the 4.1 APIs and
// supported features with the finalized levels of its metadata image; an accepted update is a
// FeatureLevelRecord the controller writes, seen by every broker (and by one that restarts, from the log);
// a dry run and a refused level change nothing.
import { describe, expect, it } from 'vitest'
import { restart, startCluster } from '../kafka-fixtures.ts'

describe('feature apis', () => {
  it('advertises the APIs, the supported features and the finalized levels with their epoch', async () => {
    const cluster = await startCluster(3)
    const versions = await cluster.run(cluster.server(2).api.apiVersions())
    expect(versions.apiKeys.find((key) => key.apiKey === 57)).toEqual({
      apiKey: 57,
      minVersion: 0,
      maxVersion: 2,
    })
    expect(versions.apiKeys.some((key) => key.apiKey === 88)).toBe(false)
    expect(versions.supportedFeatures).toContainEqual({
      name: 'metadata.version',
      minVersion: 7,
      maxVersion: 27,
    })
    expect(versions.finalizedFeatures).toEqual({
      'metadata.version': 27,
      'transaction.version': 2,
      'group.version': 1,
      'eligible.leader.replicas.version': 1,
    })
    expect(versions.finalizedFeaturesEpoch).toBeGreaterThan(0)
  })

  it('writes an accepted level through the controller to every broker, and keeps it across a restart', async () => {
    const cluster = await startCluster(3)
    const dryRun = await cluster.run(
      cluster
        .server(1)
        .api.updateFeatures([{ feature: 'share.version', maxVersionLevel: 1, upgradeType: 'UPGRADE' }], true),
    )
    expect(dryRun).toEqual([{ feature: 'share.version', error: null, message: null }])
    const refused = await cluster.run(
      cluster
        .server(1)
        .api.updateFeatures(
          [{ feature: 'group.version', maxVersionLevel: 0, upgradeType: 'UPGRADE' }],
          false,
        ),
    )
    expect(refused[0]?.error).toBe('INVALID_UPDATE_VERSION')
    await cluster.advance(1000)
    for (const id of [1, 2, 3]) {
      const { finalizedFeatures } = await cluster.run(cluster.server(id).api.apiVersions())
      expect(finalizedFeatures['share.version']).toBeUndefined()
      expect(finalizedFeatures['group.version']).toBe(1)
    }
    const before = (await cluster.run(cluster.server(1).api.apiVersions())).finalizedFeaturesEpoch
    const applied = await cluster.run(
      cluster
        .server(1)
        .api.updateFeatures(
          [{ feature: 'share.version', maxVersionLevel: 1, upgradeType: 'UPGRADE' }],
          false,
        ),
    )
    expect(applied).toEqual([{ feature: 'share.version', error: null, message: null }])
    const after = await cluster.run(cluster.server(1).api.apiVersions())
    expect(after.finalizedFeatures['share.version']).toBe(1)
    expect(after.finalizedFeaturesEpoch).toBeGreaterThan(before)
    await cluster.advance(1000)
    await restart(cluster, 3)
    for (const id of [1, 2, 3]) {
      const { finalizedFeatures } = await cluster.run(cluster.server(id).api.apiVersions())
      expect({ id, level: finalizedFeatures['share.version'] }).toEqual({ id, level: 1 })
    }
  })
})
