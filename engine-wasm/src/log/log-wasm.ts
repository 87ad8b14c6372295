/**
 * The pointer/length protocol with log.wasm: copies bytes into its memory and results out of it. Every
 * view of `memory.buffer` is made, used and dropped inside one method, because any call into the module
 * may grow its memory and detach older views.
 */
import { logError } from './corrupt-record.ts'
import type { LogExports } from './log-exports.ts'

/** Where a copy out of the module goes: `length` bytes the caller may fill (their prior contents are overwritten). */
export type Allocate = (length: number) => Uint8Array

const freshBytes: Allocate = (length) => new Uint8Array(length)

export class LogWasm {
  /** The size of a segment log's pages (paged-log.ts). */
  readonly logPageSize: number

  constructor(readonly exports: LogExports) {
    this.logPageSize = exports.logPageSize()
  }

  /** Copies `bytes` to `pointer`, an address the module returned by the call just before. */
  write(pointer: number, bytes: Uint8Array): void {
    new Uint8Array(this.exports.memory.buffer, pointer >>> 0, bytes.length).set(bytes)
  }

  /** Writes `bytes` into the module's input buffer. */
  writeInput(bytes: Uint8Array): void {
    this.write(this.exports.reserveInput(bytes.length), bytes)
  }

  copyBytes(pointer: number, length: number): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, pointer >>> 0, length).slice()
  }

  /**
   * A copy of `length` bytes from byte `position` of a paged log (paged-log.ts), where `addressOf(p)` is the
   * address of byte p, the rest of its page following it.
   */
  copyPaged(
    addressOf: (position: number) => number,
    position: number,
    length: number,
    allocate: Allocate = freshBytes,
  ): Uint8Array {
    const copy = allocate(length)
    for (let done = 0; done < length;) {
      const at = position + done
      const run = Math.min(length - done, this.logPageSize - (at % this.logPageSize))
      copy.set(new Uint8Array(this.exports.memory.buffer, addressOf(at) >>> 0, run), done)
      done += run
    }
    return copy
  }

  copyFloats(pointer: number, count: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, pointer >>> 0, count).slice()
  }

  /** The first `count` result slots. */
  results(count: number): number[] {
    return Array.from(this.copyFloats(this.exports.resultsPointer(), count))
  }

  /** Returns a non-negative status; throws the error a negative one stands for. */
  check(status: number): number {
    if (status < 0) throw logError(-status, this.results(4))
    return status
  }
}

/** Reads an AssemblyScript string (UTF-16LE, byte length in the 4 bytes before it), for abort messages. */
export function readAssemblyString(memory: WebAssembly.Memory, pointer: number): string {
  if (pointer === 0) return ''
  const length = new DataView(memory.buffer).getUint32((pointer >>> 0) - 4, true)
  return new TextDecoder('utf-16le').decode(new Uint8Array(memory.buffer, pointer >>> 0, length))
}
