/**
 * Sign-in sessions between challenges. They live in memory only: a restart
 * ends every sign-in in progress, which Cognito clients already handle as an
 * expired session.
 */
import type { ServerEphemeral } from './srp.js';
import type { MfaType } from './model.js';
import type { CustomAuthRound } from './custom-auth.js';
import { opaqueToken } from './ids.js';
import { sessionExpired, sessionUsed } from './errors.js';

export type Step =
  | {
      kind: 'PASSWORD_VERIFIER';
      eph: ServerEphemeral;
      A: bigint;
      secretBlock: string;
      userIdForSrp: string;
      known: boolean;
    }
  | { kind: 'NEW_PASSWORD_REQUIRED' }
  | { kind: 'DEVICE_SRP_AUTH' }
  | { kind: 'DEVICE_PASSWORD_VERIFIER'; eph: ServerEphemeral; A: bigint; secretBlock: string }
  | { kind: 'MFA'; challenge: MfaType | 'SMS_OTP'; code: string | null }
  | { kind: 'SELECT_CHALLENGE'; options: string[]; known: boolean }
  | { kind: 'WEB_AUTHN' }
  | { kind: 'SELECT_MFA_TYPE'; options: MfaType[] }
  | { kind: 'MFA_SETUP'; stage: 'challenged' | 'associated' | 'verified' }
  | {
      kind: 'CUSTOM_CHALLENGE';
      known: boolean;
      rounds: CustomAuthRound[];
      privateParameters: Record<string, string>;
    };

export interface AuthSession {
  id: string;
  poolId: string;
  clientId: string;
  /** Internal username; for an unknown user, the name as typed. */
  username: string;
  /** The remembered device this sign-in presented, once checked. */
  deviceKey: string | null;
  expiresAt: number;
  step: Step;
}

export class Sessions {
  private readonly byId = new Map<string, AuthSession>();
  private readonly bySecretBlock = new Map<string, string>();
  /** Answered sessions until they would have expired, to say "used once" rather than "expired". */
  private readonly used = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  open(fields: Omit<AuthSession, 'id' | 'expiresAt'>, validityMinutes: number): AuthSession {
    this.sweep();
    const session: AuthSession = {
      ...fields,
      id: opaqueToken(192),
      expiresAt: this.now() + validityMinutes * 60_000,
    };
    this.byId.set(session.id, session);
    if (session.step.kind === 'PASSWORD_VERIFIER')
      this.bySecretBlock.set(session.step.secretBlock, session.id);
    return session;
  }

  /**
   * The live session for this client, found by its id or (for clients that
   * do not echo the Session of a PASSWORD_VERIFIER challenge) by SECRET_BLOCK.
   */
  get(id: string | undefined, clientId: string | null, secretBlock?: string): AuthSession {
    const key = id ?? (secretBlock !== undefined ? this.bySecretBlock.get(secretBlock) : undefined);
    const session = key === undefined ? undefined : this.byId.get(key);
    if (!session && key !== undefined && (this.used.get(key) ?? 0) > this.now())
      throw sessionUsed();
    if (
      !session ||
      (clientId !== null && session.clientId !== clientId) ||
      session.expiresAt <= this.now()
    )
      throw sessionExpired();
    return session;
  }

  /** Ends a session: each Session string answers one challenge only. */
  end(session: AuthSession): void {
    if (this.byId.delete(session.id) && session.expiresAt > this.now())
      this.used.set(session.id, session.expiresAt);
    if (session.step.kind === 'PASSWORD_VERIFIER')
      this.bySecretBlock.delete(session.step.secretBlock);
  }

  private sweep(): void {
    const now = this.now();
    for (const s of this.byId.values()) if (s.expiresAt <= now) this.end(s);
    for (const [id, until] of this.used) if (until <= now) this.used.delete(id);
  }
}
