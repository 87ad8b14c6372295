/**
 * The `grok` processor (GrokProcessor, ES 8.17): `field`, `patterns` (a non-empty list, tried in order as one
 * alternation), `pattern_definitions` (added over the built-in bank), `ecs_compatibility` (`disabled`, the
 * default, or `v1`), `trace_match`, `ignore_missing`.
 * Creating: a bad mode is `[ecs_compatibility] unsupported mode 'x'`; an empty list `[patterns] List of
 * patterns must not be empty`; a bank with a cycle or a dangling reference fails outside the factory's
 * try, so ConfigurationUtils wraps it (`exception`, 500, caused by illegal_argument_exception); an unknown
 * pattern or a regex error is `[patterns] Invalid regex pattern found in: [p1, p2]. <reason>`.
 * Running: the field must be a string (a missing or null one is skipped with ignore_missing, else fails);
 * no match fails with `Provided Grok expressions do not match field value: [v]`; the captures are set in
 * the order of the Java HashMap that holds them. With trace_match, `_ingest._grok_match_index` is the index
 * of the pattern that matched (as a string; "0" when there is a single pattern).
 */
import { EsException } from '../../errors/index.ts'
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import {
  builtinPatterns,
  DEFAULT_ECS_COMPATIBILITY,
  isEcsCompatibilityMode,
} from '../grok/builtin-patterns.ts'
import { Grok } from '../grok/grok.ts'
import type { PatternBank } from '../grok/pattern-bank.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { convertToElastic, illegalArgumentException } from '../ingest-exceptions.ts'
import { javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

const PATTERN_MATCH_KEY = '_ingest._grok_match_index'

/** GrokProcessor.combinePatterns: several patterns become one alternation, named per index to trace. */
function combinePatterns(patterns: readonly string[], traceMatch: boolean): string {
  if (patterns.length === 1) return patterns[0]!
  return patterns
    .map((pattern, i) => (traceMatch ? `(?<${PATTERN_MATCH_KEY}.${i}>${pattern})` : `(?:${pattern})`))
    .join('|')
}

function readPatterns(config: ProcessorConfig): string[] {
  return config.list('patterns').map((value) => javaToString(value))
}

function readDefinitions(config: ProcessorConfig): Map<string, string> | null {
  const definitions: XContentObject | null = config.optionalMap('pattern_definitions')
  if (definitions === null) return null
  return new Map([...definitions].map(([name, value]) => [name, javaToString(value)]))
}

function extendBank(bank: PatternBank, definitions: Map<string, string> | null): PatternBank {
  try {
    return bank.extendWith(definitions)
  } catch (error) {
    if (error instanceof EsException || !(error instanceof Error)) throw error
    // Outside the factory's try: ConfigurationUtils.readProcessor wraps the plain exception.
    throw convertToElastic('java.lang.IllegalArgumentException', illegalArgumentException(error.message))
  }
}

export function createGrok(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const patterns = readPatterns(config)
  const traceMatch = config.boolean('trace_match', false)
  const ignoreMissing = config.boolean('ignore_missing', false)
  const ecsCompatibility = config.optionalString('ecs_compatibility') ?? DEFAULT_ECS_COMPATIBILITY
  if (!isEcsCompatibilityMode(ecsCompatibility)) {
    throw config.error('ecs_compatibility', `unsupported mode '${ecsCompatibility}'`)
  }
  if (patterns.length === 0) throw config.error('patterns', 'List of patterns must not be empty')
  const bank = extendBank(builtinPatterns(ecsCompatibility), readDefinitions(config))
  let grok: Grok
  try {
    grok = new Grok(bank, combinePatterns(patterns, traceMatch))
  } catch (error) {
    if (error instanceof EsException || !(error instanceof Error)) throw error
    throw config.error(
      'patterns',
      `Invalid regex pattern found in: [${patterns.join(', ')}]. ${error.message}`,
    )
  }
  return {
    type: 'grok',
    execute(doc: IngestDocument) {
      const value = doc.getStringFieldValue(field, ignoreMissing)
      if (value === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${field}] is null, cannot process it.`)
      }
      const matches = grok.captures(value)
      if (matches === null) {
        throw illegalArgumentException(`Provided Grok expressions do not match field value: [${value}]`)
      }
      for (const name of javaHashMapKeyOrder([...matches.keys()])) doc.setFieldValue(name, matches.get(name)!)
      if (traceMatch) {
        if (patterns.length > 1) {
          const matchMap = doc.getFieldValue(PATTERN_MATCH_KEY)
          const first = matchMap instanceof Map ? [...matchMap.keys()][0] : undefined
          if (first !== undefined) doc.setFieldValue(PATTERN_MATCH_KEY, first)
        } else {
          doc.setFieldValue(PATTERN_MATCH_KEY, '0')
        }
      }
      return doc
    },
  }
}
