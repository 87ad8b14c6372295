/**
 * The `kv` processor (KeyValueProcessor, ES 8): `field` and `target_field` (templates), `field_split` and
 * `value_split` (Java regexes), `trim_key` and `trim_value` (characters for a Java character class),
 * `prefix`, `strip_brackets`, `include_keys`, `exclude_keys`, `ignore_missing`.
 *
 * Running: a missing field (or an empty rendered name) is skipped with ignore_missing, else fails with
 * `field [x] doesn't exist`; a null one `field [x] is null, cannot extract key-value pairs.`; a non-string
 * one with IngestDocument's cast error. The text is split on field_split (String.split, limit 0: trailing
 * empty parts dropped), each part on value_split into exactly two (limit 2; otherwise `field [x] does not
 * contain value_split [s]`). The key is trimmed, then filtered (in include_keys if given, not in
 * exclude_keys); the value has one leading and one trailing bracket or quote removed (strip_brackets), then
 * is trimmed. The field `target_field.prefix+key` (or `prefix+key`) is set, or appended to when it exists:
 * a repeated key becomes a list.
 *
 * Separators longer than a char (or an escaped one) are compiled with the pipeline, as ES does (a bad one
 * fails the pipeline: `exception`, 500, caused by `pattern_syntax_exception`); String.split compiles the
 * others on each use, so a bad one fails the run (`pattern_syntax_exception`, 400).
 */
import { EsException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { convertToElastic, illegalArgumentException } from '../ingest-exceptions.ts'
import { patternSplit } from '../../../net/java-pattern-split.ts'
import { compileSafeJavaPattern, JAVA_END, javaReplaceAll } from '../java-regex.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

const STRIP_BRACKETS = new RegExp(`(^[([<"'])|([\\])>"']${JAVA_END})`, 'g')

type Splitter = (value: string) => string[]

/** PatternSyntaxException, an IllegalArgumentException. */
function patternSyntaxException(reason: string): EsException {
  return new EsException({ type: 'pattern_syntax_exception', reason, status: 400, rootCause: false })
}

/** A Java regex, or the PatternSyntaxException compiling it throws; the playground's refusal is thrown. */
function compileRegex(regex: string): RegExp | EsException {
  const compiled = compileSafeJavaPattern(regex)
  return typeof compiled === 'string' ? patternSyntaxException(compiled) : compiled
}

/** A failure at PUT: ConfigurationUtils wraps the plain PatternSyntaxException. */
function atPut(error: EsException): EsException {
  return convertToElastic('java.util.regex.PatternSyntaxException', error)
}

/** buildSplitter: String.split's own path for one char or an escaped one, a compiled Pattern otherwise. */
function splitter(split: string, limit: number): Splitter {
  const compiled = compileRegex(split)
  const eager = split.length > 2 || (split.length === 2 && split[0] !== '\\')
  if (compiled instanceof EsException) {
    if (eager) throw atPut(compiled)
    return () => {
      throw compiled
    }
  }
  return (value) => patternSplit(value, compiled, limit)
}

function trimmer(trim: string | null): (value: string) => string {
  if (trim === null) return (value) => value
  // ES's `$` written as `\Z`, the same in Java without MULTILINE: before a final line terminator too.
  const compiled = compileRegex(`(^([${trim}]+))|([${trim}]+\\Z)`)
  if (compiled instanceof EsException) throw atPut(compiled)
  return (value) => javaReplaceAll(value, compiled, '')
}

/** readOptionalList into a Set<String>: only strings can ever be contained. */
function keySet(values: XContentValue[] | null): Set<string> | null {
  return values === null ? null : new Set(values.filter((v): v is string => typeof v === 'string'))
}

export function createKeyValue(config: ProcessorConfig): Processor {
  const field = config.template('field')
  const targetField = config.optionalTemplate('target_field')
  const fieldSplit = config.string('field_split')
  const valueSplit = config.string('value_split')
  const trimKey = config.optionalString('trim_key')
  const trimValue = config.optionalString('trim_value')
  const prefix = config.optionalString('prefix') ?? ''
  const stripBrackets = config.boolean('strip_brackets', false)
  const includeKeys = keySet(config.optionalList('include_keys'))
  const excludeKeys = keySet(config.optionalList('exclude_keys'))
  const ignoreMissing = config.boolean('ignore_missing', false)
  const splitFields = splitter(fieldSplit, 0)
  const splitValue = splitter(valueSplit, 2)
  const keyTrimmer = trimmer(trimKey)
  const valueTrimmer = trimmer(trimValue)
  const keep = (key: string) =>
    (includeKeys === null || includeKeys.has(key)) && (excludeKeys === null || !excludeKeys.has(key))
  return {
    type: 'kv',
    execute(doc: IngestDocument) {
      const target = targetField === null ? '' : targetField.render(doc)
      const pathPrefix = target === '' ? prefix : `${target}.${prefix}`
      const path = field.render(doc)
      if (path === '' || !doc.hasField(path, true)) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${path}] doesn't exist`)
      }
      const value = doc.getStringFieldValue(path, ignoreMissing)
      if (value === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${path}] is null, cannot extract key-value pairs.`)
      }
      for (const part of splitFields(value)) {
        const kv = splitValue(part)
        if (kv.length !== 2) {
          throw illegalArgumentException(`field [${path}] does not contain value_split [${valueSplit}]`)
        }
        const key = keyTrimmer(kv[0]!)
        if (!keep(key)) continue
        const text = valueTrimmer(stripBrackets ? javaReplaceAll(kv[1]!, STRIP_BRACKETS, '') : kv[1]!)
        const name = pathPrefix + key
        if (doc.hasField(name)) doc.appendFieldValue(name, text, true)
        else doc.setFieldValue(name, text)
      }
      return doc
    },
  }
}
