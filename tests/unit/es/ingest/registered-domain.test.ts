// The registered_domain processor against ES 8's RegisteredDomainProcessor: its unit tests' domains
// (RegisteredDomainProcessorTests, but for two whose rules differ between the lists, see DEVIATIONS), the reference's _simulate example (www.example.ac.uk under `url`, in the
// HashMap order ES prints), and PublicSuffixMatcher's readings of exception, wildcard, private and unlisted rules.
import { describe, expect, it } from 'vitest'
import { startIngest, TIMESTAMP } from './ingest-fixture.ts'
import { ingest, sorted, text } from './ingest-run.ts'

const parts = async (domain: unknown, config: object = {}) =>
  sorted(
    await ingest([{ registered_domain: { field: 'fqdn', ...config } }], JSON.stringify({ fqdn: domain })),
  )

describe('registered_domain', () => {
  it('prints the reference example as ES does', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: { processors: [{ registered_domain: { field: 'fqdn', target_field: 'url' } }] },
      docs: [{ _source: { fqdn: 'www.example.ac.uk' } }],
    })
    expect(response.body).toBe(
      '{"docs":[{"doc":{"_index":"_index","_id":"_id","_version":"-3","_source":{"fqdn":"www.example.ac.uk",' +
        '"url":{"registered_domain":"example.ac.uk","top_level_domain":"ac.uk","domain":"www.example.ac.uk",' +
        `"subdomain":"www"}},"_ingest":{"timestamp":"${TIMESTAMP}"}}}]}`,
    )
  })

  it('splits a domain at its public suffix, the private section included (RegisteredDomainProcessorTests)', async () => {
    expect(await parts('www.google.com')).toBe(
      '{"domain":"www.google.com","fqdn":"www.google.com","registered_domain":"google.com","subdomain":"www","top_level_domain":"com"}',
    )
    expect(await parts('www.books.amazon.co.uk', { target_field: 't' })).toBe(
      '{"fqdn":"www.books.amazon.co.uk","t":{"domain":"www.books.amazon.co.uk","registered_domain":"amazon.co.uk",' +
        '"subdomain":"www.books","top_level_domain":"co.uk"}}',
    )
    // a private-section rule (global.ssl.fastly.net in this list; ES 8.17's older copy of the list has
    // ssl.fastly.net there instead, see DEVIATIONS)
    expect(await parts('1.www.global.ssl.fastly.net', { target_field: 't' })).toBe(
      '{"fqdn":"1.www.global.ssl.fastly.net","t":{"domain":"1.www.global.ssl.fastly.net",' +
        '"registered_domain":"www.global.ssl.fastly.net","subdomain":"1","top_level_domain":"global.ssl.fastly.net"}}',
    )
    // no subdomain: the value is the registered domain
    expect(await parts('example.co.uk', { target_field: 't' })).toBe(
      '{"fqdn":"example.co.uk","t":{"domain":"example.co.uk","registered_domain":"example.co.uk","top_level_domain":"co.uk"}}',
    )
  })

  it("reads exception and wildcard rules as the list's matcher does", async () => {
    // !city.kawasaki.jp is an exception to *.kawasaki.jp; a.b.bar.ck falls under *.ck
    expect(await parts('www.city.kawasaki.jp', { target_field: 't' })).toContain(
      '"registered_domain":"city.kawasaki.jp","subdomain":"www","top_level_domain":"kawasaki.jp"',
    )
    expect(await parts('a.b.bar.ck', { target_field: 't' })).toContain(
      '"registered_domain":"b.bar.ck","subdomain":"a","top_level_domain":"bar.ck"',
    )
  })

  it('gives a public suffix as both domain and top-level domain, as written', async () => {
    expect(await parts('com', { target_field: 't' })).toBe(
      '{"fqdn":"com","t":{"domain":"com","top_level_domain":"com"}}',
    )
    expect(await parts('co.uk', { target_field: 't' })).toBe(
      '{"fqdn":"co.uk","t":{"domain":"co.uk","top_level_domain":"co.uk"}}',
    )
    // PublicSuffixMatcher.matches drops one leading dot
    expect(await parts('.co.uk', { target_field: 't' })).toBe(
      '{"fqdn":".co.uk","t":{"domain":".co.uk","top_level_domain":".co.uk"}}',
    )
  })

  it('lowercases the registered domain only, so an upper-case value has no subdomain', async () => {
    expect(await parts('WWW.Example.COM', { target_field: 't' })).toBe(
      '{"fqdn":"WWW.Example.COM","t":{"domain":"WWW.Example.COM","registered_domain":"example.com","top_level_domain":"com"}}',
    )
  })

  it('leaves a value without a registered domain as it is, or fails without ignore_missing', async () => {
    for (const value of [
      '',
      '.',
      '$',
      'foo.bar.baz',
      'localhost',
      '10.1.2.3',
      'example.com.',
      '.example.com',
    ]) {
      expect(await parts(value)).toBe(JSON.stringify({ fqdn: value }))
      expect(await parts(value, { ignore_missing: false })).toBe(
        'illegal_argument_exception: unable to set domain information for document',
      )
    }
    expect(
      text(await ingest([{ registered_domain: { field: 'fqdn', ignore_missing: false } }], '{"fqdn":null}')),
    ).toBe('illegal_argument_exception: unable to set domain information for document')
    expect(text(await ingest([{ registered_domain: { field: 'fqdn', ignore_missing: false } }], '{}'))).toBe(
      'illegal_argument_exception: field [fqdn] not present as part of path [fqdn]',
    )
    expect(text(await ingest([{ registered_domain: { field: 'fqdn' } }], '{"fqdn":7}'))).toBe(
      'illegal_argument_exception: field [fqdn] of type [java.lang.Integer] cannot be cast to [java.lang.String]',
    )
  })
})
