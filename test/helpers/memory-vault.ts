import { Secret, TOTP } from 'otpauth';
import type { TotpVault } from '../../src-main/core/ports';
import type { Clock } from '../../src-main/core/ports';

/** A TOTP vault in memory that makes codes on the given clock (the emulator's, in integration tests). */
export class MemoryVault implements TotpVault {
  readonly accounts = new Map<string, { issuer: string; account: string; secret: string }>();
  private next = 1;

  constructor(private readonly clock: Clock) {}

  async addTotp(account: { issuer: string; account: string; secret: string }) {
    const id = `acct-${this.next++}`;
    this.accounts.set(id, account);
    return { id };
  }

  async currentCode(id: string) {
    const a = this.accounts.get(id);
    return a ? totpCode(a.secret, this.clock.now()) : undefined;
  }

  async remove(id: string) {
    this.accounts.delete(id);
  }
}

/** What a phone's authenticator app would show for this Base32 secret at `now`. */
export function totpCode(base32: string, now: number): string {
  return new TOTP({
    secret: Secret.fromBase32(base32.replace(/\s+/g, '')),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate({ timestamp: now });
}
