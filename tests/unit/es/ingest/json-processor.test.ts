// The json processor's parsing options (JsonProcessor.apply, ES 8.17): allow_duplicate_keys keeps a repeated
// key's last value, strict_json_parsing (the default) refuses a value followed by another token, and
// add_to_root_conflict_strategy is refused without add_to_root.
import { describe, expect, it } from 'vitest'
import { ingest, sorted, text } from './ingest-run.ts'
import { startIngest } from './ingest-fixture.ts'

describe('the json processor', () => {
  it('refuses a duplicate key unless allow_duplicate_keys, which keeps the last value', async () => {
    const source = '{"j":"{\\"dupe\\": 1, \\"dupe\\": 2}"}'
    expect(text(await ingest([{ json: { field: 'j', add_to_root: true } }], source))).toMatch(
      /^illegal_argument_exception: com\.fasterxml\.jackson\.core\.JsonParseException: Duplicate field 'dupe'/,
    )
    const allowed = [{ json: { field: 'j', target_field: 't', allow_duplicate_keys: true } }]
    expect(sorted(await ingest(allowed, source))).toBe(
      '{"j":"{\\"dupe\\": 1, \\"dupe\\": 2}","t":{"dupe":2}}',
    )
  })

  it('refuses a value followed by another token unless strict_json_parsing is false', async () => {
    const source = '{"m":"123 \\"foo\\""}'
    expect(text(await ingest([{ json: { field: 'm' } }], source))).toBe(
      'illegal_argument_exception: The input 123 "foo" is not valid JSON and the strict_json_parsing parameter is true',
    )
    expect(text(await ingest([{ json: { field: 'm', strict_json_parsing: false } }], source))).toBe(
      '{"m":123}',
    )
  })

  it('refuses add_to_root_conflict_strategy without add_to_root', async () => {
    const { send } = startIngest()
    const put = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ json: { field: 'j', add_to_root_conflict_strategy: 'merge' } }],
    })
    expect(put.status).toBe(400)
    expect(JSON.parse(put.body)).toMatchObject({
      error: {
        type: 'parse_exception',
        reason:
          '[add_to_root_conflict_strategy] Cannot set `add_to_root_conflict_strategy` if `add_to_root` is false',
      },
    })
  })
})
