/**
 * The `sort` processor (SortProcessor, ES 8): `field` (a list), `order` (`asc`, the default, or `desc`; anything
 * else: `[order] Sort direction [x] not recognized. Valid values are: [asc, desc]`), `target_field` (default: the
 * field). The sorted copy is Collections.sort's: stable, in the elements' natural order (String.compareTo's UTF-16
 * order, numbers by value, false before true); `desc` is Collections.reverseOrder(), still stable. Elements of
 * different classes (an Integer and a Long, a String and a number) or that are not Comparable (maps, lists) fail
 * as Comparable.compareTo's cast does (class_cast_exception, 500), and a null element with a
 * NullPointerException. A null field fails with `field [x] is null, cannot sort.`.
 */
import type { XContentValue, XNumber } from '../../xcontent/index.ts'
import { castError, type IngestDocument } from '../ingest-document.ts'
import { classCastException, illegalArgumentException, nullPointerException } from '../ingest-exceptions.ts'
import { javaClassName } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

/** a.compareTo(b) for two elements of a JSON list, as Java compares the objects they are read as. */
function compareNatural(a: XContentValue, b: XContentValue): number {
  if (a === null || b === null) {
    throw nullPointerException()
  }
  const aClass = javaClassName(a)
  if (a instanceof Map || Array.isArray(a)) throw classCastException(aClass, 'java.lang.Comparable')
  const bClass = javaClassName(b)
  if (aClass !== bClass) throw classCastException(bClass, aClass)
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0
  if (typeof a === 'boolean') return Number(a) - Number(b)
  const [x, y] = [a, b as XNumber]
  if (x.isInteger) {
    const diff = BigInt(x.text) - BigInt(y.text)
    return diff < 0n ? -1 : diff > 0n ? 1 : 0
  }
  if (x.value !== y.value) return x.value < y.value ? -1 : 1
  // Double.compareTo: -0.0 before 0.0.
  return Number(Object.is(y.value, -0)) - Number(Object.is(x.value, -0))
}

export function createSort(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const targetField = config.optionalString('target_field') ?? field
  const order = config.optionalString('order') ?? 'asc'
  if (order !== 'asc' && order !== 'desc') {
    throw config.error('order', `Sort direction [${order}] not recognized. Valid values are: [asc, desc]`)
  }
  const direction = order === 'asc' ? 1 : -1
  return {
    type: 'sort',
    execute(doc: IngestDocument) {
      const list = doc.getFieldValue(field) ?? null
      if (list === null) throw illegalArgumentException(`field [${field}] is null, cannot sort.`)
      if (!Array.isArray(list)) castError(field, list, 'java.util.List')
      const copy = [...list]
      // Collections.reverseOrder() compares b to a.
      copy.sort((a, b) => (direction === 1 ? compareNatural(a, b) : compareNatural(b, a)))
      doc.setFieldValue(targetField, copy)
      return doc
    },
  }
}
