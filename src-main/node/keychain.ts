/**
 * The OS keychain (Keychain, Credential Manager, Secret Service) behind the
 * Keychain port, holding short strings under one service name.
 */
import type * as KeytarApi from 'keytar';
import { AppError } from '../core/errors';
import type { Keychain } from '../core/ports';

type KeytarModule = typeof KeytarApi;

export const DEFAULT_KEYCHAIN_SERVICE = 'cognito-desktop-authenticator';

/**
 * keytar behind the Keychain port. keytar is loaded lazily so that a missing
 * native build surfaces as the same typed error as a missing keychain.
 */
export class KeytarKeychain implements Keychain {
  private keytar: Promise<KeytarModule> | undefined;

  constructor(readonly service: string = DEFAULT_KEYCHAIN_SERVICE) {}

  async get(account: string): Promise<string | undefined> {
    const keytar = await this.load();
    const value = await guard(() => keytar.getPassword(this.service, account));
    return value ?? undefined;
  }

  async set(account: string, password: string): Promise<void> {
    const keytar = await this.load();
    await guard(() => keytar.setPassword(this.service, account, password));
  }

  async delete(account: string): Promise<void> {
    const keytar = await this.load();
    await guard(() => keytar.deletePassword(this.service, account));
  }

  private load(): Promise<KeytarModule> {
    this.keytar ??= import('keytar').then(
      (mod) => ((mod as { default?: KeytarModule }).default ?? mod) as KeytarModule,
      (error: unknown) => {
        this.keytar = undefined;
        throw keychainUnavailable(error);
      },
    );
    return this.keytar;
  }
}

async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw keychainUnavailable(error);
  }
}

/**
 * libsecret reports everything as a bare message; the patterns below are the
 * ones it, D-Bus and keytar actually produce for an absent or locked keychain.
 */
export function keychainUnavailable(error: unknown): AppError {
  const raw = error instanceof Error ? error.message : String(error);
  if (/locked|prompt (was )?dismissed|unlock|collection/i.test(raw)) {
    return new AppError({
      code: 'KEYCHAIN_LOCKED',
      message:
        'The system keychain is locked or has no default keyring. Unlock your keychain (for example by signing in to your desktop session again) and try again.',
      retryable: true,
      detail: raw,
    });
  }
  if (
    /dbus|d-bus|org\.freedesktop\.secrets|secret service|autolaunch|\.service files|could not connect/i.test(
      raw,
    )
  ) {
    return new AppError({
      code: 'KEYCHAIN_UNAVAILABLE',
      message:
        'No system keychain is running, so the app cannot keep secrets safely. On Linux, install and start GNOME Keyring or KWallet (a Secret Service provider), then try again.',
      retryable: true,
      detail: raw,
    });
  }
  return new AppError({
    code: 'KEYCHAIN_UNAVAILABLE',
    message:
      'The app could not use the system keychain, so it cannot keep secrets safely. Check that your keychain is installed and unlocked, then try again.',
    retryable: true,
    detail: raw,
  });
}
