/**
 * What a WASM module is instantiated from: its bytes (read from disk in Node, fetched in a worker) or a
 * compiled Module. The engine wrappers take this so that they never know which realm they run in.
 */
export type WasmSource = ArrayBuffer | Uint8Array | WebAssembly.Module

export async function instantiate(
  source: WasmSource,
  imports: WebAssembly.Imports,
): Promise<WebAssembly.Instance> {
  // A Uint8Array may view a shared or larger buffer (a Node Buffer does); compile from an exact copy.
  const module =
    source instanceof ArrayBuffer
      ? await WebAssembly.compile(source)
      : source instanceof Uint8Array
        ? await WebAssembly.compile(source.slice())
        : source
  return WebAssembly.instantiate(module, imports)
}
