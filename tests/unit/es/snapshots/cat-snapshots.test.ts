// `_cat/snapshots` as cat.snapshots/10_basic.yml checks it: the help's columns, an empty repository's empty table,
// then one row per snapshot of two one-shard indices.
import { expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

it('lists the columns and one row per snapshot (cat.snapshots 10_basic)', async () => {
  const es = await startNode({ pathRepo: ['/mount/backups'] })
  const help = (await es.send('GET', '/_cat/snapshots?help')).body
  expect(help.split('\n').map((line) => line.split(/\s*\|/)[0]!.trim())).toEqual([
    'id',
    'repository',
    'status',
    'start_epoch',
    'start_time',
    'end_epoch',
    'end_time',
    'duration',
    'indices',
    'successful_shards',
    'failed_shards',
    'total_shards',
    'reason',
    '',
  ])
  const repository = { type: 'fs', settings: { location: 'test_cat_snapshots_1_loc' } }
  await es.send('PUT', '/_snapshot/test_cat_snapshots_1', repository)
  expect((await es.send('GET', '/_cat/snapshots/test_cat_snapshots_1')).body).toBe('')
  for (const index of ['index1', 'index2'])
    await es.send('PUT', `/${index}`, { settings: { number_of_shards: '1', number_of_replicas: '0' } })
  for (const snapshot of ['snap1', 'snap2'])
    await es.send('PUT', `/_snapshot/test_cat_snapshots_1/${snapshot}?wait_for_completion=true`)
  const row = (name: string) =>
    `${name}\\s+test_cat_snapshots_1\\s+SUCCESS\\s+\\d+\\s+\\d\\d:\\d\\d:\\d\\d\\s+\\d+\\s+\\d\\d:\\d\\d:\\d\\d\\s+\\S+\\s+2\\s+2\\s+0\\s+2\\s*\\n`
  expect((await es.send('GET', '/_cat/snapshots/test_cat_snapshots_1')).body).toMatch(
    new RegExp(`^${row('snap1')}${row('snap2')}$`),
  )
})
