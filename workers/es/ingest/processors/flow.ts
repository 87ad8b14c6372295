/**
 * Processors that steer the run: `drop` (the document is not indexed), `fail` (`message`, a template:
 * fail_processor_exception, status 500) and `pipeline` (`name`, a template, runs another stored pipeline
 * on the document; `ignore_missing_pipeline`; a missing one fails with `Pipeline processor configured for
 * non-existent pipeline [x]`, a pipeline already running on the document with `Cycle detected for
 * pipeline: x`) and `terminate` (no options: the current pipeline's remaining processors are skipped,
 * TerminateProcessor).
 */
import type { IngestDocument } from '../ingest-document.ts'
import { failProcessorException, illegalStateException } from '../ingest-exceptions.ts'
import type { ExecutionContext, Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

export function createDrop(): Processor {
  return { type: 'drop', execute: () => null }
}

export function createTerminate(): Processor {
  return {
    type: 'terminate',
    execute(doc: IngestDocument) {
      doc.terminated = true
      return doc
    },
  }
}

export function createFail(config: ProcessorConfig): Processor {
  const message = config.template('message')
  return {
    type: 'fail',
    execute(doc: IngestDocument) {
      throw failProcessorException(message.render(doc))
    },
  }
}

export function createPipeline(config: ProcessorConfig): Processor {
  const name = config.template('name')
  const ignoreMissingPipeline = config.boolean('ignore_missing_pipeline', false)
  return {
    type: 'pipeline',
    execute(doc: IngestDocument, context: ExecutionContext) {
      const id = name.render(doc)
      const pipeline = context.pipeline(id)
      if (pipeline === undefined) {
        if (ignoreMissingPipeline) return doc
        throw illegalStateException(`Pipeline processor configured for non-existent pipeline [${id}]`)
      }
      return pipeline.execute(doc, context)
    },
  }
}
