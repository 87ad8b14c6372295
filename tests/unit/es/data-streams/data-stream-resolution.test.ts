// How expressions name data streams and hidden indices (IndexNameExpressionResolver with data streams):
// a data stream's name and the patterns matching it stand for its backing indices; a pattern skips hidden
// indices unless both it and the index name start with `.`; a write goes to the data stream's write index.
import { describe, expect, it } from 'vitest'
import {
  concreteIndexNames,
  resolveWriteTarget,
} from '../../../../workers/es/cluster/metadata/index-abstraction.ts'
import type { IndexMetadata } from '../../../../workers/es/index/index-metadata.ts'
import type { DataStream } from '../../../../workers/es/cluster/metadata/data-stream.ts'

function index(name: string, extra: Partial<IndexMetadata> = {}): IndexMetadata {
  return {
    name,
    uuid: `${name}-uuid`,
    creationDate: 0,
    numberOfShards: 1,
    numberOfReplicas: 0,
    routingNumShards: 1,
    refreshIntervalMs: 1000,
    mapping: { properties: {} },
    ...extra,
  }
}

const backing = (name: string) => index(name, { hidden: true, dataStream: 'logs-app' })
const indices = [
  backing('.ds-logs-app-2026.01.01-000001'),
  backing('.ds-logs-app-2026.01.02-000002'),
  index('logs-plain'),
  index('.hidden-dot', { hidden: true }),
  index('hidden-plain', { hidden: true }),
]
const dataStream: DataStream = {
  name: 'logs-app',
  indices: [
    { name: '.ds-logs-app-2026.01.01-000001', uuid: 'a' },
    { name: '.ds-logs-app-2026.01.02-000002', uuid: 'b' },
  ],
  generation: 2,
  hidden: false,
  allowCustomRouting: false,
}

describe('data streams in expressions', () => {
  it('a data stream name or a pattern over it names its backing indices', () => {
    expect(concreteIndexNames(indices, 'logs-app')).toEqual([
      '.ds-logs-app-2026.01.01-000001',
      '.ds-logs-app-2026.01.02-000002',
    ])
    expect(concreteIndexNames(indices, 'logs-*')).toEqual([
      '.ds-logs-app-2026.01.01-000001',
      '.ds-logs-app-2026.01.02-000002',
      'logs-plain',
    ])
  })

  it('patterns skip hidden indices unless the pattern and the name start with a dot', () => {
    // `*` matches the data stream logs-app, which stands for its backing indices, not the hidden ones.
    expect(concreteIndexNames(indices, '*')).toEqual([
      '.ds-logs-app-2026.01.01-000001',
      '.ds-logs-app-2026.01.02-000002',
      'logs-plain',
    ])
    expect(concreteIndexNames(indices, '*-plain')).toEqual(['logs-plain'])
    expect(concreteIndexNames(indices, '*hidden*')).toEqual([])
    expect(concreteIndexNames(indices, '.*')).toEqual([
      '.ds-logs-app-2026.01.01-000001',
      '.ds-logs-app-2026.01.02-000002',
      '.hidden-dot',
    ])
    expect(concreteIndexNames(indices, 'hidden-plain')).toEqual(['hidden-plain'])
  })

  it('a write to the data stream goes to its last backing index', () => {
    expect(resolveWriteTarget(indices, 'logs-app', null, { 'logs-app': dataStream })).toEqual({
      index: '.ds-logs-app-2026.01.02-000002',
      routing: null,
      dataStream: 'logs-app',
    })
    expect(resolveWriteTarget(indices, 'logs-other', null, { 'logs-app': dataStream })).toBe(null)
  })
})
