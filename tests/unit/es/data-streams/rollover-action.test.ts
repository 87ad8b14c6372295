// POST /{alias}/_rollover through EsNode, as ES 8.17 answers: the YAML REST tests indices.rollover/10_basic,
// 20_max_doc_condition and 50_min_age_condition, the alias swap of MetadataRolloverService.rolloverAliasToNewIndex
// and the errors of its validate.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

describe('rollover of a write alias', () => {
  it('rolls over when max_docs is met, answering every field; the alias moves to the new index', async () => {
    const { send } = await startNode()
    await send('PUT', '/logs-1', { aliases: { logs_index: {}, logs_search: {} } })
    await send('PUT', '/logs-1/_doc/1?refresh=true', { foo: 'hello world' })
    const response = await send('POST', '/logs_search/_rollover', { conditions: { max_docs: 1 } })
    expect(response.body).toBe(
      '{"acknowledged":true,"shards_acknowledged":true,"old_index":"logs-1","new_index":"logs-000002",' +
        '"rolled_over":true,"dry_run":false,"lazy":false,"conditions":{"[max_docs: 1]":true}}',
    )
    expect((await send('GET', '/_alias/logs_search')).body).toBe(
      '{"logs-000002":{"aliases":{"logs_search":{}}}}',
    )
    // The other alias stays where it was.
    expect((await send('GET', '/_alias/logs_index')).body).toBe('{"logs-1":{"aliases":{"logs_index":{}}}}')
  })

  it('does nothing when no condition is met, and a dry run never rolls over', async () => {
    const { send } = await startNode()
    await send('PUT', '/logs-1', { aliases: { logs: {} } })
    const unmet = await send('POST', '/logs/_rollover', { conditions: { max_docs: 1 } })
    expect(jsonAt(unmet.body, 'rolled_over')).toBe(false)
    expect(jsonAt(unmet.body, 'acknowledged')).toBe(false)
    expect(jsonAt(unmet.body, 'conditions')).toEqual({ '[max_docs: 1]': false })
    const dry = await send('POST', '/logs/_rollover?dry_run=true')
    expect(jsonAt(dry.body, 'dry_run')).toBe(true)
    expect(jsonAt(dry.body, 'rolled_over')).toBe(false)
    expect((await send('HEAD', '/logs-000002')).status).toBe(404)
  })

  it('keeps an explicit write alias on the old index as is_write_index false', async () => {
    const { send } = await startNode()
    await send('PUT', '/app-000001', {
      aliases: { app: { is_write_index: true, filter: { term: { a: 1 } } } },
    })
    await send('POST', '/app/_rollover')
    expect((await send('GET', '/_alias/app')).body).toBe(
      '{"app-000001":{"aliases":{"app":{"is_write_index":false}}},"app-000002":{"aliases":{"app":{"is_write_index":true}}}}',
    )
    const written = await send('POST', '/app/_doc', { a: 1 })
    expect(jsonAt(written.body, '_index')).toBe('app-000002')
  })

  it('takes a new index name and the new index settings; refuses an existing one even in a dry run', async () => {
    const { send } = await startNode()
    await send('PUT', '/logs-1', { aliases: { logs: {} } })
    await send('PUT', '/logs-000002')
    const exists = await send('POST', '/logs/_rollover?dry_run=true')
    expect(exists.status).toBe(400)
    expect(jsonAt(exists.body, 'error', 'type')).toBe('resource_already_exists_exception')
    const invalid = await send('POST', '/logs/_rollover/invalid%7Cname?dry_run=true')
    expect(jsonAt(invalid.body, 'error', 'type')).toBe('invalid_index_name_exception')
    await send('POST', '/logs/_rollover/next-index', { settings: { number_of_replicas: 0 } })
    const settings = await send(
      'GET',
      '/next-index/_settings?filter_path=*.settings.index.number_of_replicas',
    )
    expect(settings.body).toBe('{"next-index":{"settings":{"index":{"number_of_replicas":"0"}}}}')
  })

  it('answers the errors of validate and of the request', async () => {
    const { send } = await startNode()
    await send('PUT', '/a-1', { aliases: { multi: {} } })
    await send('PUT', '/b-1', { aliases: { multi: {} } })
    const reason = async (path: string, body?: object) => {
      const response = await send('POST', path, body)
      return [response.status, jsonAt(response.body, 'error', 'reason')]
    }
    expect(await reason('/missing/_rollover')).toEqual([404, 'rollover target [missing] does not exist'])
    expect(await reason('/a-1/_rollover')).toEqual([
      400,
      'rollover target is a [concrete index] but one of [alias,data_stream] was expected',
    ])
    expect(await reason('/multi/_rollover')).toEqual([
      400,
      'rollover target [multi] does not point to a write index',
    ])
    expect(await reason('/multi/_rollover', { conditions: { min_docs: 1 } })).toEqual([
      400,
      'Validation Failed: 1: at least one max_* rollover condition must be set when using min_* conditions;',
    ])
    expect(await reason('/multi/_rollover', { foo: 1 })).toEqual([
      400,
      '[1:2] [rollover] unknown field [foo]',
    ])
  })

  it('refuses a template that would give the new index the rollover alias too', async () => {
    const { send } = await startNode()
    await send('PUT', '/_index_template/t', {
      index_patterns: ['logs-*'],
      template: { aliases: { logs: {} } },
    })
    await send('PUT', '/logs-000001', { aliases: { logs: { is_write_index: true } } })
    const response = await send('POST', '/logs/_rollover')
    expect(jsonAt(response.body, 'error', 'reason')).toBe(
      'Rollover alias [logs] can point to multiple indices, found duplicated alias [[logs]] in index template [t]',
    )
  })
})
