/**
 * Conformance transcripts: every example scenario, run through the headless runner on a fresh cluster,
 * must print exactly its expected transcript in tests/conformance/. The expected texts were checked line
 * by line against the real tools' documented output (Kafka 4.1's TopicCommand and console clients,
 * Elasticsearch 8.17's REST responses as Kibana Dev Tools shows them with `pretty`).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatTranscript } from '../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from './wasm.ts'

const examples = readdirSync(new URL('../../../examples/', import.meta.url)).filter((f) => f.endsWith('.txt'))

describe('example scenarios', () => {
  it('has an expected transcript for every example', () => {
    const transcripts = readdirSync(new URL('../../conformance/', import.meta.url))
    expect(examples.length).toBeGreaterThan(0)
    for (const example of examples) expect(transcripts).toContain(example.replace('.txt', '.transcript.txt'))
  })

  for (const example of examples) {
    it(`${example} prints its expected transcript`, async () => {
      const script = readFileSync(new URL(`../../../examples/${example}`, import.meta.url), 'utf8')
      const expected = readFileSync(
        new URL(`../../conformance/${example.replace('.txt', '.transcript.txt')}`, import.meta.url),
        'utf8',
      )
      const cluster = await headlessTestCluster(3, 3, 1)
      expect(formatTranscript(await runScenario(script, cluster))).toBe(expected)
    })
  }
})
