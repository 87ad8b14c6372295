/**
 * The in-memory twin of IdbStorage: same interface, same copy-on-read and all-or-nothing semantics,
 * used by unit tests, the simulation and the headless scenario runner.
 */
import type { Storage, StorageOp } from './storage.ts'

export class MemoryStorage implements Storage {
  private readonly stores = new Map<string, Map<string, Uint8Array>>()

  private store(name: string): Map<string, Uint8Array> {
    let store = this.stores.get(name)
    if (!store) {
      store = new Map()
      this.stores.set(name, store)
    }
    return store
  }

  get(store: string, key: string): Promise<Uint8Array | undefined> {
    const value = this.store(store).get(key)
    return Promise.resolve(value && value.slice())
  }

  keys(store: string, prefix = ''): Promise<string[]> {
    const keys = [...this.store(store).keys()].filter((key) => key.startsWith(prefix))
    return Promise.resolve(keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  }

  async entries(store: string, prefix: string): Promise<Array<[string, Uint8Array]>> {
    const values = this.store(store)
    return (await this.keys(store, prefix)).map((key) => [key, values.get(key)!.slice()])
  }

  write(ops: StorageOp[]): Promise<void> {
    for (const { store, key, value } of ops) {
      if (value === null) this.store(store).delete(key)
      else this.store(store).set(key, value.slice())
    }
    return Promise.resolve()
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
