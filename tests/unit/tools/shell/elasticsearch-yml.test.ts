// config/elasticsearch.yml: the Docker image's own file sets no path.repo and no node attributes; the forms a learner
// writes are read.
import { describe, expect, it } from 'vitest'
import {
  INSTALLED_ELASTICSEARCH_YML,
  nodeAttributesOf,
  pathRepoOf,
} from '../../../../workers/tools/shell/elasticsearch-yml.ts'

describe('elasticsearch.yml path.repo', () => {
  it('is empty in the image and when no file was written', () => {
    expect(pathRepoOf(INSTALLED_ELASTICSEARCH_YML)).toEqual([])
    expect(pathRepoOf(null)).toEqual([])
  })

  it('reads a scalar, a flow list, a block list, the nested form and a comma list', () => {
    const base = INSTALLED_ELASTICSEARCH_YML
    expect(pathRepoOf(`${base}path.repo: /mount/backups\n`)).toEqual(['/mount/backups'])
    expect(pathRepoOf(`${base}path.repo: ["/mount/backups", '/mnt/b'] # two\n`)).toEqual([
      '/mount/backups',
      '/mnt/b',
    ])
    expect(pathRepoOf(`${base}path.repo:\n  - /a\n  - "/b"\n`)).toEqual(['/a', '/b'])
    expect(pathRepoOf(`path:\n  data: /d\n  repo: /a\nnetwork.host: x\n`)).toEqual(['/a'])
    expect(pathRepoOf(`path:\n  repo:\n    - /a\n`)).toEqual(['/a'])
    expect(pathRepoOf(`path.repo: /a,/b\n`)).toEqual(['/a', '/b'])
    expect(pathRepoOf(`# path.repo: /a\n`)).toEqual([])
  })
})

describe('elasticsearch.yml node.attr.*', () => {
  it('is empty in the image and when no file was written', () => {
    expect(nodeAttributesOf(INSTALLED_ELASTICSEARCH_YML)).toEqual({})
    expect(nodeAttributesOf(null)).toEqual({})
  })

  it('reads dotted and nested keys, quoted values whole (commas kept)', () => {
    const yaml =
      'node.attr.rack: r1\nnode.attr.box_type: "hot,warm" # tier\npath.repo: /a\n' +
      "node:\n  name: es01\n  attr:\n    zone: 'eu-1'\n"
    const attributes = nodeAttributesOf(yaml)
    expect(attributes).toEqual({ box_type: 'hot,warm', rack: 'r1', zone: 'eu-1' })
    expect(pathRepoOf(yaml)).toEqual(['/a'])
    expect(nodeAttributesOf('node.attr:\n  rack: r2\n# node.attr.zone: z\n')).toEqual({ rack: 'r2' })
  })
})
