import type { JsonDocument } from '../../src-main/core/ports';

/** A JSON document kept in memory, cloned on the way in and out like a file would be. */
export function memoryDocument<T>(initial?: T): JsonDocument<T> & { value: T | undefined } {
  const doc = {
    value: initial,
    read: async () => (doc.value === undefined ? undefined : structuredClone(doc.value)),
    write: async (value: T) => {
      doc.value = structuredClone(value);
    },
  };
  return doc;
}
