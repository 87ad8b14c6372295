/**
 * Keeps the Kafka cluster's shape across reloads, in the page's settings database: how many brokers to
 * run (1 to MAX_BROKERS, the learner's choice or grown by add-broker) and how many brokers the cluster
 * was formatted with, which fixes the quorum's voters (an added broker never becomes a voter). A missing
 * or out-of-range value reads as null.
 */
import { MAX_BROKERS } from '../../workers/tools/shell/broker-control.ts'
import { pageRecords } from '../page-records.ts'

const settings = pageRecords('playground-settings', 'settings')
const BROKERS_KEY = 'kafka.brokers'
const FORMATTED_KEY = 'kafka.formatted-brokers'

export function isBrokerCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_BROKERS
}

async function load(key: string): Promise<number | null> {
  const value = await settings.get(key)
  return isBrokerCount(value) ? value : null
}

function save(key: string, brokers: number): Promise<void> {
  return settings.put(key, brokers)
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
