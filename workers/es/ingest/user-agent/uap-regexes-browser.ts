/** `#uap-regexes` in the browser: uap-core's regexes.yaml, bundled into the worker as a string by Vite. */
import text from 'uap-core/regexes.yaml?raw'

export function uapRegexesYaml(): string {
  return text
}
