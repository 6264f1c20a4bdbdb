/**
 * Stores that live only in memory, for the desk enrollment's separate
 * sign-in: whatever the colleague's sign-in keeps (tokens, device keys,
 * profile state) dies with the object, and never touches the keychain or
 * the admin's files.
 */
import type { JsonDocument } from '../ports';
import type { SecretStore } from '../ports';

export class ThrowawaySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }

  set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }

  setMany(changes: ReadonlyMap<string, string | null>): Promise<void> {
    for (const [key, value] of changes) {
      if (value === null) this.values.delete(key);
      else this.values.set(key, value);
    }
    return Promise.resolve();
  }

  keys(prefix = ''): Promise<string[]> {
    return Promise.resolve([...this.values.keys()].filter((k) => k.startsWith(prefix)));
  }

  clear(): void {
    this.values.clear();
  }
}

export function throwawayDocument<T>(): JsonDocument<T> & { clear(): void } {
  let value: T | undefined;
  return {
    read: () => Promise.resolve(value === undefined ? undefined : structuredClone(value)),
    write: (next) => {
      value = structuredClone(next);
      return Promise.resolve();
    },
    clear: () => {
      value = undefined;
    },
  };
}
