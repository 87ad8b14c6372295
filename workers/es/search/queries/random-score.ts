/**
 * The random_score function (ES 8.17's RandomScoreFunctionBuilder.fromXContent and doToFunction, scored by
 * RandomScoreFunction):
 * - `seed`: an int as is, a long as Long.hashCode, a string as String.hashCode; other values are
 *   ParsingExceptions; `field`: the field whose values are hashed. Other keys: "random_score query does not
 *   support [k]".
 * - salt = (String.hashCode(index name) << 10) | shard number; saltedSeed = BitMixer.mix(seed ^ salt).
 * - Without a seed: seed = Long.hashCode(now), and each document scores from its doc id (engine side).
 * - With a seed: the field (`_id` when none is given, with ES's deprecation warning) must be mapped, else
 *   "Field [f] is not mapped on [[index/uuid]] and cannot be used as a source of random numbers." (`f` as
 *   given: null when defaulted); each document's first doc value, as its bytes doc values give it (keyword:
 *   the term; long/integer/short/byte/date/_seq_no: Long.toString; double/float/half_float:
 *   Double.toString; _id: the id), is hashed with StringHelper.murmurhash3_x86_32(UTF-8, saltedSeed); a
 *   document without a value hashes to saltedSeed. The engine turns a hash into (hash & 0xFFFFFF) / 2^24.
 * Those hashes need the shard's documents: a context without a shard (the coordinating node's validation)
 * builds a doc id function instead, which is never run.
 */
import type { IndexScoreFunction } from '../../../../engine-wasm/src/index/index.ts'
import { javaStringHashCode } from '../../../net/java-hash.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { parsingError, parsingErrorAt, scalarText, type QueryContext } from './query-parsing.ts'

type RandomFunction = Extract<IndexScoreFunction['fn'], { type: 'random' }>

export const SEED_WITHOUT_FIELD =
  'As of version 7.0 Elasticsearch will require that a [field] parameter is provided when a [seed] is set'
/** IdFieldMapper's deprecation when the _id field data loads. */
export const ID_FIELD_DATA =
  'Loading the fielddata on the _id field is deprecated and will be removed in future versions. If you require ' +
  'sorting or aggregating on this field you should also include the id in the body of your documents, and map ' +
  'this field as a keyword field that has [doc_values] enabled'

const INT_RANGE = 2 ** 31
const encoder = new TextEncoder()

/** BitMixer.mix32. */
export function mix32(key: number): number {
  let k = key | 0
  k = Math.imul(k ^ (k >>> 16), 0x85ebca6b)
  k = Math.imul(k ^ (k >>> 13), 0xc2b2ae35)
  return (k ^ (k >>> 16)) | 0
}

/** StringHelper.murmurhash3_x86_32 over bytes, with a seed. */
export function murmurhash3x86(bytes: Uint8Array, seed: number): number {
  let h = seed | 0
  const blocks = bytes.length & ~3
  const mixK = (input: number): number => {
    let k = Math.imul(input, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    return Math.imul(k, 0x1b873593)
  }
  for (let i = 0; i < blocks; i += 4) {
    h ^= mixK(bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  let tail = 0
  for (let i = bytes.length - 1; i >= blocks; i--) tail = (tail << 8) | bytes[i]!
  if (bytes.length > blocks) h ^= mixK(tail)
  h ^= bytes.length
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) | 0
}

/** Long.hashCode: the high and low 32 bits XORed. */
export function longHashCode(value: bigint): number {
  const bits = BigInt.asUintN(64, value)
  return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)))
}

/** The builder's seed (null when absent), with fromXContent's errors. */
function parseSeed(value: XContentValue): number {
  if (value instanceof XNumber) {
    if (!/^-?\d+$/.test(value.text)) {
      throw parsingError("random_score seed must be an int, long or string, not 'VALUE_NUMBER'")
    }
    const n = BigInt(value.text)
    return n >= -INT_RANGE && n < INT_RANGE ? Number(n) : longHashCode(n)
  }
  if (typeof value === 'string') return javaStringHashCode(value)
  throw parsingError(`random_score seed must be an int/long or string, not '${valueToken(value)}'`)
}

function valueToken(value: XContentValue): string {
  if (value === null) return 'VALUE_NULL'
  return typeof value === 'boolean' ? 'VALUE_BOOLEAN' : 'VALUE_EMBEDDED_OBJECT'
}

export function randomScoreFunction(body: XContentValue, context: QueryContext): RandomFunction {
  if (!(body instanceof Map)) throw parsingError('[random_score] query malformed, no start_object')
  let seed: number | null = null
  let field: string | null = null
  for (const [key, value] of body) {
    if (value instanceof Map || Array.isArray(value)) continue
    if (key === 'seed') seed = parseSeed(value)
    else if (key === 'field') field = scalarText(value)
    else throw parsingErrorAt(body, key, 'value', `random_score query does not support [${key}]`)
  }
  const shard = context.shard
  const index = context.index
  const salt = index && shard ? (javaStringHashCode(index.name) << 10) | shard.id : 0
  const nowSeed = longHashCode(BigInt(context.nowMillis ?? 0))
  if (seed === null) {
    return { type: 'random', seed: nowSeed, field: null, saltedSeed: mix32(nowSeed ^ salt), hashes: null }
  }
  if (field === null) context.deprecations?.add(SEED_WITHOUT_FIELD)
  const name = field ?? '_id'
  if (name === '_id') context.deprecations?.add(ID_FIELD_DATA)
  const saltedSeed = mix32(seed ^ salt)
  if (!shard || !index) return { type: 'random', seed, field: name, saltedSeed, hashes: null }
  const values = shard.bytesValues(name)
  if (values === null) {
    throw illegalArgumentException(
      `Field [${field}] is not mapped on [[${index.name}/${index.uuid}]] and cannot be used as a source of random numbers.`,
    )
  }
  const hashes = new Map<number, number>()
  for (const [docId, value] of values) hashes.set(docId, murmurhash3x86(encoder.encode(value), saltedSeed))
  return { type: 'random', seed, field: name, saltedSeed, hashes }
}
