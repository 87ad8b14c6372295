/**
 * What a WASM module is instantiated from: its bytes (read from disk in Node, fetched in a worker) or a
 * compiled Module. The engine wrappers take this so that they never know which realm they run in.
 */
export type WasmSource = ArrayBuffer | Uint8Array | WebAssembly.Module

export async function instantiate(source: WasmSource, imports: WebAssembly.Imports): Promise<WebAssembly.Instance> {
  const module =
    source instanceof ArrayBuffer || source instanceof Uint8Array
      ? await WebAssembly.compile(source as Uint8Array<ArrayBuffer>)
      : source
  return WebAssembly.instantiate(module, imports)
}
