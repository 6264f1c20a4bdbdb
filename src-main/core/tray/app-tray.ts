/**
 * Connects the tray controller to the app's services: what the menu shows
 * comes from the engine, the vault, the lock and the pins, and the menu is
 * rebuilt whenever one of them announces a change.
 */
import { awsEnvironment, shellExports } from '../cli-bridge/credential-formats';
import type { AwsCredentialsValue } from '../cli-bridge/protocol';
import type { ClipboardPolicy, Timers } from '../clipboard-policy';
import { summarizeProfiles } from '../cognito/profile-summary';
import type { ProfileSessions } from '../cognito/profile-summary';
import type { Clock, Notifier } from '../ports';
import type { VaultAccountView } from '../vault/types';
import type { AppLock } from '../lock/app-lock';
import type { TokenKind, TrayAccount, TrayMenu } from './model';
import type { TrayPins } from './pins';
import { TrayController } from './tray-controller';
import type { TraySnapshot, TrayWindowControls } from './tray-controller';

export interface AppTrayDeps {
  cognito: ProfileSessions;
  vault: {
    list(): Promise<VaultAccountView[]>;
    copyCode(id: string, which: 'current' | 'next'): Promise<{ clearsInSeconds: number }>;
  };
  /** Tokens with at least a minute left, refreshed first otherwise (the CLI bridge's backend). */
  tokenById(profileId: string, type: TokenKind): Promise<{ token: string }>;
  /** The profile's AWS credentials (cached by the CLI bridge's backend). */
  awsCredentials?(profileId: string): Promise<AwsCredentialsValue>;
  lock: AppLock;
  pins: TrayPins;
  clipboard: ClipboardPolicy;
  notifier?: Notifier;
  clock: Clock;
  timers: Timers;
  /** The app's event stream; every event may change what the menu shows. */
  subscribe(listener: (event: string) => void): () => void;
  window: TrayWindowControls;
  render(menu: TrayMenu): void;
  logError?: (error: unknown) => void;
}

/** Events after which the menu is rebuilt. */
const MENU_EVENTS = new Set([
  'vault:changed',
  'auth:changed',
  'profiles:changed',
  'lock:changed',
  'tray:pinsChanged',
]);

export function startAppTray(deps: AppTrayDeps): { controller: TrayController; stop(): void } {
  const controller = new TrayController({
    snapshot: () => snapshot(deps),
    token: async (profileId, kind) => (await deps.tokenById(profileId, kind)).token,
    ...(deps.awsCredentials
      ? {
          awsEnv: async (profileId: string) =>
            shellExports(awsEnvironment(await deps.awsCredentials!(profileId))),
        }
      : {}),
    copyCode: (id, which) => deps.vault.copyCode(id, which),
    clipboard: deps.clipboard,
    window: deps.window,
    render: deps.render,
    notifier: deps.notifier,
    clock: deps.clock,
    timers: deps.timers,
    logError: deps.logError,
  });
  const refresh = () => controller.refresh().catch((error: unknown) => deps.logError?.(error));
  const unsubscribe = deps.subscribe((event) => {
    if (MENU_EVENTS.has(event)) void refresh();
  });
  void refresh();
  return {
    controller,
    stop() {
      unsubscribe();
      controller.dispose();
    },
  };
}

async function snapshot(deps: AppTrayDeps): Promise<TraySnapshot> {
  const locked = deps.lock.locked;
  if (locked) return { locked, profiles: [], accounts: [], pinned: [] };
  const [profiles, views, pinned] = await Promise.all([
    summarizeProfiles(deps.cognito, { unreadableAsSignedOut: true }),
    // A vault that cannot be read (keychain locked) must not take the whole menu down.
    deps.vault.list().catch((error: unknown) => {
      deps.logError?.(error);
      return [];
    }),
    deps.pins.list(),
  ]);
  return { locked, profiles, accounts: views.map(toTrayAccount), pinned };
}

export function toTrayAccount(view: VaultAccountView): TrayAccount {
  const account: TrayAccount = { id: view.id, issuer: view.issuer, account: view.account };
  if (view.problem) {
    account.unavailable = true;
    return account;
  }
  if (view.type !== 'hotp' && view.period) {
    const periodMs = view.period * 1000;
    account.periodEndsAt = (Math.floor(view.generatedAt / periodMs) + 1) * periodMs;
  }
  return account;
}
