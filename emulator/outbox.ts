/**
 * Where SMS and email codes "arrive": an in-process list that tests read or
 * wait on, mirrored to outbox.jsonl in the data folder for humans and for
 * tests driving a separate emulator process.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export type MessageKind =
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SMS_OTP'
  | 'FORGOT_PASSWORD'
  | 'TEMPORARY_PASSWORD'
  | 'SIGN_UP'
  | 'VERIFY_ATTRIBUTE';

export interface OutboxMessage {
  at: number;
  poolId: string;
  username: string;
  kind: MessageKind;
  medium: 'SMS' | 'EMAIL';
  destination: string;
  /** The code, or the temporary password for TEMPORARY_PASSWORD. */
  code: string;
}

export const OUTBOX_FILE = 'outbox.jsonl';

type Matcher = { username?: string; kind?: MessageKind } | ((m: OutboxMessage) => boolean);

const matches = (m: OutboxMessage, matcher: Matcher) =>
  typeof matcher === 'function'
    ? matcher(m)
    : (matcher.username === undefined || m.username === matcher.username) &&
      (matcher.kind === undefined || m.kind === matcher.kind);

export class Outbox {
  readonly messages: OutboxMessage[] = [];
  private waiters: { matcher: Matcher; resolve: (m: OutboxMessage) => void }[] = [];

  constructor(private readonly dataDir: string | null) {}

  deliver(message: OutboxMessage): void {
    this.messages.push(message);
    if (this.dataDir !== null)
      appendFileSync(join(this.dataDir, OUTBOX_FILE), `${JSON.stringify(message)}\n`, {
        mode: 0o600,
      });
    this.waiters = this.waiters.filter((w) => {
      if (!matches(message, w.matcher)) return true;
      w.resolve(message);
      return false;
    });
  }

  /** The newest message for `username` (its internal username), optionally of one kind. */
  last(username: string, kind?: MessageKind): OutboxMessage | undefined {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i]!;
      if (matches(m, { username, kind })) return m;
    }
    return undefined;
  }

  /**
   * Resolves with the first message delivered from now on that matches;
   * rejects after `timeoutMs` of real time so a broken flow fails clearly.
   */
  waitFor(matcher: Matcher, timeoutMs = 5000): Promise<OutboxMessage> {
    return new Promise((resolve, reject) => {
      const waiter = {
        matcher,
        resolve: (m: OutboxMessage) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no outbox message matched within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}
