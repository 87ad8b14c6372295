// _termvectors and _mtermvectors check `version` / `version_type` as TermVectorsService's Engine.Get does: a found
// document whose version the request's type does not accept fails the request with TermVectorsService's wrapping
// ("failed to execute term vector request", status 409 from its version_conflict_engine_exception cause); a missing
// document satisfies any version. The URL's parameters apply over the body's (RestTermVectorsAction.readURIParameters).
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

async function twiceWritten(): Promise<TestCluster> {
  const c = await startCluster(1)
  await c.json(1, 'PUT', '/tv', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
  await c.json(1, 'PUT', '/tv/_doc/1', { text: 'hello world' })
  await c.json(1, 'PUT', '/tv/_doc/1?refresh=true', { text: 'hello again world' })
  return c
}

function conflictCause(uuid: string, current: number, provided: number): object {
  return {
    type: 'version_conflict_engine_exception',
    reason: `[1]: version conflict, current version [${current}] is different than the one provided [${provided}]`,
    index_uuid: uuid,
    shard: '0',
    index: 'tv',
  }
}

async function indexUuid(c: TestCluster): Promise<string> {
  const settings = (await c.json(1, 'GET', '/tv/_settings')) as {
    tv: { settings: { index: { uuid: string } } }
  }
  return settings.tv.settings.index.uuid
}

describe('_termvectors version checks', () => {
  it('fails a found document of another version, wrapped as TermVectorsService wraps it', async () => {
    const c = await twiceWritten()
    const uuid = await indexUuid(c)
    const response = await c.send(1, 'GET', '/tv/_termvectors/1?version=1')
    expect(response.status).toBe(409)
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [conflictCause(uuid, 2, 1)],
        type: 'exception',
        reason: 'failed to execute term vector request',
        caused_by: conflictCause(uuid, 2, 1),
      },
      status: 409,
    })
  })

  it('reads version and version_type from the body, the URL over them', async () => {
    const c = await twiceWritten()
    const uuid = await indexUuid(c)
    const external = await c.send(1, 'POST', '/tv/_termvectors/1', { version: 5, version_type: 'external' })
    expect(external.status).toBe(409)
    expect(JSON.parse(external.body)).toMatchObject({ error: { caused_by: conflictCause(uuid, 2, 5) } })
    expect(await c.json(1, 'POST', '/tv/_termvectors/1?version=2', { version: 5 })).toMatchObject({
      _version: 2,
      found: true,
    })
    const refused = await c.send(1, 'POST', '/tv/_termvectors/1', { version_type: 'force' })
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body)).toMatchObject({
      error: { type: 'illegal_argument_exception', reason: 'No version type match [force]' },
    })
  })

  it('accepts any version for a missing document', async () => {
    const c = await twiceWritten()
    expect(await c.json(1, 'GET', '/tv/_termvectors/9?version=4')).toEqual({
      _index: 'tv',
      _id: '9',
      _version: 0,
      found: false,
      took: 0,
    })
  })

  it('fails only the _mtermvectors item whose version does not match', async () => {
    const c = await twiceWritten()
    const uuid = await indexUuid(c)
    const body = (await c.json(1, 'POST', '/tv/_mtermvectors', {
      docs: [
        { _id: '1', version: 3 },
        { _id: '1', version: 2 },
      ],
    })) as { docs: object[] }
    expect(body.docs[0]).toEqual({
      _index: 'tv',
      _id: '1',
      error: {
        root_cause: [conflictCause(uuid, 2, 3)],
        type: 'exception',
        reason: 'failed to execute term vector request',
        caused_by: conflictCause(uuid, 2, 3),
      },
    })
    expect(body.docs[1]).toMatchObject({ _id: '1', _version: 2, found: true })
  })
})
