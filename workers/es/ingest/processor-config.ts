/**
 * ConfigurationUtils (ES 8) over one processor's (or a pipeline's) configuration map: each read removes
 * the property, so what is left at the end is what the processor does not support. Errors are
 * newConfigurationException's parse_exception with the processor type, tag and property name:
 * `[field] required property is missing`, `[field] property isn't a string, but of type [java.lang.Integer]`,
 * `[x] property isn't a boolean, but of type [...]`, `[x] property isn't a list, but of type [...]`,
 * `[x] property isn't a map, but of type [...]`, `[version] property cannot be converted to an int [x]`.
 * Leftover keys are listed in Java HashMap order, as Arrays.toString(config.keySet().toArray()) prints them.
 */
import { EsException } from '../errors/index.ts'
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import { configurationException, withProcessorMetadata, type ProcessorRef } from './ingest-exceptions.ts'
import { javaClassName, javaToString } from './java-values.ts'
import { Template } from './template.ts'

export class ProcessorConfig {
  /** Reads from `config`, removing what it reads: the caller hands over a map it owns. */
  constructor(
    readonly ref: ProcessorRef,
    private readonly config: XContentObject,
  ) {}

  /** The same remaining properties, with errors naming another processor type and tag. */
  withRef(ref: ProcessorRef): ProcessorConfig {
    return new ProcessorConfig(ref, this.config)
  }

  error(property: string | null, reason: string): EsException {
    return configurationException(this.ref, property, reason)
  }

  has(name: string): boolean {
    return this.config.has(name)
  }

  /** Removes the property; null when it is missing or JSON null (Java's map.remove returns null). */
  take(name: string): XContentValue {
    const value = this.config.get(name) ?? null
    this.config.delete(name)
    return value
  }

  required(name: string): Exclude<XContentValue, null> {
    const value = this.take(name)
    if (value === null) throw this.error(name, 'required property is missing')
    return value
  }

  string(name: string): string {
    return this.asString(name, this.required(name))
  }

  optionalString(name: string): string | null {
    const value = this.take(name)
    return value === null ? null : this.asString(name, value)
  }

  private asString(name: string, value: Exclude<XContentValue, null>): string {
    if (typeof value === 'string') return value
    throw this.error(name, `property isn't a string, but of type [${javaClassName(value)}]`)
  }

  boolean(name: string, defaultValue: boolean): boolean {
    const value = this.take(name)
    if (value === null) return defaultValue
    if (typeof value === 'boolean') return value
    throw this.error(name, `property isn't a boolean, but of type [${javaClassName(value)}]`)
  }

  /** readIntProperty: Integer.parseInt(value.toString()). */
  optionalInt(name: string): number | null {
    const value = this.take(name)
    if (value === null) return null
    const text = javaToString(value)
    if (/^[+-]?\d+$/.test(text) && Math.abs(Number(text)) <= 2147483647) return Number(text)
    throw this.error(name, `property cannot be converted to an int [${text}]`)
  }

  list(name: string): XContentValue[] {
    return this.asList(name, this.required(name))
  }

  optionalList(name: string): XContentValue[] | null {
    const value = this.take(name)
    return value === null ? null : this.asList(name, value)
  }

  /** readOptionalListOrString: a string is a list of one; missing is an empty list. */
  optionalListOrString(name: string): XContentValue[] {
    const value = this.take(name)
    if (value === null) return []
    return typeof value === 'string' ? [value] : this.asList(name, value)
  }

  private asList(name: string, value: Exclude<XContentValue, null>): XContentValue[] {
    if (Array.isArray(value)) return value
    throw this.error(name, `property isn't a list, but of type [${javaClassName(value)}]`)
  }

  optionalMap(name: string): XContentObject | null {
    const value = this.take(name)
    if (value === null || value instanceof Map) return value
    throw this.error(name, `property isn't a map, but of type [${javaClassName(value)}]`)
  }

  /** A required string property compiled as a template (ConfigurationUtils.compileTemplate). */
  template(name: string): Template {
    return this.compile(name, this.string(name))
  }

  optionalTemplate(name: string): Template | null {
    const text = this.optionalString(name)
    return text === null ? null : this.compile(name, text)
  }

  compile(name: string, text: string): Template {
    try {
      return Template.compile(text)
    } catch (error) {
      if (error instanceof EsException) throw withProcessorMetadata(error, this.ref, name)
      throw error
    }
  }

  /** The keys nobody read, in HashMap order. */
  leftover(): string[] {
    return javaStringKeyOrder([...this.config.keys()])
  }
}
