/**
 * The `uri_parts` processor (UriPartsProcessor, ES 8.17): parses the string at `field` as java.net.URI does
 * (java-uri.ts), falling back to java.net.URL (java-url.ts) for text URI refuses, and sets at `target_field`
 * (default `url`) a map of `domain` (the host, null when there is none), `scheme`, and when defined `fragment`,
 * `path` with `extension` (after the last `.` of the path's last `/` segment), `port`, `query`, `user_info`, and
 * when the user info holds a `:` the `username` and `password` around its first one; `original` (the text) unless
 * `keep_original` is false. `remove_if_successful` (false) removes `field` unless it is the target;
 * `ignore_missing` (false) leaves a document whose field is missing or null unchanged. Text neither parser takes
 * fails with `unable to parse URI [text]`; a null value without `ignore_missing` fails as `new URI(null)` does,
 * with a NullPointerException.
 */
import { XNumber, type XContentObject } from '../../xcontent/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException, nullPointerException } from '../ingest-exceptions.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import { parseJavaUri } from './java-uri.ts'
import { parseJavaUrl } from './java-url.ts'

/** UriPartsProcessor.apply: the parts of `text`. */
export function uriParts(text: string): XContentObject {
  const parts = parseJavaUri(text) ?? parseJavaUrl(text)
  if (parts === null) throw illegalArgumentException(`unable to parse URI [${text}]`)
  const result: XContentObject = new Map([['domain', parts.host]])
  if (parts.fragment !== null) result.set('fragment', parts.fragment)
  if (parts.path !== null) {
    result.set('path', parts.path)
    // The extension is read from the last `/` segment only (none without a `/`).
    const slash = parts.path.lastIndexOf('/')
    const period = parts.path.lastIndexOf('.')
    if (slash >= 0 && period > slash) result.set('extension', parts.path.slice(period + 1))
  }
  if (parts.port !== -1) result.set('port', new XNumber(String(parts.port)))
  if (parts.query !== null) result.set('query', parts.query)
  result.set('scheme', parts.scheme)
  if (parts.userInfo !== null) {
    result.set('user_info', parts.userInfo)
    const colon = parts.userInfo.indexOf(':')
    if (colon >= 0) {
      result.set('username', parts.userInfo.slice(0, colon))
      result.set('password', parts.userInfo.slice(colon + 1))
    }
  }
  return result
}

export function createUriParts(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const targetField = config.optionalString('target_field') ?? 'url'
  const removeIfSuccessful = config.boolean('remove_if_successful', false)
  const keepOriginal = config.boolean('keep_original', true)
  const ignoreMissing = config.boolean('ignore_missing', false)
  return {
    type: 'uri_parts',
    execute(doc: IngestDocument): IngestDocument {
      const value = doc.getStringFieldValue(field, ignoreMissing)
      if (value === null) {
        if (ignoreMissing) return doc
        throw nullPointerException()
      }
      const parts = uriParts(value)
      if (keepOriginal) parts.set('original', value)
      if (removeIfSuccessful && targetField !== field) doc.removeField(field)
      doc.setFieldValue(targetField, parts)
      return doc
    },
  }
}
