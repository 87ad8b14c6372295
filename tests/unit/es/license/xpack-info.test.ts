// `GET _xpack` (RestXPackInfoAction) as an ES 8.17 node with the self-generated basic license answers it: the build
// of GET /, the license's uid/type/mode/status without an expiry, the 27 feature sets by name with the basic
// license's availability, the tagline unless human=false; `categories` and its errors, accept_enterprise, HEAD; and
// the features' availability before any license (the initial trial state) and under a trial.
import { describe, expect, test } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'
import { featureAvailable, XPACK_FEATURES } from '../../../../workers/es/license/xpack-features.ts'

const BASIC_FEATURES =
  '"aggregate_metric":{"available":true,"enabled":true},' +
  '"analytics":{"available":true,"enabled":true},' +
  '"archive":{"available":false,"enabled":true},' +
  '"ccr":{"available":false,"enabled":true},' +
  '"data_streams":{"available":true,"enabled":true},' +
  '"data_tiers":{"available":true,"enabled":true},' +
  '"enrich":{"available":true,"enabled":true},' +
  '"enterprise_search":{"available":false,"enabled":true},' +
  '"eql":{"available":true,"enabled":true},' +
  '"esql":{"available":true,"enabled":true},' +
  '"frozen_indices":{"available":true,"enabled":true},' +
  '"graph":{"available":false,"enabled":true},' +
  '"ilm":{"available":true,"enabled":true},' +
  '"logsdb":{"available":true,"enabled":false},' +
  '"logstash":{"available":false,"enabled":true},' +
  '"ml":{"available":false,"enabled":true},' +
  '"monitoring":{"available":true,"enabled":true},' +
  '"rollup":{"available":true,"enabled":true},' +
  '"searchable_snapshots":{"available":false,"enabled":true},' +
  '"security":{"available":true,"enabled":false},' +
  '"slm":{"available":true,"enabled":true},' +
  '"spatial":{"available":true,"enabled":true},' +
  '"sql":{"available":true,"enabled":true},' +
  '"transform":{"available":true,"enabled":true},' +
  '"universal_profiling":{"available":false,"enabled":true},' +
  '"voting_only":{"available":true,"enabled":true},' +
  '"watcher":{"available":false,"enabled":true}'

describe('GET _xpack', () => {
  test('build, the basic license and every feature set by name, then the tagline', async () => {
    const { send } = await startNode()
    const uid = (JSON.parse((await send('GET', '/_license')).body) as { license: { uid: string } }).license
      .uid
    const response = await send('GET', '/_xpack')
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"build":{"hash":"2b6a7fed44faa321997703718f07ee0420804b41","date":"2024-12-11T12:08:05.663969764Z"},' +
        `"license":{"uid":"${uid}","type":"basic","mode":"basic","status":"active"},` +
        `"features":{${BASIC_FEATURES}},"tagline":"You know, for X"}`,
    )
    expect((await send('HEAD', '/_xpack')).status).toBe(200)
  })

  test('categories pick the sections, human=false drops the tagline', async () => {
    const { send } = await startNode()
    expect((await send('GET', '/_xpack?categories=build&human=false')).body).toBe(
      '{"build":{"hash":"2b6a7fed44faa321997703718f07ee0420804b41","date":"2024-12-11T12:08:05.663969764Z"}}',
    )
    expect((await send('GET', '/_xpack?categories=_none')).body).toBe('{"tagline":"You know, for X"}')
    expect((await send('GET', '/_xpack?categories=')).body).toBe('{"tagline":"You know, for X"}')
    const named = JSON.parse((await send('GET', '/_xpack?categories=FEATURES,License')).body) as object
    expect(Object.keys(named)).toEqual(['license', 'features', 'tagline'])
    expect((await send('GET', '/_xpack?categories=license,_none,nope')).body).toBe(
      '{"tagline":"You know, for X"}',
    )
    expect(
      Object.keys(JSON.parse((await send('GET', '/_xpack?categories=build,_all,nope')).body) as object),
    ).toEqual(['build', 'license', 'features', 'tagline'])
  })

  test('an unknown category is Category.valueOf failing; accept_enterprise warns and may not be false', async () => {
    const { send } = await startNode()
    const bad = await send('GET', '/_xpack?categories=features,nope')
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({
      error: {
        type: 'illegal_argument_exception',
        reason: 'No enum constant org.elasticsearch.protocol.xpack.XPackInfoRequest.Category.NOPE',
      },
      status: 400,
    })
    const accepted = await send('GET', '/_xpack?accept_enterprise=true&categories=_none')
    expect(accepted.warnings).toEqual([
      'Including [accept_enterprise] in get license requests is deprecated. The parameter will be removed in the ' +
        'next major version',
    ])
    const refused = await send('GET', '/_xpack?accept_enterprise=false')
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('The [accept_enterprise] parameters may not be false')
    expect((await send('GET', '/_xpack?local=true')).status).toBe(400)
  })

  test('every feature is available before a license exists (the initial trial state) and under a trial', () => {
    expect(XPACK_FEATURES).toHaveLength(27)
    expect(XPACK_FEATURES.every((feature) => featureAvailable(feature, null))).toBe(true)
    expect(XPACK_FEATURES.every((feature) => featureAvailable(feature, 'trial'))).toBe(true)
    expect(
      XPACK_FEATURES.filter((feature) => !featureAvailable(feature, 'basic')).map((f) => f.name),
    ).toEqual([
      'watcher',
      'graph',
      'ml',
      'logstash',
      'ccr',
      'searchable_snapshots',
      'archive',
      'enterprise_search',
      'universal_profiling',
    ])
  })
})
