import type { Result } from '../src-main/ipc/contract';

/**
 * The one object the preload exposes (and the browser harness's stand-in
 * mimics). Only contract channels and events pass through it.
 */
export interface AuthenticatorBridge {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    authenticator?: AuthenticatorBridge;
  }
}
