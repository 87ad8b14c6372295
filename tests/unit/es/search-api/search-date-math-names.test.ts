// A search's index expression resolves date math names (`<logs-{now/d}>`) as IndexNameExpressionResolver does,
// each comma part on its own and an exclusion after a wildcard too; a missing one is named resolved in
// index_not_found_exception (search/80_indices_options).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const TODAY = encodeURIComponent('<logs-{now/d}>')

describe('date math index names in _search', () => {
  it('reads the index the expression names today, and names a missing one resolved', async () => {
    const node = await startNode()
    const created = await node.send('PUT', `/${TODAY}`)
    const today = (JSON.parse(created.body) as { index: string }).index
    expect(today).toMatch(/^logs-\d{4}\.\d{2}\.\d{2}$/)
    await node.send('PUT', `/${today}/_doc/1?refresh=true`, { n: 1 })
    const found = await node.send('GET', `/${TODAY}/_search`)
    expect(JSON.parse(found.body)).toMatchObject({ hits: { total: { value: 1 }, hits: [{ _index: today }] } })
    const excluded = await node.send('GET', `/logs-*,-${TODAY}/_count`)
    expect(JSON.parse(excluded.body)).toMatchObject({ count: 0 })
    const missing = await node.send('GET', `/${encodeURIComponent('<missing-{now/M}>')}/_search`)
    expect(missing.status).toBe(404)
    const error = (JSON.parse(missing.body) as { error: { type: string; reason: string } }).error
    expect(error.type).toBe('index_not_found_exception')
    expect(error.reason).toMatch(/^no such index \[missing-\d{4}\.\d{2}\.01\]$/)
  })
})
