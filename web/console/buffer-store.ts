/**
 * Keeps the console text across reloads: one IndexedDB record, written a moment after the last edit.
 */
import { pageRecords } from '../page-records.ts'

const records = pageRecords('playground-console', 'console')
const KEY = 'buffer'

export async function loadBuffer(): Promise<string | null> {
  const value = await records.get(KEY)
  return typeof value === 'string' ? value : null
}

export function saveBuffer(text: string): Promise<void> {
  return records.put(KEY, text)
}
