// A commit's segment files (workers/storage/envelope.ts sealFile / openFile, workers/es/indices/shard-store.ts):
// opening checks each file's header and length without reading its payload, as Lucene's
// CodecUtil.retrieveChecksum(in, expectedLength) does ("truncated file: length=… but expectedLength==…", "file too
// long"), so a cut, missing or surplus chunk fails; the whole checksum only when asked (checkIntegrity). A store
// whose files are of version 1 (sealBytes, no length; stored fields in the version-1 layout) still opens with every
// document, and a restart from a commit answers GET, search and writes from the stored bytes.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  openFile,
  openFileParts,
  sealBytes,
  sealFile,
  StorageFormatError,
} from '../../../../workers/storage/envelope.ts'
import { indexPrefix, readLastCommit } from '../../../../workers/es/indices/shard-store.ts'
import { openStoredFields } from '../../../../workers/es/index/shard/stored-fields.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import type { Storage } from '../../../../workers/storage/storage.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { encodeV1 } from './fixtures.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

const { storedFieldsCompressor } = await loadEngine()

/** `bytes` cut at the given offsets. */
const split = (bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] => {
  const at = [...new Set([0, ...cuts.map((cut) => cut % (bytes.length + 1)), bytes.length])].sort(
    (a, b) => a - b,
  )
  return at.slice(1).map((end, i) => bytes.slice(at[i], end))
}

describe('sealed files', () => {
  it('open from any split into parts, whole checksum verified or not (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (payload, cuts) => {
          const sealed = sealFile(2, payload)
          // the header lies in the first part (chunks are 1 MiB)
          const parts = split(sealed, [14, ...cuts.map((cut) => 14 + (cut % (sealed.length - 13)))])
          for (const verify of [false, true]) {
            expect(openFile(parts, 2, 'f', verify)).toEqual(payload)
            // left in its parts: views into them, which joined are the payload
            const inParts = openFileParts(parts, 2, 'f', verify)
            inParts.forEach((part, i) => expect(part.buffer).toBe(parts[i]!.buffer))
            expect(new Uint8Array(Buffer.concat(inParts))).toEqual(payload)
          }
        },
      ),
    )
  })

  it('fail when a chunk is cut, missing or surplus, or the version is another; a flipped byte only when verified', () => {
    const payload = Uint8Array.from({ length: 100 }, (_, i) => i)
    const parts = split(sealFile(2, payload), [40, 80])
    const fails = (wrong: Uint8Array[], message: string, verify = false): void => {
      expect(() => openFile(wrong, 2, '_0.cfs', verify)).toThrow(StorageFormatError)
      expect(() => openFile(wrong, 2, '_0.cfs', verify)).toThrow(message)
    }
    fails(
      [parts[0]!, parts[1]!, parts[2]!.subarray(1)],
      '_0.cfs: truncated file: length=113 but expectedLength=114',
    )
    fails([parts[0]!, parts[2]!], '_0.cfs: truncated file: length=74 but expectedLength=114')
    fails([...parts, new Uint8Array(1)], '_0.cfs: file too long: length=115 but expectedLength=114')
    fails([], '_0.cfs: not a playground record (bad magic)')
    fails([sealFile(3, payload)], '_0.cfs: stored format version 3 is not the supported version 2')
    const flipped = parts.map((part) => part.slice())
    flipped[1]![5]! ^= 1
    expect(openFile(flipped, 2, '_0.cfs', false)).not.toEqual(payload)
    fails(flipped, '_0.cfs: checksum mismatch', true)
    expect(() => openFileParts(flipped, 2, '_0.cfs', true)).toThrow('_0.cfs: checksum mismatch')
  })
})

const json = (body: string): Record<string, unknown> => JSON.parse(body) as Record<string, unknown>

async function flushed(): Promise<{ node: TestNode; prefix: string }> {
  const node = await startNode()
  await node.send('PUT', '/idx', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
  const bulk = ['1', '2', '3']
    .flatMap((id) => [
      { index: { _id: id, routing: id === '3' ? 'r' : undefined } },
      { text: `quick fox ${id} é` },
    ])
    .map((line) => JSON.stringify(line))
  await node.send('POST', '/idx/_bulk?refresh=true', bulk.join('\n') + '\n')
  await node.send('DELETE', '/idx/_doc/2')
  await node.send('POST', '/idx/_flush')
  await node.clock.sleep(10)
  const settings = json((await node.send('GET', '/idx/_settings')).body) as Record<
    string,
    { settings: { index: { uuid: string } } }
  >
  return { node, prefix: indexPrefix(settings['idx']!.settings.index.uuid, 0) }
}

/**
 * On a node restarted from flushed(): document 2 stays deleted, document 1 takes an update as the next operation,
 * and after a flush and another restart both keep their state. Answers the node restarted again.
 */
async function expectWritesAndRestarts(restarted: TestNode): Promise<TestNode> {
  expect((await restarted.send('GET', '/idx/_doc/2')).status).toBe(404)
  const updated = json((await restarted.send('PUT', '/idx/_doc/1', { text: 'one' })).body)
  expect([updated['result'], updated['_version'], updated['_seq_no']]).toEqual(['updated', 2, 4])
  await restarted.send('POST', '/idx/_flush')
  await restarted.clock.sleep(10)
  const again = await restarted.restart()
  expect(json((await again.send('GET', '/idx/_doc/1')).body)['_source']).toEqual({ text: 'one' })
  expect(json((await again.send('GET', '/idx/_doc/3?routing=r')).body)['_version']).toBe(1)
  return again
}

async function search(node: TestNode): Promise<unknown> {
  const body = json((await node.send('POST', '/idx/_search', { query: { match: { text: 'fox' } } })).body)
  return (body['hits'] as { hits: Array<Record<string, unknown>> }).hits.map((hit) => [
    hit['_id'],
    hit['_source'],
  ])
}

describe('a stored commit', () => {
  it('fails closed when a segment file lost bytes or is missing, and verifies checksums only when asked', async () => {
    const { node, prefix } = await flushed()
    const entries = await node.storage.entries('es', prefix)
    /** The store with the stored fields' chunk changed (null: deleted). */
    const storeWith = async (change: (value: Uint8Array) => Uint8Array | null): Promise<Storage> => {
      const storage = new MemoryStorage()
      const ops = entries.map(([key, value]) => ({
        store: 'es',
        key,
        value: key.endsWith('.fdt.0000') ? change(value) : value,
      }))
      await storage.write(ops)
      return storage
    }
    const whole = (await readLastCommit(node.storage, prefix, true, storedFieldsCompressor))!
    expect(whole.point.segments).toHaveLength(1)
    expect(openStoredFields(await whole.files.get(0)!.storedFields).maxDoc).toBe(3)
    const cut = (await readLastCommit(
      await storeWith((v) => v.subarray(0, v.length - 1)),
      prefix,
      false,
      storedFieldsCompressor,
    ))!
    await expect(cut.files.get(0)!.storedFields).rejects.toThrow(
      /_0\.fdt: truncated file: length=\d+ but expectedLength=\d+/,
    )
    await expect(cut.files.get(0)!.image).resolves.toHaveLength(1)
    await expect(
      readLastCommit(await storeWith(() => null), prefix, false, storedFieldsCompressor),
    ).rejects.toThrow(/_0\.fdt is missing/)
    // a chunk listed, then gone when read (each chunk is its own get): the file is short, and fails closed
    const vanishing = await storeWith((v) => v)
    const get = vanishing.get.bind(vanishing)
    vanishing.get = (store, key) => (key.endsWith('.fdt.0000') ? Promise.resolve(undefined) : get(store, key))
    await expect(
      (await readLastCommit(vanishing, prefix, false, storedFieldsCompressor))!.files.get(0)!.storedFields,
    ).rejects.toThrow('_0.fdt: not a playground record (bad magic)')
    const flip = (value: Uint8Array): Uint8Array => {
      const copy = value.slice()
      copy[copy.length - 2]! ^= 1
      return copy
    }
    const flipped = await storeWith(flip)
    await expect(
      (await readLastCommit(flipped, prefix, false, storedFieldsCompressor))!.files.get(0)!.storedFields,
    ).resolves.toBeInstanceOf(Uint8Array)
    await expect(
      (await readLastCommit(flipped, prefix, true, storedFieldsCompressor))!.files.get(0)!.storedFields,
    ).rejects.toThrow('_0.fdt: checksum mismatch')
  })

  it('of version 1 (before stored fields were bytes) opens with every document, and later commits keep it', async () => {
    const { node, prefix } = await flushed()
    const before = await search(node)
    const commit = (await readLastCommit(node.storage, prefix, true, storedFieldsCompressor))!
    const image = Buffer.concat(await commit.files.get(0)!.image)
    const reader = openStoredFields(await commit.files.get(0)!.storedFields)
    const slots = Array.from({ length: reader.maxDoc }, (_, local) => ({
      doc: reader.document(local),
      bytes: reader.size(local),
    }))
    await node.storage.write([
      { store: 'es', key: `${prefix}_0.cfs.0000`, value: sealBytes(1, image) },
      { store: 'es', key: `${prefix}_0.fdt.0000`, value: sealBytes(1, encodeV1(slots)) },
    ])
    const restarted = await node.restart()
    expect(await search(restarted)).toEqual(before)
    const doc3 = json((await restarted.send('GET', '/idx/_doc/3?routing=r')).body)
    expect([doc3['_version'], doc3['_seq_no'], doc3['_routing'], doc3['_source']]).toEqual([
      1,
      2,
      'r',
      { text: 'quick fox 3 é' },
    ])
    await expectWritesAndRestarts(restarted)
  })

  it('whose image is of an older index codec comes back from its stored fields, as a reindex of _source', async () => {
    const { node, prefix } = await flushed()
    const before = await search(node)
    const commit = (await readLastCommit(node.storage, prefix, true, storedFieldsCompressor))!
    const image = Buffer.concat(await commit.files.get(0)!.image)
    image[4] = 1 // the image's format version: an earlier playground's codec, which this one does not read
    await node.storage.write([{ store: 'es', key: `${prefix}_0.cfs.0000`, value: sealFile(2, image) }])
    const restarted = await node.restart()
    expect(await search(restarted)).toEqual(before)
    const doc3 = json((await restarted.send('GET', '/idx/_doc/3?routing=r')).body)
    expect([doc3['_version'], doc3['_seq_no'], doc3['_routing']]).toEqual([1, 2, 'r'])
    expect(await search(await expectWritesAndRestarts(restarted))).toEqual([['3', { text: 'quick fox 3 é' }]])
  })
})
