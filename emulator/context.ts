import type { EmulatorClock } from './clock.js';
import type { CustomAuthHook } from './custom-auth.js';
import type { Outbox } from './outbox.js';
import type { Sessions } from './sessions.js';
import type { Store } from './store.js';

/** Everything an operation handler may touch. */
export interface Context {
  store: Store;
  clock: EmulatorClock;
  outbox: Outbox;
  sessions: Sessions;
  region: string;
  customAuth: CustomAuthHook | null;
  /** Who sent the HTTP request; absent for in-process admin calls. */
  request?: RequestInfo;
}

export interface RequestInfo {
  userAgent: string | null;
  ip: string | null;
}

export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
