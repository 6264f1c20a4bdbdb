import type { SecretStore } from '../../src-main/core/ports';

/** A SecretStore in a Map, for unit tests; integration tests use the keychain-backed store. */
export class MemorySecretStore implements SecretStore {
  readonly map = new Map<string, string>();

  async get(key: string) {
    return this.map.get(key);
  }
  async set(key: string, value: string) {
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
  async setMany(changes: ReadonlyMap<string, string | null>) {
    for (const [key, value] of changes) {
      if (value === null) this.map.delete(key);
      else this.map.set(key, value);
    }
  }
  async keys(prefix = '') {
    return [...this.map.keys()].filter((k) => k.startsWith(prefix));
  }
}
