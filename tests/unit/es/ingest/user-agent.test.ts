// The user_agent processor against ES 8's ingest-user-agent module: the YAML REST test 20_useragent_processor.yml
// (defaults, then target_field and properties), UserAgentProcessorTests' agents (Chrome on Mac and on Windows, the
// Xoom, a spider, an iPad, an unknown agent, Firefox 128), its null / missing field cases, and
// UserAgentProcessorFactoryTests' configuration errors. Over uap-core 0.18.0's regexes (see DEVIATIONS).
import { describe, expect, it } from 'vitest'
import { startIngest, TIMESTAMP } from './ingest-fixture.ts'
import { ingest, sorted } from './ingest-run.ts'

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_2) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/33.0.1750.149 Safari/537.36'

const parsed = async (agent: unknown, config: object = {}) =>
  sorted(
    await ingest(
      [{ user_agent: { field: 'ua', target_field: 't', ...config } }],
      JSON.stringify({ ua: agent }),
    ),
  )

const put = async (config: object) => {
  const { send } = startIngest()
  const response = await send('PUT', '/_ingest/pipeline/p', { processors: [{ user_agent: config }] })
  return { status: response.status, error: (JSON.parse(response.body) as { error: unknown }).error }
}

describe('user_agent', () => {
  it('writes every property by default, in the HashMap order ES prints (20_useragent_processor.yml)', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: { processors: [{ user_agent: { field: 'field1' } }] },
      docs: [{ _source: { field1: CHROME_MAC } }],
    })
    expect(response.body).toBe(
      `{"docs":[{"doc":{"_index":"_index","_id":"_id","_version":"-3","_source":{"field1":"${CHROME_MAC}",` +
        `"user_agent":{"original":"${CHROME_MAC}","os":{"name":"Mac OS X","version":"10.9.2","full":"Mac OS X 10.9.2"},` +
        `"name":"Chrome","device":{"name":"Mac"},"version":"33.0.1750.149"}},"_ingest":{"timestamp":"${TIMESTAMP}"}}}]}`,
    )
  })

  it('writes only the properties asked for, at target_field (20_useragent_processor.yml)', async () => {
    expect(await parsed(CHROME_MAC, { target_field: 'field2', properties: ['os'] })).toBe(
      `{"field2":{"os":{"full":"Mac OS X 10.9.2","name":"Mac OS X","version":"10.9.2"}},"ua":"${CHROME_MAC}"}`,
    )
    expect(await parsed(CHROME_MAC, { properties: ['Version', 'NAME'] })).toBe(
      `{"t":{"name":"Chrome","version":"33.0.1750.149"},"ua":"${CHROME_MAC}"}`,
    )
  })

  it("reads UserAgentProcessorTests' agents as ES does", async () => {
    const windows =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.141 Safari/537.36'
    expect(await parsed(windows, { properties: ['name', 'version', 'os', 'device'] })).toBe(
      `{"t":{"device":{"name":"Other"},"name":"Chrome","os":{"full":"Windows 10","name":"Windows","version":"10"},` +
        `"version":"87.0.4280.141"},"ua":"${windows}"}`,
    )
    const xoom =
      'Mozilla/5.0 (Linux; U; Android 3.0; en-us; Xoom Build/HRI39) AppleWebKit/525.10+ (KHTML, like Gecko) Version/3.0.4 Mobile Safari/523.12.2'
    expect(await parsed(xoom, { properties: ['name', 'version', 'os', 'device'] })).toBe(
      `{"t":{"device":{"name":"Motorola Xoom"},"name":"Android","os":{"full":"Android 3.0","name":"Android",` +
        `"version":"3.0"},"version":"3.0"},"ua":"${xoom}"}`,
    )
    // no version and no OS: neither key is written
    const spider = 'Mozilla/5.0 (compatible; EasouSpider; +http://www.easou.com/search/spider.html)'
    expect(await parsed(spider, { properties: ['name', 'version', 'os', 'device'] })).toBe(
      `{"t":{"device":{"name":"Spider"},"name":"EasouSpider"},"ua":"${spider}"}`,
    )
    const ipad =
      'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1'
    expect(await parsed(ipad, { properties: ['name', 'version', 'os', 'device'] })).toBe(
      `{"t":{"device":{"name":"iPad"},"name":"Mobile Safari","os":{"full":"iOS 12.2","name":"iOS","version":"12.2"},` +
        `"version":"12.1"},"ua":"${ipad}"}`,
    )
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
    expect(await parsed(firefox, { properties: ['name', 'version'] })).toBe(
      `{"t":{"name":"Firefox","version":"128.0"},"ua":"${firefox}"}`,
    )
  })

  it('names an unknown agent and its device Other, with no version or OS', async () => {
    expect(await parsed('Something I made up v42.0.1')).toBe(
      '{"t":{"device":{"name":"Other"},"name":"Other","original":"Something I made up v42.0.1"},' +
        '"ua":"Something I made up v42.0.1"}',
    )
  })

  it('fails on a null or missing field unless ignore_missing, and on a non-string', async () => {
    expect(await parsed(null)).toBe(
      'illegal_argument_exception: field [ua] is null, cannot parse user-agent.',
    )
    expect(sorted(await ingest([{ user_agent: { field: 'nope' } }], '{"ua":"x"}'))).toBe(
      'illegal_argument_exception: field [nope] not present as part of path [nope]',
    )
    expect(await parsed(null, { ignore_missing: true })).toBe('{"ua":null}')
    expect(
      sorted(await ingest([{ user_agent: { field: 'nope', ignore_missing: true } }], '{"ua":"x"}')),
    ).toBe('{"ua":"x"}')
    expect(await parsed(42)).toBe(
      'illegal_argument_exception: field [ua] of type [java.lang.Integer] cannot be cast to [java.lang.String]',
    )
  })

  it("refuses UserAgentProcessorFactoryTests' bad configurations", async () => {
    expect(await put({ field: 'f', properties: ['invalid'] })).toEqual({
      status: 400,
      error: expect.objectContaining({
        type: 'parse_exception',
        reason:
          '[properties] illegal property value [invalid]. valid values are [NAME, OS, DEVICE, ORIGINAL, VERSION]',
        processor_type: 'user_agent',
        property_name: 'properties',
      }) as unknown,
    })
    expect((await put({ field: 'f', properties: 'invalid' })).error).toMatchObject({
      reason: "[properties] property isn't a list, but of type [java.lang.String]",
    })
    expect((await put({ field: 'f', regex_file: 'does-not-exist.yml' })).error).toMatchObject({
      type: 'parse_exception',
      reason: "[regex_file] regex file [does-not-exist.yml] doesn't exist (has to exist at node startup)",
    })
    expect((await put({ field: 'f', properties: [1] })).error).toMatchObject({ type: 'class_cast_exception' })
  })

  it('accepts regex_file _default_ and ignores ecs; refuses extract_device_type (see DEVIATIONS)', async () => {
    expect(await put({ field: 'f', regex_file: '_default_', ecs: true, extract_device_type: false })).toEqual(
      {
        status: 200,
        error: undefined,
      },
    )
    expect((await put({ field: 'f', extract_device_type: true })).error).toMatchObject({
      type: 'parse_exception',
      property_name: 'extract_device_type',
    })
  })
})
