// `_cat/tasks` (RestTasksAction, ES 8.17): the default columns, the task groups sorted by start time with each
// group's children after it, `parent_task_id` `-` for a top-level task, the hidden columns (`id`, `node_id`,
// `port`, `version`, `x_opaque_id`) by `h=`, `full_id`, and the `description` column only with `detailed`.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

describe('_cat/tasks', () => {
  it('lists a running task first (it started first), then the list task and its node child', async () => {
    const node = await startNode()
    await node.send('POST', '/t/_bulk?refresh=true', '{"index":{}}\n{"n":1}\n{"index":{}}\n{"n":2}\n')
    const started = await node.send(
      'POST',
      '/t/_delete_by_query?wait_for_completion=false&requests_per_second=1&scroll_size=1',
      { query: { match_all: {} } },
    )
    const task = (JSON.parse(started.body) as { task: string }).task
    const [nodeId, id] = task.split(':') as [string, string]
    await node.clock.sleep(300)
    const lines = (await node.send('GET', '/_cat/tasks?v')).body.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^action +task_id +parent_task_id +type +start_time +timestamp +running_time +ip +node$/,
    )
    const rows = lines.slice(1).map((line) => line.split(/ +/))
    expect(rows.map((row) => [row[0], row[2], row[3]])).toEqual([
      ['indices:data/write/delete/byquery', '-', 'transport'],
      ['cluster:monitor/tasks/lists', '-', 'transport'],
      ['cluster:monitor/tasks/lists[n]', rows[1]![1], 'direct'],
    ])
    expect(rows[0]![1]).toBe(task)
    expect(Number(rows[0]![4])).toBeLessThan(Number(rows[1]![4]))
    expect(rows[0]!.slice(7)).toEqual(['127.0.0.1', 'es01'])

    const hidden = await node.send(
      'GET',
      '/_cat/tasks?h=id,node_id,port,version,x_opaque_id,ac&actions=*byquery',
    )
    expect(hidden.body).toBe(`${id} ${nodeId.slice(0, 4)} 9300 8.17.0 - indices:data/write/delete/byquery\n`)
    const full = await node.send('GET', '/_cat/tasks?h=ni&full_id&actions=*byquery')
    expect(full.body).toBe(`${nodeId}\n`)
    const detailed = await node.send('GET', '/_cat/tasks?h=ac,description&detailed&actions=*byquery')
    expect(detailed.body).toBe('indices:data/write/delete/byquery delete-by-query [t]\n')
    const plain = await node.send('GET', '/_cat/tasks?h=description&actions=*byquery')
    expect(plain.body).toBe('\n')
  })
})
