import { describe, expect, it } from 'vitest';
import { toTrayAccount } from '../../../src-main/core/tray/app-tray';
import { buildTrayMenu, expiryLabel, MAX_PINNED } from '../../../src-main/core/tray/model';
import type {
  TrayAccount,
  TrayInput,
  TrayItem,
  TrayProfile,
} from '../../../src-main/core/tray/model';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

const work: TrayProfile = {
  id: 'p-work',
  name: 'Work',
  signedIn: true,
  username: 'alice',
  expiresAt: NOW + 42 * 60_000 + 30_000,
};
const demo: TrayProfile = { id: 'p-demo', name: 'Demo', signedIn: false };
const github: TrayAccount = {
  id: 'a-gh',
  issuer: 'GitHub',
  account: 'alice',
  periodEndsAt: NOW + 17_000,
};
const plain: TrayAccount = { id: 'a-plain', issuer: '', account: 'legacy' };

function input(over: Partial<TrayInput> = {}): TrayInput {
  return {
    now: NOW,
    locked: false,
    profiles: [work, demo],
    accounts: [github, plain],
    pinned: [],
    ...over,
  };
}

/** Labels as an indented outline, which reads like the menu itself. */
function outline(items: TrayItem[], depth = 0): string[] {
  return items.flatMap((item) => {
    const pad = '  '.repeat(depth);
    if (item.kind === 'separator') return [`${pad}---`];
    if (item.kind === 'info') return [`${pad}(${item.label})`];
    if (item.kind === 'submenu')
      return [`${pad}${item.label} >`, ...outline(item.items, depth + 1)];
    return [`${pad}${item.label}`];
  });
}

function find(items: TrayItem[], label: string): TrayItem | undefined {
  for (const item of items) {
    if ('label' in item && item.label === label) return item;
    if (item.kind === 'submenu') {
      const inner = find(item.items, label);
      if (inner) return inner;
    }
  }
  return undefined;
}

describe('buildTrayMenu', () => {
  it('lays out profiles, codes and the app commands', () => {
    const menu = buildTrayMenu(input());
    expect(outline(menu.items)).toEqual([
      'Work (alice) >',
      '  (Tokens expire in 42 min)',
      '  Copy ID token',
      '  Copy access token',
      'Demo — Sign in…',
      '---',
      'Copy code >',
      '  GitHub (alice)',
      '  legacy',
      '---',
      'Open Cognito Authenticator',
      'Lock',
      'Quit',
    ]);
    expect(menu.tooltip).toBe('Cognito Authenticator — 1 of 2 profiles signed in');
  });

  it('offers AWS credentials as environment variables for a profile with an identity pool', () => {
    const menu = buildTrayMenu(input({ profiles: [{ ...work, hasIdentityPool: true }, demo] }));
    expect(outline(menu.items).slice(0, 5)).toEqual([
      'Work (alice) >',
      '  (Tokens expire in 42 min)',
      '  Copy ID token',
      '  Copy access token',
      '  Copy AWS credentials as environment variables',
    ]);
    expect(find(menu.items, 'Copy AWS credentials as environment variables')).toMatchObject({
      action: { type: 'copy-aws-env', profileId: 'p-work' },
    });
  });

  it('ties each item to its action', () => {
    const items = buildTrayMenu(input()).items;
    expect(find(items, 'Copy access token')).toMatchObject({
      action: { type: 'copy-token', profileId: 'p-work', token: 'access' },
    });
    expect(find(items, 'Demo — Sign in…')).toMatchObject({
      action: { type: 'sign-in', profileId: 'p-demo' },
    });
    expect(find(items, 'GitHub (alice)')).toMatchObject({
      action: { type: 'copy-code', accountId: 'a-gh', which: 'current' },
    });
    expect(find(items, 'Lock')).toMatchObject({ action: { type: 'lock' } });
  });

  it('offers the next code only when fewer than 5 s remain', () => {
    const at = (msLeft: number) =>
      outline(
        buildTrayMenu(input({ accounts: [{ ...github, periodEndsAt: NOW + msLeft }] })).items,
      );
    expect(at(5_000)).not.toContain('  GitHub (alice) — next code (this one ends in 5 s)');
    expect(at(5_000).some((l) => l.includes('next code'))).toBe(false);
    expect(at(4_999)).toContain('  GitHub (alice) — next code (this one ends in 5 s)');
    expect(at(1_200)).toContain('  GitHub (alice) — next code (this one ends in 2 s)');
    const next = find(
      buildTrayMenu(input({ accounts: [{ ...github, periodEndsAt: NOW + 3_000 }] })).items,
      'GitHub (alice) — next code (this one ends in 3 s)',
    );
    expect(next).toMatchObject({ action: { type: 'copy-code', accountId: 'a-gh', which: 'next' } });
  });

  it('asks to be rebuilt exactly when a label would change', () => {
    // The code enters its last 5 s at NOW + 12 s; the expiry minute ticks at NOW + 30 s.
    expect(buildTrayMenu(input()).refreshAt).toBe(NOW + 12_001);
    // Inside the window the countdown changes each second.
    expect(
      buildTrayMenu(input({ accounts: [{ ...github, periodEndsAt: NOW + 3_400 }] })).refreshAt,
    ).toBe(NOW + 400);
    // Expiry only: the next whole minute of time left.
    expect(buildTrayMenu(input({ accounts: [] })).refreshAt).toBe(NOW + 30_001);
    // Nothing that moves on its own: no timer at all.
    expect(buildTrayMenu(input({ profiles: [demo], accounts: [plain] })).refreshAt).toBeUndefined();
  });

  it('puts up to 9 pinned items on top, skipping ones that no longer exist', () => {
    const accounts: TrayAccount[] = Array.from({ length: 12 }, (_, i) => ({
      id: `a${i}`,
      issuer: 'Corp',
      account: `user${i}`,
    }));
    const pinned = [
      { kind: 'profile' as const, id: 'p-work', token: 'access' as const },
      { kind: 'profile' as const, id: 'p-demo', token: 'id' as const },
      { kind: 'account' as const, id: 'gone' },
      ...accounts.map((a) => ({ kind: 'account' as const, id: a.id })),
    ];
    const items = buildTrayMenu(input({ accounts, pinned })).items;
    const top = outline(
      items.slice(
        0,
        items.findIndex((i) => i.kind === 'separator'),
      ),
    );
    expect(top).toEqual([
      'Copy access token — Work (alice)',
      'Sign in to Demo…',
      ...accounts.slice(0, MAX_PINNED - 3).map((a) => `Copy code — Corp (${a.account})`),
    ]);
  });

  it('shows the next code for a pinned account too', () => {
    const items = buildTrayMenu(
      input({
        accounts: [{ ...github, periodEndsAt: NOW + 2_000 }],
        pinned: [{ kind: 'account', id: 'a-gh' }],
      }),
    ).items;
    expect(outline(items).slice(0, 2)).toEqual([
      'Copy code — GitHub (alice)',
      'Copy code — GitHub (alice) — next code (this one ends in 2 s)',
    ]);
  });

  it('shows an account that cannot make codes disabled, pinned or not, with no copy action', () => {
    const broken = toTrayAccount({
      id: 'a-lost',
      issuer: 'Corp',
      account: 'bob',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      generatedAt: NOW,
      problem: {
        code: 'SECRET_NOT_FOUND',
        message:
          'The secret key of "bob" at Corp is missing from the encrypted store. Delete the account and add it again.',
      },
    });
    const menu = buildTrayMenu(
      input({
        profiles: [demo],
        accounts: [broken, plain],
        pinned: [{ kind: 'account', id: 'a-lost' }],
      }),
    );
    expect(outline(menu.items)).toEqual([
      '(Corp (bob) — no code (see the vault))',
      '---',
      'Demo — Sign in…',
      '---',
      'Copy code >',
      '  (Corp (bob) — no code (see the vault))',
      '  legacy',
      '---',
      'Open Cognito Authenticator',
      'Lock',
      'Quit',
    ]);
    expect(JSON.stringify(menu.items)).not.toContain('a-lost');
    // Its period ends in 30 s, but it has no code to count down.
    expect(menu.refreshAt).toBeUndefined();
  });

  it('shows nothing but unlock and quit while locked', () => {
    const menu = buildTrayMenu(input({ locked: true, pinned: [{ kind: 'account', id: 'a-gh' }] }));
    expect(outline(menu.items)).toEqual(['(Locked)', 'Unlock…', '---', 'Quit']);
    expect(menu.refreshAt).toBeUndefined();
    expect(menu.tooltip).toBe('Cognito Authenticator — locked');
  });

  it('points to the window when there is no profile yet', () => {
    const menu = buildTrayMenu(input({ profiles: [], accounts: [] }));
    expect(outline(menu.items)).toEqual([
      'Add a sign-in profile…',
      '---',
      'Open Cognito Authenticator',
      'Lock',
      'Quit',
    ]);
    expect(menu.tooltip).toBe('Cognito Authenticator');
  });
});

describe('expiryLabel', () => {
  it('counts down in words', () => {
    expect(expiryLabel(NOW - 1, NOW)).toBe('Tokens expired — copying refreshes them');
    expect(expiryLabel(NOW + 59_999, NOW)).toBe('Tokens expire in under a minute');
    expect(expiryLabel(NOW + 60_000, NOW)).toBe('Tokens expire in 1 min');
    expect(expiryLabel(NOW + 119 * 60_000 + 59_000, NOW)).toBe('Tokens expire in 119 min');
    expect(expiryLabel(NOW + 5 * 3_600_000 + 1, NOW)).toBe('Tokens expire in 5 h');
  });
});
