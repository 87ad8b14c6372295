/**
 * IndexEngine: loads index.wasm once per realm (worker or Node) and creates inverted indexes inside it; its stored
 * fields compressor (stored-fields-compressor.ts) runs in the same instance, and each index hands it on.
 * An AssemblyScript abort (a bug, never a user error) surfaces as an Error naming the message and source line.
 */
import { readAssemblyString } from '../log/log-wasm.ts'
import { instantiate, type WasmSource } from '../wasm-source.ts'
import { bindIndexExports, type IndexExports } from './index-exports.ts'
import { InvertedIndex } from './inverted-index.ts'
import { StoredFieldsCompressor } from './stored-fields-compressor.ts'

export class IndexEngine {
  readonly storedFieldsCompressor: StoredFieldsCompressor

  private constructor(private readonly wasm: IndexExports) {
    this.storedFieldsCompressor = new StoredFieldsCompressor(wasm)
  }

  static async load(source: WasmSource): Promise<IndexEngine> {
    let wasm: IndexExports | null = null
    const abort = (message: number, file: number, line: number, column: number): never => {
      const text = wasm
        ? `${readAssemblyString(wasm.memory, message)} at ${readAssemblyString(wasm.memory, file)}`
        : ''
      throw new Error(`index.wasm aborted: ${text}:${line}:${column}`)
    }
    const instance = await instantiate(source, { env: { abort } })
    wasm = bindIndexExports(instance.exports)
    return new IndexEngine(wasm)
  }

  newIndex(): InvertedIndex {
    return new InvertedIndex(this.wasm, this.wasm.newIndex(), this.storedFieldsCompressor)
  }

  /** Lucene's SmallFloat.intToByte4: the one-byte norm of a field length (as an unsigned byte). */
  intToByte4(length: number): number {
    return this.wasm.intToByte4(length) & 0xff
  }

  /** Lucene's SmallFloat.byte4ToInt: the field length a norm byte decodes to. */
  byte4ToInt(norm: number): number {
    return this.wasm.byte4ToInt(norm)
  }
}
