/**
 * Keeps the Kafka cluster's shape across reloads, in the page's settings database: how many brokers to
 * run (1 to MAX_BROKERS, the learner's choice or grown by add-broker) and how many brokers the cluster
 * was formatted with, which fixes the quorum's voters (an added broker never becomes a voter). A missing
 * or out-of-range value reads as null.
 */
import { openDB } from 'idb'
import { MAX_BROKERS } from '../../workers/tools/shell/broker-control.ts'

const DB = 'playground-settings'
const STORE = 'settings'
const BROKERS_KEY = 'kafka.brokers'
const FORMATTED_KEY = 'kafka.formatted-brokers'

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

async function load(key: string): Promise<number | null> {
  const db = await database()
  const value: unknown = await db.get(STORE, key)
  db.close()
  return isBrokerCount(value) ? value : null
}

async function save(key: string, brokers: number): Promise<void> {
  const db = await database()
  await db.put(STORE, brokers, key)
  db.close()
}

export function loadBrokerCount(): Promise<number | null> {
  return load(BROKERS_KEY)
}

export function saveBrokerCount(brokers: number): Promise<void> {
  return save(BROKERS_KEY, brokers)
}

/** The broker count the Kafka storage was last formatted with (the voters are its first three). */
export function loadFormattedCount(): Promise<number | null> {
  return load(FORMATTED_KEY)
}

export function saveFormattedCount(brokers: number): Promise<void> {
  return save(FORMATTED_KEY, brokers)
}
