/**
 * Formats the brokers' (or nodes') storage, as `kafka-storage.sh format` on empty log.dirs does: each one's
 * IndexedDB database is deleted. Call it after the broker workers ended; IndexedDB queues a delete until
 * the connections a terminated worker held are closed, so this resolves once every database is gone.
 */
import { deleteDB } from 'idb'

export async function deleteDatabases(names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => deleteDB(name)))
}
