/**
 * The `registered_domain` processor (RegisteredDomainProcessor, ES 8): `field`, `target_field` (default "": the
 * parts go to the document's root) and `ignore_missing` (default true). It writes `domain`, `registered_domain`,
 * `top_level_domain` and `subdomain` (each only when known) under `target_field`, or, when the field is missing,
 * null or has no registered domain, fails with `unable to set domain information for document` unless
 * `ignore_missing`.
 *
 * The domain is read as the Apache HttpClient ES bundles reads it (PublicSuffixMatcher.getDomainRoot and matches,
 * over both the ICANN and the private sections of the Public Suffix List; tldts carries the list and its matching
 * rules: exceptions, wildcards):
 * - a value matched by no rule (`foo.bar.baz`, `localhost`, an IP address) has no registered domain, nor has one
 *   ending with a dot (the matcher looks its empty last label up);
 * - a value that is itself a public suffix (`co.uk`) gives `domain` and `top_level_domain` only, both the value
 *   as written; so does a value with one leading dot before a public suffix (PublicSuffixMatcher.matches drops
 *   one leading dot); another value with a leading dot has no registered domain;
 * - otherwise `registered_domain` is the suffix and one label more, lowercased as the matcher lowercases the
 *   domain (Locale.ROOT); `top_level_domain` is what follows its first dot; `domain` is the value as written; `subdomain` is
 *   what comes before `.` + the registered domain, looked for in the value as written (so an upper-case value
 *   has none).
 */
import { parse } from 'tldts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

interface DomainInfo {
  domain: string
  registeredDomain?: string
  topLevelDomain: string
  subdomain?: string
}

/**
 * What the suffix list says of a domain (lowercased here, as getDomainRoot lowercases it): its registered domain,
 * or null for one that is itself a public suffix; no answer when no rule matches it.
 */
function lookUp(domain: string): { registeredDomain: string | null } | null {
  if (domain.endsWith('.')) return null
  const parsed = parse(domain.toLowerCase(), {
    allowPrivateDomains: true,
    extractHostname: false,
    validateHostname: false,
    detectIp: false,
  })
  // tldts falls back to the last label when no rule matches (the list's implicit `*` rule); the matcher does not
  if (parsed.isIcann !== true && parsed.isPrivate !== true) return null
  return { registeredDomain: parsed.domain }
}

/** Whether the value, one leading dot dropped, is a public suffix (PublicSuffixMatcher.matches). */
function isPublicSuffix(value: string): boolean {
  const domain = value.startsWith('.') ? value.slice(1) : value
  if (domain.startsWith('.')) return true
  return lookUp(domain)?.registeredDomain === null
}

function domainInfo(value: string): DomainInfo | null {
  const match = value.startsWith('.') ? null : lookUp(value)
  const registeredDomain = match?.registeredDomain ?? null
  if (registeredDomain === null) {
    return isPublicSuffix(value) ? { domain: value, topLevelDomain: value } : null
  }
  const topLevelAt = registeredDomain.indexOf('.') + 1
  const subdomainEnd = value.lastIndexOf(`.${registeredDomain}`)
  return {
    domain: value,
    registeredDomain,
    topLevelDomain: registeredDomain.slice(topLevelAt),
    ...(subdomainEnd > 0 ? { subdomain: value.slice(0, subdomainEnd) } : {}),
  }
}

export function createRegisteredDomain(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const targetField = config.optionalString('target_field') ?? ''
  const ignoreMissing = config.boolean('ignore_missing', true)
  const prefix = targetField === '' ? '' : `${targetField}.`
  return {
    type: 'registered_domain',
    execute(doc: IngestDocument) {
      const value = doc.getStringFieldValue(field, ignoreMissing)
      const info = value === null ? null : domainInfo(value)
      if (info === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException('unable to set domain information for document')
      }
      doc.setFieldValue(`${prefix}domain`, info.domain)
      if (info.registeredDomain !== undefined)
        doc.setFieldValue(`${prefix}registered_domain`, info.registeredDomain)
      doc.setFieldValue(`${prefix}top_level_domain`, info.topLevelDomain)
      if (info.subdomain !== undefined) doc.setFieldValue(`${prefix}subdomain`, info.subdomain)
      return doc
    },
  }
}
