// The uri_parts processor against UriPartsProcessorTests and 320_uri_parts_processor.yml (ES 8.17): java.net.URI's
// parts, java.net.URL's for text URI refuses, and `unable to parse URI [..]` when neither takes it.
import { describe, expect, it } from 'vitest'
import { ingest, sorted, text } from './ingest-run.ts'

async function parts(uri: string, options: object = {}) {
  const result = await ingest(
    [{ uri_parts: { field: 'field', keep_original: false, ...options } }],
    JSON.stringify({ field: uri }),
  )
  if (result.kind !== 'indexed') return text(result)
  return (JSON.parse(result.text) as { url?: object }).url
}

describe('uri_parts', () => {
  it('reads the parts UriPartsProcessorTests.testUriParts expects', async () => {
    expect(await parts('http://www.google.com')).toEqual({
      scheme: 'http',
      domain: 'www.google.com',
      path: '',
    })
    expect(await parts('http://www.google.com:88/google.png')).toEqual({
      scheme: 'http',
      domain: 'www.google.com',
      extension: 'png',
      path: '/google.png',
      port: 88,
    })
    expect(
      await parts('https://user:pw@testing.google.com:8080/foo/bar?foo1=bar1&foo2=bar2#anchorVal'),
    ).toEqual({
      scheme: 'https',
      domain: 'testing.google.com',
      fragment: 'anchorVal',
      path: '/foo/bar',
      port: 8080,
      username: 'user',
      password: 'pw',
      user_info: 'user:pw',
      query: 'foo1=bar1&foo2=bar2',
    })
    expect(await parts('https://user:@www.google.com:88/foo')).toMatchObject({
      user_info: 'user:',
      username: 'user',
      password: '',
    })
    expect(await parts('telnet://192.0.2.16:80/')).toEqual({
      scheme: 'telnet',
      path: '/',
      port: 80,
      domain: '192.0.2.16',
    })
    expect(await parts('ldap://[2001:db8::7]/c=GB?objectClass?one')).toEqual({
      scheme: 'ldap',
      path: '/c=GB',
      query: 'objectClass?one',
      domain: '[2001:db8::7]',
    })
  })

  it('takes the extension from the last path segment only (320_uri_parts_processor.yml)', async () => {
    expect(await parts('https://www.example.com/path.withdot/filenamewithoutextension')).toEqual({
      scheme: 'https',
      domain: 'www.example.com',
      path: '/path.withdot/filenamewithoutextension',
    })
  })

  it('falls back to java.net.URL for text URI refuses (testUrlWithCharactersNotToleratedByUri)', async () => {
    expect(await parts('http://www.google.com/path with spaces')).toEqual({
      scheme: 'http',
      domain: 'www.google.com',
      path: '/path with spaces',
    })
    expect(
      await parts('https://user:pw@testing.google.com:8080/foo with space/bar?foo1=bar1&foo2=bar2#anchorVal'),
    ).toEqual({
      scheme: 'https',
      domain: 'testing.google.com',
      fragment: 'anchorVal',
      path: '/foo with space/bar',
      port: 8080,
      username: 'user',
      password: 'pw',
      user_info: 'user:pw',
      query: 'foo1=bar1&foo2=bar2',
    })
  })

  it('answers what java.net.URI answers: decoded parts, a registry authority, an opaque URI', async () => {
    expect(await parts('http://x.com/a%20b?q=%C3%A9#f%21')).toEqual({
      scheme: 'http',
      domain: 'x.com',
      path: '/a b',
      query: 'q=é',
      fragment: 'f!',
    })
    // An underscore is no hostname character: the authority is registry-based, with no host.
    expect(await parts('http://my_host.com/x')).toEqual({ scheme: 'http', domain: null, path: '/x' })
    expect(await parts('mailto:someone@example.com')).toEqual({ scheme: 'mailto', domain: null })
  })

  it('fails on text neither parser takes (testInvalidUri)', async () => {
    expect(await parts('not:\\/_a_valid_uri')).toBe(
      'illegal_argument_exception: unable to parse URI [not:\\/_a_valid_uri]',
    )
  })

  it('keeps the original, removes the field, and ignores a missing one as configured', async () => {
    const run = (options: object, source: object) =>
      ingest([{ uri_parts: { field: 'field', ...options } }], JSON.stringify(source))
    expect(sorted(await run({}, { field: 'http://a.b/' }))).toBe(
      '{"field":"http://a.b/","url":{"domain":"a.b","original":"http://a.b/","path":"/","scheme":"http"}}',
    )
    expect(
      sorted(await run({ remove_if_successful: true, keep_original: false }, { field: 'http://a.b/' })),
    ).toBe('{"url":{"domain":"a.b","path":"/","scheme":"http"}}')
    expect(
      sorted(
        await run(
          { remove_if_successful: true, keep_original: false, target_field: 'field' },
          { field: 'http://a.b/' },
        ),
      ),
    ).toBe('{"field":{"domain":"a.b","path":"/","scheme":"http"}}')
    expect(sorted(await run({ ignore_missing: true }, { other: 1 }))).toBe('{"other":1}')
    expect(sorted(await run({}, { other: 1 }))).toBe(
      'illegal_argument_exception: field [field] not present as part of path [field]',
    )
  })
})
