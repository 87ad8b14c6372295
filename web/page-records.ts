/**
 * A small IndexedDB database of the page's own (never a broker's): one object store of values by key. Each
 * call opens the database and closes it after, so no open connection keeps a later upgrade or deletion waiting.
 */
import { openDB } from 'idb'

export interface PageRecords {
  get(key: string): Promise<unknown>
  put(key: string, value: unknown): Promise<void>
}

export function pageRecords(database: string, store: string): PageRecords {
  const open = () =>
    openDB(database, 1, {
      upgrade(db) {
        db.createObjectStore(store)
      },
    })
  return {
    async get(key) {
      const db = await open()
      try {
        return (await db.get(store, key)) as unknown
      } finally {
        db.close()
      }
    },
    async put(key, value) {
      const db = await open()
      try {
        await db.put(store, value, key)
      } finally {
        db.close()
      }
    },
  }
}
