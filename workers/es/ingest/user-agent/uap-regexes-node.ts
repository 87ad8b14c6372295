/** `#uap-regexes` in Node (vitest, the scenario CLI): uap-core's regexes.yaml, read from node_modules on each call. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

export function uapRegexesYaml(): string {
  return readFileSync(createRequire(import.meta.url).resolve('uap-core/regexes.yaml'), 'utf8')
}
