/**
 * The tray menu as plain data, computed from a snapshot of the app's state.
 * Pure: no timers, no Electron, no I/O; the Electron adapter renders it and
 * the controller runs the actions. `refreshAt` says when the menu's text
 * would next change (a code entering its last seconds, an expiry minute
 * ticking over), so the menu is rebuilt only when something visible moves.
 */
import type { ProfileSummary } from '../cognito/profile-summary';

export const MAX_PINNED = 9;
/** "Copy next code" appears when fewer seconds than this remain. */
export const NEXT_CODE_WINDOW_SECONDS = 5;

export type TokenKind = 'id' | 'access';

/** A profile and its sign-in state; `expiresAt` is when the first of its ID/access tokens expires. */
export type TrayProfile = ProfileSummary;

export interface TrayAccount {
  id: string;
  issuer: string;
  account: string;
  /** TOTP only: ms since epoch when the current code's period ends. */
  periodEndsAt?: number;
  /**
   * The account cannot make codes (its secret is missing or unusable). It
   * stays in the menu, disabled, so it does not silently vanish; the vault
   * screen says why and offers to delete it.
   */
  unavailable?: boolean;
}

export type PinnedItem =
  { kind: 'profile'; id: string; token: TokenKind } | { kind: 'account'; id: string };

export interface TrayInput {
  /** ms since epoch, the moment the snapshot was taken. */
  now: number;
  locked: boolean;
  profiles: TrayProfile[];
  accounts: TrayAccount[];
  pinned: PinnedItem[];
}

export type TrayAction =
  | { type: 'copy-token'; profileId: string; token: TokenKind }
  /** AWS credentials from the profile's identity pool, as `export` lines for a shell. */
  | { type: 'copy-aws-env'; profileId: string }
  | { type: 'copy-code'; accountId: string; which: 'current' | 'next' }
  | { type: 'sign-in'; profileId: string }
  | { type: 'open-window' }
  | { type: 'lock' }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'action'; label: string; action: TrayAction }
  | { kind: 'info'; label: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; items: TrayItem[] };

export interface TrayMenu {
  tooltip: string;
  items: TrayItem[];
  /** ms since epoch when the labels next change; absent when they never do on their own. */
  refreshAt?: number;
}

const APP_NAME = 'Cognito Authenticator';
const separator: TrayItem = { kind: 'separator' };

export function buildTrayMenu(input: TrayInput): TrayMenu {
  if (input.locked) {
    return {
      tooltip: `${APP_NAME} — locked`,
      items: [
        { kind: 'info', label: 'Locked' },
        { kind: 'action', label: 'Unlock…', action: { type: 'open-window' } },
        separator,
        { kind: 'action', label: 'Quit', action: { type: 'quit' } },
      ],
    };
  }
  const refresh = new RefreshTracker();
  const sections: TrayItem[][] = [
    pinnedSection(input, refresh),
    profileSection(input, refresh),
    accountSection(input, refresh),
    [
      { kind: 'action', label: `Open ${APP_NAME}`, action: { type: 'open-window' } },
      { kind: 'action', label: 'Lock', action: { type: 'lock' } },
      { kind: 'action', label: 'Quit', action: { type: 'quit' } },
    ],
  ];
  const items = sections
    .filter((s) => s.length > 0)
    .flatMap((s, i) => (i === 0 ? s : [separator, ...s]));
  const menu: TrayMenu = { tooltip: tooltip(input.profiles), items };
  const refreshAt = refresh.earliest(input.now);
  if (refreshAt !== undefined) menu.refreshAt = refreshAt;
  return menu;
}

function tooltip(profiles: TrayProfile[]): string {
  if (profiles.length === 0) return APP_NAME;
  const signedIn = profiles.filter((p) => p.signedIn).length;
  return `${APP_NAME} — ${signedIn} of ${profiles.length} ${profiles.length === 1 ? 'profile' : 'profiles'} signed in`;
}

function pinnedSection(input: TrayInput, refresh: RefreshTracker): TrayItem[] {
  const items: TrayItem[] = [];
  for (const pin of input.pinned.slice(0, MAX_PINNED)) {
    if (pin.kind === 'profile') {
      const profile = input.profiles.find((p) => p.id === pin.id);
      if (!profile) continue;
      items.push(
        profile.signedIn
          ? {
              kind: 'action',
              label: `Copy ${pin.token === 'id' ? 'ID' : 'access'} token — ${profileLabel(profile)}`,
              action: { type: 'copy-token', profileId: profile.id, token: pin.token },
            }
          : {
              kind: 'action',
              label: `Sign in to ${profile.name}…`,
              action: { type: 'sign-in', profileId: profile.id },
            },
      );
    } else {
      const account = input.accounts.find((a) => a.id === pin.id);
      if (account) items.push(...codeItems(account, input, refresh, 'Copy code — '));
    }
  }
  return items;
}

function profileSection(input: TrayInput, refresh: RefreshTracker): TrayItem[] {
  if (input.profiles.length === 0) {
    return [{ kind: 'action', label: 'Add a sign-in profile…', action: { type: 'open-window' } }];
  }
  return input.profiles.map((profile): TrayItem => {
    if (!profile.signedIn) {
      return {
        kind: 'action',
        label: `${profile.name} — Sign in…`,
        action: { type: 'sign-in', profileId: profile.id },
      };
    }
    const items: TrayItem[] = [];
    if (profile.expiresAt !== undefined) {
      items.push({ kind: 'info', label: expiryLabel(profile.expiresAt, input.now) });
      refresh.expiry(profile.expiresAt, input.now);
    }
    items.push(
      {
        kind: 'action',
        label: 'Copy ID token',
        action: { type: 'copy-token', profileId: profile.id, token: 'id' },
      },
      {
        kind: 'action',
        label: 'Copy access token',
        action: { type: 'copy-token', profileId: profile.id, token: 'access' },
      },
    );
    if (profile.hasIdentityPool) {
      items.push({
        kind: 'action',
        label: 'Copy AWS credentials as environment variables',
        action: { type: 'copy-aws-env', profileId: profile.id },
      });
    }
    return { kind: 'submenu', label: profileLabel(profile), items };
  });
}

function accountSection(input: TrayInput, refresh: RefreshTracker): TrayItem[] {
  if (input.accounts.length === 0) return [];
  return [
    {
      kind: 'submenu',
      label: 'Copy code',
      items: input.accounts.flatMap((a) => codeItems(a, input, refresh, '')),
    },
  ];
}

function codeItems(
  account: TrayAccount,
  input: TrayInput,
  refresh: RefreshTracker,
  prefix: string,
): TrayItem[] {
  const name = accountLabel(account);
  if (account.unavailable) return [{ kind: 'info', label: `${name} — no code (see the vault)` }];
  const items: TrayItem[] = [
    {
      kind: 'action',
      label: `${prefix}${name}`,
      action: { type: 'copy-code', accountId: account.id, which: 'current' },
    },
  ];
  if (account.periodEndsAt === undefined) return items;
  const msLeft = account.periodEndsAt - input.now;
  const windowMs = NEXT_CODE_WINDOW_SECONDS * 1000;
  if (msLeft <= 0) return items;
  if (msLeft >= windowMs) {
    refresh.consider(msLeft - windowMs + 1);
    return items;
  }
  const secondsLeft = Math.ceil(msLeft / 1000);
  // Inside the window the item counts down, so its label changes each second.
  refresh.consider(msLeft - (secondsLeft - 1) * 1000);
  items.push({
    kind: 'action',
    label: `${prefix}${name} — next code (this one ends in ${secondsLeft} s)`,
    action: { type: 'copy-code', accountId: account.id, which: 'next' },
  });
  return items;
}

function profileLabel(profile: TrayProfile): string {
  return profile.username ? `${profile.name} (${profile.username})` : profile.name;
}

function accountLabel(account: TrayAccount): string {
  return account.issuer ? `${account.issuer} (${account.account})` : account.account;
}

/** Relative, so the model needs no time zone: "Tokens expire in 42 min". */
export function expiryLabel(expiresAt: number, now: number): string {
  const seconds = Math.floor((expiresAt - now) / 1000);
  if (seconds <= 0) return 'Tokens expired — copying refreshes them';
  if (seconds < 60) return 'Tokens expire in under a minute';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `Tokens expire in ${minutes} min`;
  return `Tokens expire in ${Math.floor(minutes / 60)} h`;
}

/** Collects the soonest moment any label would read differently. */
class RefreshTracker {
  private soonestMs: number | undefined;

  consider(deltaMs: number): void {
    if (deltaMs > 0 && (this.soonestMs === undefined || deltaMs < this.soonestMs))
      this.soonestMs = deltaMs;
  }

  /**
   * Every threshold of expiryLabel (0, 60 s, whole minutes, whole hours) is
   * a multiple of a minute before expiry, so the label can only change when
   * the time left crosses one.
   */
  expiry(expiresAt: number, now: number): void {
    const msLeft = expiresAt - now;
    if (msLeft > 0) this.consider((msLeft % 60_000) + 1);
  }

  earliest(now: number): number | undefined {
    return this.soonestMs === undefined ? undefined : now + this.soonestMs;
  }
}
