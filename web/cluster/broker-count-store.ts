/**
 * Keeps the clusters' shapes across reloads, in the page's settings database: how many Kafka brokers to
 * run (1 to MAX_BROKERS, the learner's choice or grown by add-broker), how many brokers the Kafka cluster
 * was formatted with, which fixes the quorum's voters (an added broker never becomes a voter), and how
 * many Elasticsearch nodes to run (1 to MAX_ES_NODES). A missing or out-of-range value reads as null.
 */
import { MAX_BROKERS } from '../../workers/tools/shell/broker-control.ts'
import { MAX_ES_NODES } from '../../workers/protocol/es.ts'
import { pageRecords } from '../page-records.ts'

const settings = pageRecords('playground-settings', 'settings')
const BROKERS_KEY = 'kafka.brokers'
const FORMATTED_KEY = 'kafka.formatted-brokers'
const NODES_KEY = 'es.nodes'

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max
}

async function load(key: string, max: number): Promise<number | null> {
  const value = await settings.get(key)
  return isCount(value, max) ? value : null
}

function save(key: string, count: number): Promise<void> {
  return settings.put(key, count)
}

export function loadBrokerCount(): Promise<number | null> {
  return load(BROKERS_KEY, MAX_BROKERS)
}

export function saveBrokerCount(brokers: number): Promise<void> {
  return save(BROKERS_KEY, brokers)
}

/** The broker count the Kafka storage was last formatted with (the voters are its first three). */
export function loadFormattedCount(): Promise<number | null> {
  return load(FORMATTED_KEY, MAX_BROKERS)
}

export function saveFormattedCount(brokers: number): Promise<void> {
  return save(FORMATTED_KEY, brokers)
}

export function loadNodeCount(): Promise<number | null> {
  return load(NODES_KEY, MAX_ES_NODES)
}

export function saveNodeCount(nodes: number): Promise<void> {
  return save(NODES_KEY, nodes)
}
