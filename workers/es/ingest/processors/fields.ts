/**
 * Processors that move fields: `remove` (`field`: one template or a list, `ignore_missing`; or `keep`: every
 * non-metadata field is removed except the kept paths, their parents and children; one of the two:
 * `[keep] or [field] must be specified`, `[keep] and [field] cannot both be used in the same processor`),
 * `rename` (`field` → `target_field`, both templates: `field [x] doesn't exist`, `field [y] already exists`
 * unless `override`), and `dot_expander` (`field` with dots, or `*`, under an optional `path`, into objects;
 * an existing target gains the value as a list unless `override`).
 */
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { castError, type IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import type { Template } from '../template.ts'
import { javaToString } from '../java-values.ts'

function templates(config: ProcessorConfig, name: string): Template[] {
  if (!config.has(name)) return []
  const value = config.required(name)
  const texts = Array.isArray(value) ? value : [value]
  return texts.map((text) => config.compile(name, javaToString(text)))
}

export function createRemove(config: ProcessorConfig): Processor {
  const remove = templates(config, 'field')
  const keep = templates(config, 'keep')
  if (remove.length === 0 && keep.length === 0) throw config.error('keep', 'or [field] must be specified')
  if (remove.length > 0 && keep.length > 0) {
    throw config.error('keep', 'and [field] cannot both be used in the same processor')
  }
  const ignoreMissing = config.boolean('ignore_missing', false)
  return {
    type: 'remove',
    execute(doc: IngestDocument) {
      if (keep.length > 0) {
        const kept = keep.map((template) => template.render(doc))
        for (const path of allFields(doc.source, '')) {
          const keepIt = kept.some((k) => k === path || k.startsWith(path + '.') || path.startsWith(k + '.'))
          if (!keepIt && doc.hasField(path)) doc.removeField(path)
        }
        return doc
      }
      for (const template of remove) {
        const path = template.render(doc)
        if (!ignoreMissing || doc.hasField(path)) doc.removeField(path)
      }
      return doc
    },
  }
}

/** IngestDocument.getAllFields: every map path, parents before children. */
function allFields(map: XContentObject, prefix: string): string[] {
  return javaStringKeyOrder([...map.keys()]).flatMap((key) => {
    const value = map.get(key)
    return [prefix + key, ...(value instanceof Map ? allFields(value, prefix + key + '.') : [])]
  })
}

export function createRename(config: ProcessorConfig): Processor {
  const field = config.template('field')
  const targetField = config.template('target_field')
  const ignoreMissing = config.boolean('ignore_missing', false)
  const override = config.boolean('override', false)
  return {
    type: 'rename',
    execute(doc: IngestDocument) {
      const path = field.render(doc)
      if (path === '' || !doc.hasField(path, true)) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${path}] doesn't exist`)
      }
      const target = targetField.render(doc)
      if (doc.hasField(target, true) && !override) {
        throw illegalArgumentException(`field [${target}] already exists`)
      }
      const value = doc.getFieldValue(path) ?? null
      doc.removeField(path)
      try {
        doc.setFieldValue(target, value)
      } catch (error) {
        doc.setFieldValue(path, value)
        throw error
      }
      return doc
    },
  }
}

export function createDotExpander(config: ProcessorConfig): Processor {
  const field = config.string('field')
  if (!field.includes('.') && field !== '*') {
    throw config.error('field', 'field does not contain a dot and is not a wildcard')
  }
  if (field.startsWith('.') || field.endsWith('.'))
    throw config.error('field', "Field can't start or end with a dot")
  if (field.includes('..')) throw config.error('field', 'No space between dots')
  const path = config.optionalString('path')
  const override = config.boolean('override', false)
  return {
    type: 'dot_expander',
    execute(doc: IngestDocument) {
      let map: XContentObject
      if (path === null) map = doc.source
      else {
        const value = doc.getFieldValue(path) ?? null
        if (!(value instanceof Map)) return value === null ? doc : castError(path, value, 'java.util.Map')
        map = value
      }
      const keys =
        field === '*' ? javaStringKeyOrder([...map.keys()]).filter((k) => k.indexOf('.') > 0) : [field]
      for (const key of keys) expandDot(doc, path === null ? key : `${path}.${key}`, key, map, override)
      return doc
    },
  }
}

function expandDot(
  doc: IngestDocument,
  path: string,
  key: string,
  map: XContentObject,
  override: boolean,
): void {
  if (!map.has(key)) return
  if (doc.hasField(path)) {
    const value = map.get(key)!
    map.delete(key)
    if (override) doc.setFieldValue(path, value)
    else doc.appendFieldValue(path, value, true)
    return
  }
  for (let index = path.indexOf('.'); index !== -1; index = path.indexOf('.', index + 1)) {
    const partial = path.slice(0, index)
    if (!doc.hasField(partial, true)) break
    const value: XContentValue | undefined = doc.getFieldValue(partial)
    if (!(value instanceof Map)) {
      throw illegalArgumentException(
        `cannot expand [${path}], because [${partial}] is not an object field, but a value field`,
      )
    }
  }
  const value = map.get(key)!
  map.delete(key)
  doc.setFieldValue(path, value)
}
