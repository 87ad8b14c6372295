// The license APIs through EsNode as ES 8.17 answers them for the basic license the elected master generates
// (StartupSelfGeneratedLicenseTask): RestGetLicenseAction's REST view, pretty-printed by default, its
// accept_enterprise deprecation and error, `human`, basic_status and trial_status; and the license kept in the
// cluster metadata, so a restart finds the same one.
import { describe, expect, test } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'
import {
  licenseRestView,
  licenseStatus,
  withSelfGeneratedLicense,
} from '../../../../workers/es/license/license.ts'
import { emptyClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { toJson } from '../../../../workers/es/xcontent/index.ts'

const UID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function licenseBody(uid: string, issued: number, human = false): string {
  return (
    '{\n' +
    '  "license" : {\n' +
    '    "status" : "active",\n' +
    `    "uid" : "${uid}",\n` +
    '    "type" : "basic",\n' +
    `    "issue_date" : "${new Date(issued).toISOString()}",\n` +
    `    "issue_date_in_millis" : ${issued},\n` +
    '    "max_nodes" : 1000,\n' +
    '    "max_resource_units" : null,\n' +
    '    "issued_to" : "docker-cluster",\n' +
    '    "issuer" : "elasticsearch",\n' +
    (human ? '    "start_date" : "1969-12-31T23:59:59.999Z",\n' : '') +
    '    "start_date_in_millis" : -1\n' +
    '  }\n' +
    '}\n'
  )
}

describe('GET _license', () => {
  test('the self-generated basic license, pretty by default, the same on every call and after a restart', async () => {
    const node = await startNode()
    const first = await node.send('GET', '/_license')
    expect(first).toMatchObject({ status: 200, contentType: 'application/json' })
    const { uid, issue_date_in_millis: issued } = (
      JSON.parse(first.body) as {
        license: { uid: string; issue_date_in_millis: number }
      }
    ).license
    expect(uid).toMatch(UID)
    // Issued by the master's clock once it was elected (the simulation starts at 2026-01-01T00:00:00Z).
    expect(issued).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1))
    expect(issued).toBeLessThan(Date.UTC(2026, 0, 1) + 1000)
    expect(first.body).toBe(licenseBody(uid, issued))
    await node.clock.sleep(5000)
    expect((await node.send('GET', '/_license')).body).toBe(licenseBody(uid, issued))
    const restarted = await node.restart()
    expect((await restarted.send('GET', '/_license')).body).toBe(licenseBody(uid, issued))
  })

  test('?pretty=false is compact; ?human adds start_date; local=true reads the node itself', async () => {
    const node = await startNode()
    const pretty = (await node.send('GET', '/_license')).body
    const { uid, issue_date_in_millis: issued } = (
      JSON.parse(pretty) as {
        license: { uid: string; issue_date_in_millis: number }
      }
    ).license
    expect((await node.send('GET', '/_license?pretty=false')).body).toBe(
      JSON.stringify(JSON.parse(licenseBody(uid, issued))),
    )
    expect((await node.send('GET', '/_license?human')).body).toBe(licenseBody(uid, issued, true))
    expect((await node.send('GET', '/_license?local=true')).body).toBe(pretty)
  })

  test('accept_enterprise is deprecated and may not be false', async () => {
    const node = await startNode()
    const accepted = await node.send('GET', '/_license?accept_enterprise=true')
    expect(accepted.status).toBe(200)
    expect(accepted.warnings).toEqual([
      'Including [accept_enterprise] in get license requests is deprecated. The parameter will be removed in ' +
        'the next major version',
    ])
    const refused = await node.send('GET', '/_license?accept_enterprise=false')
    expect(refused.status).toBe(400)
    expect(refused.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"The [accept_enterprise] ' +
        'parameters may not be false"}],"type":"illegal_argument_exception","reason":"The [accept_enterprise] ' +
        'parameters may not be false"},"status":400}',
    )
    const bad = await node.send('GET', '/_license?accept_enterprise=yes')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Failed to parse value [yes] as only [true] or [false] are allowed.')
  })

  test('basic_status and trial_status', async () => {
    const node = await startNode()
    expect((await node.send('GET', '/_license/basic_status')).body).toBe('{"eligible_to_start_basic":false}')
    expect((await node.send('GET', '/_license/trial_status')).body).toBe('{"eligible_to_start_trial":true}')
  })

  test('POST _license/start_trial is not served', async () => {
    const node = await startNode()
    expect((await node.send('POST', '/_license/start_trial?acknowledge=true')).status).toBe(400)
  })
})

describe('the self-generated license', () => {
  const state = { ...emptyClusterState('docker-cluster'), clusterUuid: 'OI1x6B3XRHami3mjZxxN9A' }

  test('is added once, issued to the cluster, and kept by a second run of the task', () => {
    const licensed = withSelfGeneratedLicense(state, 1_767_225_600_027)
    expect(licensed.metadata.license).toEqual({
      license: {
        uid: expect.stringMatching(UID) as unknown,
        type: 'basic',
        issueDateMillis: 1_767_225_600_027,
        expiryDateMillis: null,
        maxNodes: 1000,
        issuedTo: 'docker-cluster',
        issuer: 'elasticsearch',
      },
    })
    expect(withSelfGeneratedLicense(licensed, 1_767_225_999_999)).toBe(licensed)
  })

  test('status: invalid before its issue date, expired after its expiry date', () => {
    const license = withSelfGeneratedLicense(state, 1000).metadata.license!.license
    expect([
      licenseStatus(license, 999),
      licenseStatus(license, 1000),
      licenseStatus(license, 2 ** 50),
    ]).toEqual(['invalid', 'active', 'active'])
    const trial = { ...license, type: 'trial' as const, expiryDateMillis: 5000 }
    expect(licenseStatus(trial, 5001)).toBe('expired')
    expect(toJson(licenseRestView(trial, 2000, false))).toBe(
      `{"status":"active","uid":"${license.uid}","type":"trial","issue_date":"1970-01-01T00:00:01.000Z",` +
        '"issue_date_in_millis":1000,"expiry_date":"1970-01-01T00:00:05.000Z","expiry_date_in_millis":5000,' +
        '"max_nodes":1000,"max_resource_units":null,"issued_to":"docker-cluster","issuer":"elasticsearch",' +
        '"start_date_in_millis":-1}',
    )
  })
})
