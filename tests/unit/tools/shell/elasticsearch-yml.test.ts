// config/elasticsearch.yml: the Docker image's own file sets no path.repo; the forms a learner writes are read.
import { describe, expect, it } from 'vitest'
import { INSTALLED_ELASTICSEARCH_YML, pathRepoOf } from '../../../../workers/tools/shell/elasticsearch-yml.ts'

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
