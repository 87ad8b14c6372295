// _reindex's body read as ReindexRequest.PARSER reads it in ES 8.17 (ObjectParser: unknown fields, the `dest`
// parser wrapped as the field's failure; buildRemoteInfo inside the `source` field's parser) and its remote source
// refused as ReindexValidator.checkRemoteWhitelist refuses every host without reindex.remote.whitelist; after the YAML
// REST test reindex/20_validation.yml ("junk in body fails", "junk in dest fails", "overwriting version is not
// supported", "unwhitelisted remote host fails", "badly formatted remote host fails", "junk in remote fails").
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

function error(type: string, reason: string, cause?: object): object {
  return cause === undefined ? { type, reason } : { type, reason, caused_by: cause }
}

async function reindexError(body: object | string): Promise<{ status: number; body: unknown }> {
  const node = await startNode()
  await node.send('PUT', '/test/_doc/1?refresh=true', { text: 'test' })
  const response = await node.send('POST', '/_reindex', body)
  return { status: response.status, body: JSON.parse(response.body) }
}

describe('_reindex request parsing', () => {
  it('an unknown top-level field is [reindex] unknown field, at the key', async () => {
    const junk = error('x_content_parse_exception', '[1:2] [reindex] unknown field [junk]')
    expect(await reindexError('{"junk":{"more_junk":null}}')).toEqual({
      status: 400,
      body: { error: { root_cause: [junk], ...junk }, status: 400 },
    })
  })

  it("an unknown dest field fails the dest field's parser, with ObjectParser's suggestion", async () => {
    const cause = error(
      'x_content_parse_exception',
      '[1:10] [dest] unknown field [version] did you mean [version_type]?',
    )
    expect(await reindexError('{"dest":{"version":10}}')).toEqual({
      status: 400,
      body: {
        error: {
          root_cause: [cause],
          ...error('x_content_parse_exception', '[1:10] [reindex] failed to parse field [dest]', cause),
        },
        status: 400,
      },
    })
  })

  it('refuses a well-formed remote host as not whitelisted', async () => {
    const refused = error(
      'illegal_argument_exception',
      '[badremote:9200] not whitelisted in reindex.remote.whitelist',
    )
    expect(
      await reindexError({
        source: { remote: { host: 'http://badremote:9200' }, index: 'test' },
        dest: { index: 'dest' },
      }),
    ).toEqual({ status: 400, body: { error: { root_cause: [refused], ...refused }, status: 400 } })
  })

  it('a badly formed host or unknown remote keys fail the source field, at its end', async () => {
    const source = (remote: string): string =>
      `{"source":{"remote":${remote},"index":"test"},"dest":{"index":"dest"}}`
    const wrapped = (at: string, reason: string): object => {
      const top = error('x_content_parse_exception', `[${at}] [reindex] failed to parse field [source]`)
      return {
        error: { root_cause: [top], ...top, caused_by: error('illegal_argument_exception', reason) },
        status: 400,
      }
    }
    expect(await reindexError(source('{"host":"badremote","weird":"stuff","badkey":"is bad"}'))).toEqual({
      status: 400,
      body: wrapped(
        '1:90',
        '[host] must be of the form [scheme]://[host]:[port](/[pathPrefix])? but was [badremote]',
      ),
    })
    expect(
      await reindexError(source('{"host":"http://okremote:9200","weird":"stuff","badkey":"is bad"}')),
    ).toEqual({ status: 400, body: wrapped('1:101', 'Unsupported fields in [remote]: [weird,badkey]') })
  })
})
