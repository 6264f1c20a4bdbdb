/** The bridge's pure parts: account and profile matching, the approval prompt, ss parsing, endpoints. */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createAccessList } from '../../src-main/node/state-files';
import {
  createAppBackend,
  MIN_TOKEN_VALIDITY_MS,
} from '../../src-main/core/cli-bridge/app-backend';
import type { SessionSource } from '../../src-main/core/cli-bridge/app-backend';
import { CallerApprovals } from '../../src-main/core/cli-bridge/approvals';
import type { ApprovalAnswer, ApprovalQuestion } from '../../src-main/core/cli-bridge/approvals';
import type { CallerIdentity } from '../../src-main/core/ports';
import { SessionGrants } from '../../src-main/core/cli-bridge/session-grants';
import { peerInodeFromSs } from '../../src-main/node/caller';
import { bridgeEndpoint, defaultDataDir } from '../../src-main/node/endpoint';
import {
  approvalNotice,
  UiApprovalPrompt,
} from '../../src-main/core/cli-bridge/ui-approval-prompt';
import type {
  ApprovalRequestedEvent,
  ApprovalSettledEvent,
} from '../../src-main/core/cli-bridge/ui-approval-prompt';
import { findAccount, mfaCodeFor } from '../../src-main/core/cli-bridge/vault-codes';
import { AppError } from '../../src-main/core/errors';
import type { VaultAccountView } from '../../src-main/core/vault/types';

function account(id: string, issuer: string, name: string, code = '123456'): VaultAccountView {
  return {
    id,
    issuer,
    account: name,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    code,
    secondsLeft: 12,
    generatedAt: 0,
  };
}

/** A verified caller: bash in tmux ran the CLI. */
const caller = {
  cli: { pid: 10, exe: '/usr/bin/node' },
  program: { pid: 9, exe: '/usr/bin/bash' },
  parent: { pid: 8, exe: '/usr/bin/tmux' },
  key: '/usr/bin/bash\n/usr/bin/tmux',
};

const accounts = [
  account('a1', 'GitHub', 'alice', '111111'),
  account('a2', 'GitHub', 'bob', '222222'),
  account('a3', 'AWS', 'alice', '333333'),
  account('a4', '', 'legacy', '444444'),
];

describe('findAccount', () => {
  it('prefers the most specific match: id, issuer:account, account, issuer', () => {
    expect(findAccount(accounts, 'A2').id).toBe('a2');
    expect(findAccount(accounts, 'github:ALICE').id).toBe('a1');
    expect(findAccount(accounts, 'bob').id).toBe('a2');
    expect(findAccount(accounts, 'aws').id).toBe('a3');
    expect(findAccount(accounts, 'legacy').id).toBe('a4');
  });

  it('names the candidates when a name is ambiguous or unknown', () => {
    expect(() => findAccount(accounts, 'alice')).toThrow(
      'That name matches 2 accounts (GitHub:alice, AWS:alice)',
    );
    expect(() => findAccount(accounts, 'gitlab')).toThrow(
      'No vault account matches that name. Accounts: GitHub:alice',
    );
    expect(() => findAccount([], 'x')).toThrow('The vault has no accounts yet.');
  });

  it('gives the only account to mfa-code without --account, and asks to choose otherwise', async () => {
    const one = { list: async () => [accounts[2] as VaultAccountView] };
    expect(await mfaCodeFor(one, undefined)).toEqual({
      account: 'AWS:alice',
      code: '333333',
      secondsLeft: 12,
    });
    await expect(mfaCodeFor({ list: async () => accounts }, undefined)).rejects.toThrow(
      'choose one with --account',
    );
  });

  it("passes on a broken account's own problem instead of a code", async () => {
    const message =
      'The secret key of "erin" at Corp is missing from the encrypted store. Delete the account and add it again.';
    const broken: VaultAccountView = {
      id: 'a5',
      issuer: 'Corp',
      account: 'erin',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      generatedAt: 0,
      problem: { code: 'SECRET_NOT_FOUND', message },
    };
    const error = await mfaCodeFor({ list: async () => [...accounts, broken] }, 'corp').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message });
  });
});

describe('createAppBackend', () => {
  const NOW = 1_800_000_000_000;
  function source(expiresIn: number, refresh: () => Promise<never> | undefined = () => undefined) {
    const refreshed = {
      idToken: 'id-2',
      accessToken: 'access-2',
      idTokenExpiresAt: NOW + 3_600_000,
      accessTokenExpiresAt: NOW + 3_600_000,
    };
    const calls: string[] = [];
    const cognito: SessionSource = {
      profiles: {
        list: async () => ({
          profiles: [
            { id: 'p1', displayName: 'Work' },
            { id: 'p2', displayName: 'Lab' },
            { id: 'p3', displayName: 'Lab' },
          ],
          selectedId: 'p1',
        }),
      },
      tokens: {
        load: async (id) =>
          id === 'p1'
            ? {
                idToken: 'id-1',
                accessToken: 'access-1',
                idTokenExpiresAt: NOW + expiresIn,
                accessTokenExpiresAt: NOW + expiresIn + 1000,
              }
            : undefined,
        refresh: async (id) => {
          calls.push(`refresh:${id}`);
          return refresh() ?? refreshed;
        },
        summary: async () => null,
      },
    };
    return { cognito, calls };
  }
  const vault = { list: async () => accounts };
  const clock = { now: () => NOW };

  it('hands out the stored token while a minute or more is left, and refreshes first otherwise', async () => {
    const fresh = source(MIN_TOKEN_VALIDITY_MS);
    expect(
      await createAppBackend({ cognito: fresh.cognito, vault, clock }).getToken(undefined, 'id'),
    ).toEqual({
      profile: 'Work',
      type: 'id',
      token: 'id-1',
      expiresAt: NOW + MIN_TOKEN_VALIDITY_MS,
    });
    expect(fresh.calls).toEqual([]);
    const stale = source(MIN_TOKEN_VALIDITY_MS - 1);
    const value = await createAppBackend({ cognito: stale.cognito, vault, clock }).getToken(
      'work',
      'access',
    );
    expect(value).toMatchObject({ token: 'access-2', expiresAt: NOW + 3_600_000 });
    expect(stale.calls).toEqual(['refresh:p1']);
  });

  it('maps engine failures to the bridge codes', async () => {
    const expired = source(0, () =>
      Promise.reject(
        new AppError({ code: 'REFRESH_EXPIRED', message: 'Your sign-in has expired.' }),
      ),
    );
    await expect(
      createAppBackend({ cognito: expired.cognito, vault, clock }).getToken('p1', 'id'),
    ).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    const offline = source(0, () =>
      Promise.reject(
        new AppError({
          code: 'NETWORK',
          message: 'Cognito could not be reached.',
          retryable: true,
        }),
      ),
    );
    await expect(
      createAppBackend({ cognito: offline.cognito, vault, clock }).getToken('p1', 'id'),
    ).rejects.toMatchObject({ code: 'NETWORK' });
    const backend = createAppBackend({ cognito: source(1e6).cognito, vault, clock });
    await expect(backend.getToken('Lab', 'id')).rejects.toThrow('Several profiles have that name');
    await expect(backend.getToken('p2', 'id')).rejects.toMatchObject({
      code: 'NOT_SIGNED_IN',
      message: expect.stringContaining('"Lab"'),
    });
    await expect(backend.getToken('nope', 'id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses tokens and codes while locked, but still lists profiles', async () => {
    const backend = createAppBackend({
      cognito: source(1e6).cognito,
      vault,
      clock,
      isLocked: () => true,
    });
    await expect(backend.getToken(undefined, 'id')).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(backend.getCode('bob')).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await backend.listProfiles()).toHaveLength(3);
  });
});

describe('UiApprovalPrompt', () => {
  function prompt(timeoutMs = 60_000) {
    const requested: ApprovalRequestedEvent[] = [];
    const settled: ApprovalSettledEvent[] = [];
    const ui = new UiApprovalPrompt({
      requested: (e) => void requested.push(e),
      settled: (e) => void settled.push(e),
      timeoutMs,
      now: () => 1000,
    });
    return { ui, requested, settled };
  }

  it('asks through an event and resolves with the answer given on the channel', async () => {
    const { ui, requested, settled } = prompt();
    const answer = ui.ask({
      caller: { ...caller, cwd: '/home/alice/project', tty: '/dev/pts/3', sessionId: 4242 },
      action: 'an ID token for Work',
      canAllowAlways: true,
      canAllowSession: true,
    });
    expect(requested).toEqual([
      {
        requestId: expect.any(String),
        action: 'an ID token for Work',
        program: '/usr/bin/bash',
        programPid: 9,
        parent: '/usr/bin/tmux',
        cwd: '/home/alice/project',
        terminal: '/dev/pts/3',
        canAllowAlways: true,
        canAllowSession: true,
        sessionMinutes: 10,
        expiresAt: 61_000,
      },
    ]);
    expect(() => ui.answer(requested[0]?.requestId as string, 'session', 0)).toThrow(
      'from 1 to 480 minutes',
    );
    ui.answer(requested[0]?.requestId as string, 'always');
    expect(await answer).toEqual({ decision: 'always' });
    expect(settled).toEqual([
      { requestId: requested[0]?.requestId, decision: 'always', reason: 'answered' },
    ]);
    expect(() => ui.answer(requested[0]?.requestId as string, 'once')).toThrow('no longer waiting');
  });

  it('denies when nobody answers in time', async () => {
    vi.useFakeTimers();
    try {
      const { ui, settled } = prompt(5_000);
      const answer = ui.ask({
        caller,
        action: 'a code',
        canAllowAlways: true,
        canAllowSession: true,
      });
      vi.advanceTimersByTime(5_000);
      expect(await answer).toEqual({ decision: 'deny', timedOut: true });
      expect(settled[0]).toMatchObject({ decision: 'deny', reason: 'timeout' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('allows an unverified caller only once, and denies everything open on denyAll', async () => {
    const { ui, requested } = prompt();
    const answer = ui.ask({
      caller: { ...caller, key: undefined },
      action: 'a code',
      canAllowAlways: false,
      canAllowSession: false,
    });
    expect(() => ui.answer(requested[0]?.requestId as string, 'always')).toThrow(
      'only be allowed once',
    );
    expect(() => ui.answer(requested[0]?.requestId as string, 'session', 10)).toThrow(
      'cannot be allowed for a session',
    );
    ui.denyAll();
    expect(await answer).toEqual({ decision: 'deny' });
  });
});

describe('approvalNotice', () => {
  it('names the program and what it asks for', () => {
    const event = {
      requestId: 'r',
      action: 'AWS credentials for profile "Work"',
      program: '/usr/bin/terraform',
      programPid: 5,
      canAllowAlways: true,
      canAllowSession: true,
      sessionMinutes: 10,
      expiresAt: 0,
    };
    expect(approvalNotice(event)).toEqual({
      title: 'A program is waiting for your answer',
      body: 'terraform asks for AWS credentials for profile "Work". Answer in the Cognito Authenticator window.',
    });
    expect(approvalNotice({ ...event, program: 'unknown' }).body).toMatch(/^A program asks for/);
  });
});

describe('CallerApprovals', () => {
  /** A promise the test settles by hand (Promise.withResolvers needs Node 22). */
  function deferred<T>() {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
  }

  /** A real access list whose saving of "always" waits until the test lets it finish. */
  async function setup(sessions?: SessionGrants) {
    const dir = await mkdtemp(join(tmpdir(), 'approvals-'));
    const accessList = createAccessList(dir);
    const savingStarted = deferred<void>();
    const saving = deferred<void>();
    const allow = accessList.allow.bind(accessList);
    accessList.allow = async (c) => {
      savingStarted.resolve();
      await saving.promise;
      await allow(c);
    };
    const answers: ReturnType<typeof deferred<ApprovalAnswer>>[] = [];
    const questions: ApprovalQuestion[] = [];
    const approvals = new CallerApprovals(
      accessList,
      {
        ask: (question) => {
          questions.push(question);
          const answer = deferred<ApprovalAnswer>();
          answers.push(answer);
          return answer.promise;
        },
      },
      sessions,
    );
    const questionsAsked = (n: number) =>
      vi.waitFor(() => expect(answers).toHaveLength(n), { timeout: 10_000 });
    return {
      dir,
      accessList,
      savingStarted,
      saving,
      answers,
      questions,
      approvals,
      questionsAsked,
    };
  }

  /** Whether `promise` has settled by the time everything already queued has run. */
  async function settledNow<T>(promise: Promise<T>): Promise<{ value: T } | 'pending'> {
    const pending = Symbol('pending');
    const first = await Promise.race([
      promise,
      new Promise<typeof pending>((r) => setTimeout(() => r(pending), 0)),
    ]);
    return first === pending ? 'pending' : { value: first as T };
  }

  it('asks once for requests that arrive while the answer "always" is still being saved', async () => {
    const { dir, accessList, savingStarted, saving, answers, approvals, questionsAsked } =
      await setup();
    try {
      const told: string[] = [];
      const first = approvals.authorize(caller, 'a code', () => told.push('first'));
      await questionsAsked(1);
      const second = approvals.authorize(caller, 'a code', () => told.push('second'));
      answers[0]?.resolve({ decision: 'always' });
      await savingStarted.promise;
      const third = approvals.authorize(caller, 'a code', () => told.push('third'));
      saving.resolve();
      expect(await first).toEqual({ allowed: true, rule: 'allowed-always' });
      // The later requests share the first one's decision, so they have settled too.
      expect(await settledNow(Promise.all([second, third]))).toEqual({
        value: [
          { allowed: true, rule: 'allowed-always' },
          { allowed: true, rule: 'allowed-always' },
        ],
      });
      expect(answers).toHaveLength(1);
      expect(told).toEqual(['first', 'second', 'third']);
      expect(await accessList.isAllowed(caller)).toBe(true);
      const listed: string[] = [];
      expect(await approvals.authorize(caller, 'a code', () => listed.push('x'))).toEqual({
        allowed: true,
        rule: 'access-list',
      });
      expect(listed).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets "once" cover only the requests that waited for it, and "deny" refuse them all', async () => {
    const { dir, accessList, answers, approvals, questionsAsked } = await setup();
    try {
      const waiting = [1, 2].map(() => approvals.authorize(caller, 'a code', () => {}));
      await questionsAsked(1);
      answers[0]?.resolve({ decision: 'once' });
      expect((await Promise.all(waiting)).map((o) => o.rule)).toEqual([
        'allowed-once',
        'allowed-once',
      ]);
      const later = [1, 2].map(() => approvals.authorize(caller, 'a code', () => {}));
      await questionsAsked(2);
      answers[1]?.resolve({ decision: 'deny' });
      expect(await Promise.all(later)).toEqual([
        { allowed: false, rule: 'denied' },
        { allowed: false, rule: 'denied' },
      ]);
      expect(answers).toHaveLength(2);
      expect(await accessList.isAllowed(caller)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('asks an unverified caller every time and never lists it', async () => {
    const { dir, accessList, answers, approvals, questionsAsked } = await setup();
    try {
      const unverified = { ...caller, key: undefined };
      const both = [1, 2].map(() => approvals.authorize(unverified, 'a code', () => {}));
      await questionsAsked(2);
      answers.forEach((a) => a.resolve({ decision: 'once' }));
      expect((await Promise.all(both)).map((o) => o.allowed)).toEqual([true, true]);
      expect(await accessList.list()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('allow this terminal session', () => {
    const inTerminal = (tty: string, sessionId: number): CallerIdentity => ({
      ...caller,
      tty,
      sessionId,
      sessionKey: `${caller.key}\n${tty}\n${sessionId}`,
    });

    it('covers the same program, parent and terminal until the minutes run out', async () => {
      let now = 1_000_000;
      const sessions = new SessionGrants({ now: () => now });
      const { dir, answers, questions, approvals, questionsAsked, accessList } =
        await setup(sessions);
      try {
        const here = inTerminal('/dev/pts/3', 4242);
        const first = approvals.authorize(here, 'a code', () => {});
        await questionsAsked(1);
        expect(questions[0]).toMatchObject({ canAllowAlways: true, canAllowSession: true });
        answers[0]?.resolve({ decision: 'session', minutes: 15 });
        expect(await first).toEqual({
          allowed: true,
          rule: 'allowed-session',
          until: 1_000_000 + 15 * 60_000,
        });

        now += 14 * 60_000;
        expect(await approvals.authorize(here, 'a code', () => {})).toEqual({
          allowed: true,
          rule: 'session-grant',
          until: 1_000_000 + 15 * 60_000,
        });
        expect(sessions.list()).toEqual([
          {
            program: '/usr/bin/bash',
            parent: '/usr/bin/tmux',
            terminal: '/dev/pts/3',
            until: 1_900_000,
          },
        ]);

        // Another terminal, or another parent, is asked.
        const elsewhere = approvals.authorize(inTerminal('/dev/pts/4', 5151), 'a code', () => {});
        await questionsAsked(2);
        answers[1]?.resolve({ decision: 'deny' });
        expect(await elsewhere).toEqual({ allowed: false, rule: 'denied' });
        const otherParent: CallerIdentity = {
          ...here,
          parent: { pid: 2, exe: '/usr/bin/sshd' },
          key: '/usr/bin/bash\n/usr/bin/sshd',
          sessionKey: '/usr/bin/bash\n/usr/bin/sshd\n/dev/pts/3\n4242',
        };
        const fromSsh = approvals.authorize(otherParent, 'a code', () => {});
        await questionsAsked(3);
        answers[2]?.resolve({ decision: 'deny' });
        expect((await fromSsh).allowed).toBe(false);

        // A minute later the grant is over.
        now += 60_000;
        const after = approvals.authorize(here, 'a code', () => {});
        await questionsAsked(4);
        answers[3]?.resolve({ decision: 'deny', timedOut: true });
        expect(await after).toEqual({ allowed: false, rule: 'timed-out' });
        expect(sessions.list()).toEqual([]);
        expect(await accessList.list()).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('ends every grant when cleared (the app locks), and offers none without a terminal', async () => {
      const sessions = new SessionGrants({ now: () => 5_000 });
      const { dir, answers, questions, approvals, questionsAsked } = await setup(sessions);
      try {
        const here = inTerminal('/dev/pts/3', 4242);
        const first = approvals.authorize(here, 'a code', () => {});
        await questionsAsked(1);
        answers[0]?.resolve({ decision: 'session' });
        expect(await first).toMatchObject({ rule: 'allowed-session', until: 5_000 + 10 * 60_000 });
        sessions.clear();
        const again = approvals.authorize(here, 'a code', () => {});
        await questionsAsked(2);
        answers[1]?.resolve({ decision: 'once' });
        expect((await again).rule).toBe('allowed-once');

        const detached = approvals.authorize(caller, 'a code', () => {});
        await questionsAsked(3);
        expect(questions[2]).toMatchObject({ canAllowSession: false });
        answers[2]?.resolve({ decision: 'session' });
        expect((await detached).rule).toBe('allowed-once');
        expect(sessions.list()).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('peerInodeFromSs', () => {
  it("finds the caller's socket from our end's line", () => {
    const table = [
      'u_str LISTEN 0      511    /run/user/0/cognito-auth/cli-abc.sock 9500 * 0',
      'u_str ESTAB  0      0      /run/user/0/cognito-auth/cli-abc.sock 9600 * 8848',
      'u_str ESTAB  0      0                                           * 8848 * 9600',
    ].join('\n');
    expect(peerInodeFromSs(table, '9600')).toBe('8848');
    expect(peerInodeFromSs(table, '9500')).toBeUndefined();
    expect(peerInodeFromSs(table, '1234')).toBeUndefined();
  });
});

describe('bridgeEndpoint', () => {
  it('uses $XDG_RUNTIME_DIR, else the data folder, and a named pipe on Windows', () => {
    const linux = bridgeEndpoint({
      platform: 'linux',
      runtimeDir: '/run/user/1000',
      dataDir: '/home/a/.config/x',
    });
    expect(linux.dir).toBe('/run/user/1000/cognito-auth');
    // Named by the SHA-256 of the data folder, so an app and a CLI of other versions still meet.
    const tag = createHash('sha256').update('/home/a/.config/x').digest('hex').slice(0, 12);
    expect(linux.path).toBe(`/run/user/1000/cognito-auth/cli-${tag}.sock`);
    const other = bridgeEndpoint({
      platform: 'linux',
      runtimeDir: '/run/user/1000',
      dataDir: '/home/a/other',
    });
    expect(other.path).not.toBe(linux.path);
    expect(bridgeEndpoint({ platform: 'darwin', dataDir: '/Users/a/data' }).dir).toBe(
      '/Users/a/data/run',
    );
    const windows = bridgeEndpoint({
      platform: 'win32',
      dataDir: 'C:\\data',
      user: 'Ana María',
    });
    expect(windows.path).toMatch(/^\\\\\.\\pipe\\cognito-auth-Ana_Mar_a-[0-9a-f]{12}$/);
    expect(windows.dir).toBeUndefined();
  });

  it("finds Electron's userData folder", () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' })).toBe(
      '/cfg/cognito-desktop-authenticator',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' })).toContain(
      'cognito-desktop-authenticator',
    );
  });
});
