// The reroute processor (RerouteProcessor, RerouteProcessorTests, ES 8.17) run through IngestService.execute: the
// target it computes, the data_stream.* fields it sets, its factory's errors, and that it ends the pipeline.
import { describe, expect, it } from 'vitest'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'
import { NO_INDEX_PIPELINES, NOW, pipelinesOf, startIngest } from './ingest-fixture.ts'
import { sorted, text } from './ingest-run.ts'

async function reroute(
  options: object,
  source: string,
  index = 'logs-generic-default',
  after: object[] = [],
) {
  const { send, service } = startIngest()
  const put = await send('PUT', '/_ingest/pipeline/p', {
    processors: [{ reroute: options }, ...after],
  })
  if (put.status !== 200) return put.body
  const input = { index, id: '1', routing: null, version: null, source: parseJson(source) as XContentObject }
  const result = service.execute(pipelinesOf(['p']), input, NOW, NO_INDEX_PIPELINES)
  return result.kind === 'indexed' ? `${result.index} ${sorted(result)}` : text(result)
}

describe('reroute processor', () => {
  it('defaults to the data_stream fields, else the current index parts (testDefaults, testDataStreamFieldsFromDocument)', async () => {
    expect(await reroute({}, '{}')).toBe(
      'logs-generic-default {"data_stream":{"dataset":"generic","namespace":"default","type":"logs"}}',
    )
    expect(await reroute({}, '{"data_stream":{"dataset":"foo","namespace":"bar"}}')).toBe(
      'logs-foo-bar {"data_stream":{"dataset":"foo","namespace":"bar","type":"logs"}}',
    )
  })

  it('sanitizes values read from the document (testInvalidDataStreamFieldsFromDocument, testFieldReference)', async () => {
    expect(await reroute({}, '{"data_stream":{"dataset":"Foo-Bar","namespace":"baz#qux"}}')).toBe(
      'logs-foo_bar-baz_qux {"data_stream":{"dataset":"foo_bar","namespace":"baz_qux","type":"logs"}}',
    )
    const refs = { dataset: '{{service.name}}', namespace: '{{{service.environment}}}' }
    expect(await reroute(refs, '{"service":{"name":"opbeans-java","environment":"dev"}}')).toMatch(
      /^logs-opbeans_java-dev /,
    )
    // testDatasetSanitization / testNamespaceSanitization: every disallowed character, `-` only in a dataset.
    const odd = JSON.stringify({ v: '\\/*?"<>| ,#:-' })
    expect(await reroute({ dataset: '{{v}}', namespace: '{{v}}' }, odd)).toMatch(
      /^logs-_____________-____________- /,
    )
    expect(await reroute({ dataset: '{{v}}' }, JSON.stringify({ v: 'x'.repeat(120) }))).toMatch(
      new RegExp(`^logs-${'x'.repeat(100)}-default `),
    )
  })

  it('tries the references in order, then falls back to the index (testDatasetFieldReferenceMissingValue, testFallbackToValuesFrom_index)', async () => {
    const fallback = { dataset: ['{{data_stream.dataset}}', 'fallback'], namespace: ['{{x}}', 'fallback'] }
    expect(await reroute(fallback, '{}')).toMatch(/^logs-fallback-fallback /)
    expect(
      await reroute({ dataset: '{{foo}}', namespace: '{{bar}}' }, '{"data_stream":{"dataset":"x"}}'),
    ).toMatch(/^logs-generic-default /)
  })

  it('keeps event.dataset in step when the document has it (testEventDataset, testNoDataset)', async () => {
    expect(await reroute({ dataset: '{{event.dataset}}' }, '{"event":{"dataset":"foo"}}')).toBe(
      'logs-foo-default {"data_stream":{"dataset":"foo","namespace":"default","type":"logs"},"event":{"dataset":"foo"}}',
    )
    expect(await reroute({ dataset: '{{ds}}' }, '{"ds":"foo"}')).not.toContain('event')
    // testEventDatasetDottedFieldName: a dotted top-level key is read and updated as it is.
    expect(await reroute({ dataset: 'other' }, '{"event.dataset":"foo"}')).toContain(
      '"event.dataset":"other"',
    )
    expect(await reroute({}, '{"data_stream.dataset":"foo","data_stream.namespace":"bar"}')).toMatch(
      /^logs-foo-bar /,
    )
  })

  it('a destination needs no naming scheme and sets no fields (testDestination, testInvalidDataStreamName)', async () => {
    expect(await reroute({ destination: 'bar' }, '{"a":1}', 'foo')).toBe('bar {"a":1}')
    expect(await reroute({}, '{}', 'foo')).toBe(
      'illegal_argument_exception: invalid data stream name: [foo]; must follow naming scheme <type>-<dataset>-<namespace>',
    )
    expect(await reroute({}, '{}', 'logs-foo')).toContain('invalid data stream name: [logs-foo]')
  })

  it('fails on a referenced value that is not a string (testRouteOnNonStringFieldFails)', async () => {
    expect(await reroute({ dataset: '{{numeric_field}}' }, '{"numeric_field":42}')).toBe(
      'illegal_argument_exception: field [numeric_field] of type [java.lang.Integer] cannot be cast to [java.lang.String]',
    )
  })

  it('skips the rest of the pipeline, even when it reroutes to the current target (testRerouteToCurrentTarget)', async () => {
    const after = [{ set: { field: 'pipeline_is_continued', value: true } }]
    expect(await reroute({ dataset: 'generic', namespace: 'default' }, '{}', undefined, after)).not.toContain(
      'pipeline_is_continued',
    )
    expect(
      await reroute({ dataset: 'first' }, '{}', undefined, [{ reroute: { dataset: 'second' } }]),
    ).toMatch(/^logs-first-default /)
  })

  it("refuses the factory's invalid options", async () => {
    const error = async (options: object) => {
      const body = JSON.parse(await reroute(options, '{}')) as { error: { type: string; reason: string } }
      return `${body.error.type}: ${body.error.reason}`
    }
    expect(await error({ destination: 'x', dataset: 'y' })).toBe(
      'parse_exception: [destination] can only be set if dataset and namespace are not set',
    )
    expect(await error({ dataset: 'foo-bar' })).toBe(
      "parse_exception: [dataset] 'foo-bar' contains disallowed characters",
    )
    expect(await error({ namespace: 'Foo' })).toBe(
      "parse_exception: [namespace] 'Foo' contains disallowed characters",
    )
    expect(await error({ dataset: '{{foo}}-{{bar}}' })).toBe(
      "parse_exception: [dataset] '{{foo}}-{{bar}}' is not a valid field reference",
    )
    expect(await error({ dataset: 'x{{foo}}' })).toBe(
      "parse_exception: [dataset] 'x{{foo}}' is not a valid field reference",
    )
    expect(await error({ dataset: 1 })).toBe(
      "parse_exception: [dataset] property isn't a list, but of type [java.lang.Integer]",
    )
  })
})
