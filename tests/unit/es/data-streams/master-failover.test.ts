// A data stream lives in the cluster state the elected master publishes (DataStreamMetadata): when the master
// dies, the next elected master has it, and rolls it over from there. Runs on the headless 3-node cluster.
import { expect, it } from 'vitest'
import { runScenario } from '../../../../workers/tools/scenario/scenario-runner.ts'
import { formatTranscript } from '../../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from '../../scenario/wasm.ts'

const SCRIPT = `
PUT _index_template/logs-app
{ "index_patterns": ["logs-app-*"], "data_stream": {} }
POST logs-app-web/_doc
{ "@timestamp": "2026-01-01T08:00:00Z", "message": "server started" }
POST logs-app-web/_rollover
GET _cat/master?h=node
kill-node 2
GET _cluster/health?wait_for_nodes=2&timeout=60s&filter_path=number_of_nodes
GET _cat/master?h=node
GET _data_stream/logs-app-web?filter_path=data_streams.generation,data_streams.indices.index_name
POST logs-app-web/_rollover?filter_path=new_index
`

it('a new master keeps the data stream and rolls it over', async () => {
  const transcript = formatTranscript(await runScenario(SCRIPT, await headlessTestCluster(3, 3, 1)))
  const answer = (command: string): string =>
    transcript.split(`${command}\n`).at(-1)!.split('\n\n')[0]!.trimEnd()
  expect(transcript).toContain('GET _cat/master?h=node\n200 OK\nes-node-2\n')
  expect(answer('GET _cat/master?h=node')).toBe('200 OK\nes-node-1')
  expect(
    answer(
      'GET _data_stream/logs-app-web?filter_path=data_streams.generation,data_streams.indices.index_name',
    ),
  ).toBe(
    [
      '200 OK',
      '{',
      '  "data_streams" : [',
      '    {',
      '      "indices" : [',
      '        {',
      '          "index_name" : ".ds-logs-app-web-2026.01.01-000001"',
      '        },',
      '        {',
      '          "index_name" : ".ds-logs-app-web-2026.01.01-000002"',
      '        }',
      '      ],',
      '      "generation" : 2',
      '    }',
      '  ]',
      '}',
    ].join('\n'),
  )
  expect(answer('POST logs-app-web/_rollover?filter_path=new_index')).toBe(
    '200 OK\n{\n  "new_index" : ".ds-logs-app-web-2026.01.01-000003"\n}',
  )
})
