/**
 * Keeps the tray menu current and runs what is clicked in it. The menu is
 * rebuilt when told that something changed (profiles, accounts, sign-in or
 * lock state) and when the model says a label is about to change. Copies go
 * through the app's one ClipboardPolicy, so they clear like every other copy.
 */
import type { ClipboardPolicy, Timers } from '../clipboard-policy';
import { AppError } from '../errors';
import type { Clock, Notifier } from '../ports';
import { buildTrayMenu } from './model';
import type {
  PinnedItem,
  TokenKind,
  TrayAccount,
  TrayAction,
  TrayMenu,
  TrayProfile,
} from './model';

export interface TraySnapshot {
  locked: boolean;
  profiles: TrayProfile[];
  accounts: TrayAccount[];
  pinned: PinnedItem[];
}

export interface TrayWindowControls {
  /** Shows the app window; with a profile id, on that profile's sign-in. */
  open(signInProfileId?: string): void;
  lock(): Promise<void>;
  quit(): void;
}

export interface TrayControllerDeps {
  snapshot(): Promise<TraySnapshot>;
  /** A token valid for at least a minute: refreshed first when it expires sooner. */
  token(profileId: string, kind: TokenKind): Promise<string>;
  /** `export AWS_…=…` lines for the profile's identity-pool credentials. */
  awsEnv?(profileId: string): Promise<string>;
  /** Copies a vault code through the clipboard policy (the vault's own copy). */
  copyCode(accountId: string, which: 'current' | 'next'): Promise<{ clearsInSeconds: number }>;
  clipboard: ClipboardPolicy;
  window: TrayWindowControls;
  render(menu: TrayMenu): void;
  notifier?: Notifier;
  clock: Clock;
  timers: Timers;
  /** Failures of a click are shown as a notification; this also gets them for the log. */
  logError?: (error: unknown) => void;
}

export class TrayController {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private again = false;
  private last: TraySnapshot | undefined;
  private disposed = false;

  constructor(private readonly deps: TrayControllerDeps) {}

  /** Rebuilds the menu; calls that arrive during a rebuild fold into one more. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.rebuild().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  async run(action: TrayAction): Promise<void> {
    try {
      await this.perform(action);
    } catch (error) {
      this.deps.logError?.(error);
      const message = error instanceof Error ? error.message : String(error);
      this.deps.notifier?.notify('Could not copy', message);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
  }

  private async perform(action: TrayAction): Promise<void> {
    // A menu built before the app locked can still be open; its copy items must not work.
    if (
      (action.type === 'copy-token' ||
        action.type === 'copy-code' ||
        action.type === 'copy-aws-env') &&
      (await this.deps.snapshot()).locked
    ) {
      throw new AppError({
        code: 'LOCKED',
        message: 'The app is locked. Unlock it from its window first.',
      });
    }
    switch (action.type) {
      case 'copy-token': {
        const token = await this.deps.token(action.profileId, action.token);
        const what = `${action.token === 'id' ? 'ID' : 'Access'} token for ${this.profileName(action.profileId)}`;
        const { clearsInSeconds } = await this.deps.clipboard.copy(token, { label: what });
        this.notifyCopied(what, clearsInSeconds);
        return;
      }
      case 'copy-aws-env': {
        if (!this.deps.awsEnv) {
          throw new AppError({
            code: 'NO_IDENTITY_POOL',
            message: 'AWS credentials are not available here.',
          });
        }
        const text = await this.deps.awsEnv(action.profileId);
        const what = `AWS credentials for ${this.profileName(action.profileId)}`;
        const { clearsInSeconds } = await this.deps.clipboard.copy(text, { label: what });
        this.notifyCopied(what, clearsInSeconds);
        return;
      }
      case 'copy-code': {
        const { clearsInSeconds } = await this.deps.copyCode(action.accountId, action.which);
        const name = this.accountName(action.accountId);
        this.notifyCopied(
          action.which === 'next' ? `Next code for ${name}` : `Code for ${name}`,
          clearsInSeconds,
        );
        return;
      }
      case 'sign-in':
        this.deps.window.open(action.profileId);
        return;
      case 'open-window':
        this.deps.window.open();
        return;
      case 'lock':
        await this.deps.clipboard.clearNow();
        await this.deps.window.lock();
        await this.refresh();
        return;
      case 'quit':
        await this.deps.clipboard.clearNow();
        this.deps.window.quit();
        return;
    }
  }

  private async rebuild(): Promise<void> {
    if (this.disposed) return;
    const snapshot = await this.deps.snapshot();
    this.last = snapshot;
    const now = this.deps.clock.now();
    const menu = buildTrayMenu({ ...snapshot, now });
    this.deps.render(menu);
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer =
      menu.refreshAt === undefined
        ? undefined
        : this.deps.timers.setTimeout(() => void this.refresh(), Math.max(0, menu.refreshAt - now));
  }

  private notifyCopied(what: string, clearsInSeconds: number): void {
    this.deps.notifier?.notify(
      `${what} copied`,
      clearsInSeconds > 0 ? `The clipboard clears in ${clearsInSeconds} s.` : 'Auto-clear is off.',
    );
  }

  private profileName(id: string): string {
    return this.last?.profiles.find((p) => p.id === id)?.name ?? 'the profile';
  }

  private accountName(id: string): string {
    const account = this.last?.accounts.find((a) => a.id === id);
    if (!account) return 'the account';
    return account.issuer ? `${account.issuer} (${account.account})` : account.account;
  }
}
