// The globals that every realm the core runs in provides: the browser page, a Web Worker and Node 20.
// The pure core (tsconfig.core.json) is compiled with the ES2022 library only, so it can use these and
// nothing else from its host: a stray `window`, `self` or `indexedDB` fails the type check.

declare class TextEncoder {
  encode(input?: string): Uint8Array
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number }
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean })
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string
}

declare namespace WebAssembly {
  interface Memory {
    readonly buffer: ArrayBuffer
    grow(delta: number): number
  }
  type ExportValue = ((...args: never[]) => unknown) | Memory | Global
  interface Global {
    value: unknown
  }
  type Exports = Record<string, ExportValue>
  interface Instance {
    readonly exports: Exports
  }
  interface Module {
    readonly __brand: 'WebAssembly.Module'
  }
  type ImportValue = ((...args: never[]) => unknown) | Memory | number
  type Imports = Record<string, Record<string, ImportValue>>
  interface WebAssemblyInstantiatedSource {
    instance: Instance
    module: Module
  }
  function instantiate(
    bytes: ArrayBuffer | Uint8Array,
    imports?: Imports,
  ): Promise<WebAssemblyInstantiatedSource>
  function instantiate(module: Module, imports?: Imports): Promise<Instance>
  function compile(bytes: ArrayBuffer | Uint8Array): Promise<Module>
}

/** The HTML structured clone, present in pages, workers and Node 17+: messages are copied as postMessage copies them. */
declare function structuredClone<T>(value: T): T

/** The High Resolution Time clock (page, worker and Node): milliseconds, monotonic; only the profile API reads it. */
declare const performance: { now(): number }
