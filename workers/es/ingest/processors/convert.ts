/**
 * The `convert` processor (ConvertProcessor, ES 8): `field`, `target_field`, `type`, `ignore_missing`.
 * A list is converted element by element. Conversions of value.toString():
 * - integer / long: Integer.parseInt / Long.parseLong, or Integer.decode for `0x…` (`unable to convert [x]
 *   to integer`); float / double: Float.parseFloat / Double.parseDouble (`unable to convert [x] to float`);
 * - boolean: `true` / `false` in any case (`[x] is not a boolean value, cannot convert to boolean`);
 * - ip: a valid IPv4 or IPv6 literal, kept as the string (`[x] is not a valid ip address, cannot convert to ip`);
 * - string: Object.toString; auto: a string tries boolean, integer, long, float, double in that order and
 *   stays a string if none works; other values stay as they are.
 * Unknown type: `[type] type [x] not supported, cannot convert field.`; a null value:
 * `Field [x] is null, cannot be converted to type [t]`. Floats print as Float.toString; non-finite
 * results are kept as the strings Jackson writes for them (`"NaN"`, `"Infinity"`).
 */
import { parseJavaDouble } from '../../../net/java-double.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import { javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import { INT_RANGE, LONG_RANGE, parseJavaInteger } from '../../../net/java-integer.ts'
import { javaFloatingValue } from './java-numbers.ts'
import { isInetAddress } from './inet-addresses.ts'

const TYPES = ['integer', 'long', 'float', 'double', 'boolean', 'ip', 'string', 'auto'] as const
type ConvertType = (typeof TYPES)[number]

function convert(type: ConvertType, value: XContentValue): XContentValue {
  const text = javaToString(value)
  switch (type) {
    case 'integer':
    case 'long': {
      const n = parseJavaInteger(text, type === 'integer' ? INT_RANGE : LONG_RANGE)
      if (n === null) throw illegalArgumentException(`unable to convert [${text}] to ${type}`)
      return new XNumber(n.toString())
    }
    case 'float':
    case 'double': {
      const n = parseJavaDouble(text)
      if (n === null) throw illegalArgumentException(`unable to convert [${text}] to ${type}`)
      return javaFloatingValue(n, type)
    }
    case 'boolean': {
      const lower = text.toLowerCase()
      if (lower === 'true' || lower === 'false') return lower === 'true'
      throw illegalArgumentException(`[${text}] is not a boolean value, cannot convert to boolean`)
    }
    case 'ip':
      if (isInetAddress(text)) return text
      throw illegalArgumentException(`[${text}] is not a valid ip address, cannot convert to ip`)
    case 'string':
      return text
    case 'auto':
      if (typeof value !== 'string') return value
      for (const attempt of ['boolean', 'integer', 'long', 'float', 'double'] as const) {
        try {
          return convert(attempt, value)
        } catch {
          // ConvertProcessor.Type.AUTO: try the next type.
        }
      }
      return value
  }
}

export function createConvert(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const typeName = config.string('type')
  const type = TYPES.find((t) => t === typeName.toLowerCase())
  if (type === undefined)
    throw config.error('type', `type [${typeName}] not supported, cannot convert field.`)
  const targetField = config.optionalString('target_field') ?? field
  const ignoreMissing = config.boolean('ignore_missing', false)
  return {
    type: 'convert',
    execute(doc: IngestDocument) {
      const value = doc.getFieldValue(field, ignoreMissing) ?? null
      if (value === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`Field [${field}] is null, cannot be converted to type [${type}]`)
      }
      doc.setFieldValue(
        targetField,
        Array.isArray(value) ? value.map((v) => convert(type, v)) : convert(type, value),
      )
      return doc
    },
  }
}
