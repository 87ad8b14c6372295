/**
 * The `script` processor (ES's ScriptProcessor): a Painless script (../../script/) compiled when the pipeline
 * is stored, run with `params` and `ctx`, the source with the metadata fields (`_index`, `_id`, `_routing`,
 * `_version`) beside it; what the script leaves in `ctx` becomes the document again, the metadata keys going
 * back to the metadata. Only inline `painless` scripts (`source`, or the processor given as a string) are
 * supported; a stored script `id` is refused.
 */
import type { XContentValue } from '../../xcontent/index.ts'
import { PainlessScript } from '../../script/painless-script.ts'
import { fromXContent, toXContent, type Value } from '../../script/painless-values.ts'
import { METADATA_FIELDS, type IngestDocument } from '../ingest-document.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

export function createScript(config: ProcessorConfig): Processor {
  const lang = config.optionalString('lang') ?? 'painless'
  if (config.has('id')) throw config.error('id', 'stored scripts are not supported in this playground')
  const source = config.string('source')
  const params = fromXContent(config.optionalMap('params') ?? new Map<string, XContentValue>())
  if (lang !== 'painless') throw config.error('lang', `script lang [${lang}] not supported`)
  const script = PainlessScript.compile(source, ['ctx', 'params'])
  return {
    type: 'script',
    execute(doc: IngestDocument) {
      const ctx = fromXContent(new Map([...doc.source, ...doc.metadata])) as Map<string, Value>
      script.run(
        new Map<string, Value>([
          ['ctx', ctx],
          ['params', params],
        ]),
      )
      doc.source.clear()
      for (const [key, value] of toXContent(ctx) as Map<string, XContentValue>) {
        if ((METADATA_FIELDS as readonly string[]).includes(key)) doc.metadata.set(key, value)
        else doc.source.set(key, value)
      }
      return doc
    },
  }
}
