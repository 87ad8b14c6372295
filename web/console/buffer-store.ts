/**
 * Keeps the console text across reloads: one IndexedDB record, written a moment after the last edit.
 */
import { openDB } from 'idb'

const DB = 'playground-console'
const STORE = 'console'
const KEY = 'buffer'

function database() {
  return openDB(DB, 1, {
    upgrade(db) {
      db.createObjectStore(STORE)
    },
  })
}

export async function loadBuffer(): Promise<string | null> {
  const db = await database()
  const value = (await db.get(STORE, KEY)) as string | undefined
  db.close()
  return value ?? null
}

export async function saveBuffer(text: string): Promise<void> {
  const db = await database()
  await db.put(STORE, text, KEY)
  db.close()
}
