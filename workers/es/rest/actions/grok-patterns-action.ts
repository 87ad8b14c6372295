/**
 * GET /_ingest/processor/grok (GrokProcessorGetAction, ES 8): `{"patterns":{name: definition,...}}`, the
 * built-in bank of `ecs_compatibility` (`disabled`, the default, or `v1`; another value is an
 * illegal_argument_exception `unsupported ECS compatibility mode [x]`), in load order, or sorted by name
 * (a Java TreeMap) with `?s`.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { compareJavaStrings } from '../../../net/java-hash.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import {
  builtinPatterns,
  DEFAULT_ECS_COMPATIBILITY,
  isEcsCompatibilityMode,
} from '../../ingest/grok/builtin-patterns.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import { guarded, json } from '../responses.ts'
import { paramAsBoolean } from './rest-params.ts'

export function registerGrokPatternsAction(controller: RestController): void {
  controller.register(
    'GET',
    '/_ingest/processor/grok',
    (req) => guarded(() => grokPatterns(req)),
    'ingest.processor_grok',
  )
}

function grokPatterns(req: RestHandlerRequest): RestResponse {
  const sorted = paramAsBoolean(req.params.get('s'))
  const mode = req.params.get('ecs_compatibility') ?? DEFAULT_ECS_COMPATIBILITY
  if (!isEcsCompatibilityMode(mode))
    throw illegalArgumentException(`unsupported ECS compatibility mode [${mode}]`)
  const entries = [...builtinPatterns(mode).entries()]
  if (sorted) entries.sort(([a], [b]) => compareJavaStrings(a, b))
  return json(200, new Map<string, JsonOut>([['patterns', new Map<string, JsonOut>(entries)]]))
}
