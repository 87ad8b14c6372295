/**
 * Keeps the learner's choice of how many Kafka brokers to run (1 to MAX_BROKERS) across reloads: one
 * IndexedDB record in the page's settings database. A missing or out-of-range value reads as null.
 */
import { openDB } from 'idb'
import { MAX_BROKERS } from './cluster-host.ts'

const DB = 'playground-settings'
const STORE = 'settings'
const KEY = 'kafka.brokers'

function database() {
  return openDB(DB, 1, {
    upgrade(db) {
      db.createObjectStore(STORE)
    },
  })
}

export function isBrokerCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_BROKERS
}

export async function loadBrokerCount(): Promise<number | null> {
  const db = await database()
  const value: unknown = await db.get(STORE, KEY)
  db.close()
  return isBrokerCount(value) ? value : null
}

export async function saveBrokerCount(brokers: number): Promise<void> {
  const db = await database()
  await db.put(STORE, brokers, KEY)
  db.close()
}
