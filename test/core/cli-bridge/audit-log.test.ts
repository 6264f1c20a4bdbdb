/**
 * The audit log's entries: every kind of outcome gets its decision and rule,
 * names and paths only; the log keeps order and filters.
 */
import { describe, expect, it } from 'vitest';
import { AuditLog, auditEntryFor } from '../../../src-main/core/cli-bridge/audit-log';
import type { AuditEntry, AuditStore } from '../../../src-main/core/cli-bridge/audit-log';
import type { CallerIdentity } from '../../../src-main/core/ports';

const caller: CallerIdentity = {
  cli: { pid: 10, exe: '/usr/bin/node' },
  program: { pid: 9, exe: '/usr/bin/bash' },
  parent: { pid: 1, exe: '/usr/bin/tmux' },
  key: '/usr/bin/bash\n/usr/bin/tmux',
  cwd: '/home/alice/infra',
  tty: '/dev/pts/3',
  sessionId: 42,
  sessionKey: 'k',
};
const token = { method: 'token', type: 'access', profile: 'Work' } as const;

describe('auditEntryFor', () => {
  it('records a hand-out with who asked, from where, and the rule', () => {
    expect(
      auditEntryFor(
        { call: token, caller, outcome: { allowed: true, rule: 'session-grant', until: 5000 } },
        1000,
      ),
    ).toEqual({
      at: 1000,
      program: '/usr/bin/bash',
      parent: '/usr/bin/tmux',
      cwd: '/home/alice/infra',
      terminal: '/dev/pts/3',
      what: 'an access token for profile "Work"',
      decision: 'handed-out',
      rule: 'session-grant',
      until: 5000,
    });
  });

  it('tells refusals (by you, by time, by key, by lock, unverified) from failures', () => {
    const denied = { code: 'DENIED', message: 'The request was denied in the app.' } as const;
    const cases: [Parameters<typeof auditEntryFor>[0], Partial<AuditEntry>][] = [
      [
        { call: token, caller, outcome: { allowed: false, rule: 'denied' }, error: denied },
        { decision: 'refused', rule: 'denied' },
      ],
      [
        {
          call: token,
          caller,
          outcome: { allowed: false, rule: 'timed-out' },
          error: { code: 'TIMED_OUT', message: 'Nobody answered.' },
        },
        { decision: 'refused', rule: 'timed-out', detail: 'Nobody answered.' },
      ],
      [
        { call: token, error: { code: 'UNAUTHORIZED', message: 'bad key' } },
        { decision: 'refused', rule: 'bad-access-key', program: 'unknown' },
      ],
      [
        { error: { code: 'UNAUTHORIZED', message: 'bad key' } },
        {
          decision: 'refused',
          rule: 'bad-access-key',
          program: 'unknown',
          what: 'a request the app could not read',
        },
      ],
      [
        { call: token, error: { code: 'CALLER_UNVERIFIED', message: 'who?' } },
        { decision: 'refused', rule: 'caller-unverified' },
      ],
      [
        {
          call: token,
          caller,
          outcome: { allowed: true, rule: 'access-list' },
          error: { code: 'LOCKED', message: 'The app is locked.' },
        },
        { decision: 'refused', rule: 'locked' },
      ],
      [
        {
          call: { method: 'aws-credentials', profile: 'Plain' },
          caller,
          outcome: { allowed: true, rule: 'allowed-once' },
          error: { code: 'NO_IDENTITY_POOL', message: 'Profile "Plain" has no identity pool.' },
        },
        {
          decision: 'failed',
          rule: 'allowed-once',
          what: 'AWS credentials for profile "Plain"',
          detail: 'Profile "Plain" has no identity pool.',
        },
      ],
      [
        { call: { method: 'profiles' }, caller },
        { decision: 'handed-out', rule: 'no-approval-needed', what: 'the list of profiles' },
      ],
    ];
    for (const [record, expected] of cases) {
      expect(auditEntryFor(record, 1), JSON.stringify(record.error)).toMatchObject(expected);
    }
  });
});

describe('AuditLog', () => {
  it('appends in order, lists newest first, and filters by text and decision', async () => {
    const stored: AuditEntry[] = [];
    const store: AuditStore = {
      append: async (e) => void stored.push(e),
      read: async () => [...stored],
    };
    let appended = 0;
    const log = new AuditLog(store, () => appended++);
    const entry = (at: number, over: Partial<AuditEntry>): AuditEntry => ({
      at,
      program: '/usr/bin/bash',
      what: 'an ID token for the default profile',
      decision: 'handed-out',
      rule: 'access-list',
      ...over,
    });
    void log.record(entry(1, {}));
    void log.record(entry(2, { decision: 'refused', rule: 'denied', program: '/usr/bin/python3' }));
    await log.record(entry(3, { cwd: '/home/alice/infra' }));
    expect(appended).toBe(3);
    expect((await log.list()).map((e) => e.at)).toEqual([3, 2, 1]);
    expect((await log.list({ decision: 'refused' })).map((e) => e.at)).toEqual([2]);
    expect((await log.list({ text: 'PYTHON' })).map((e) => e.at)).toEqual([2]);
    expect((await log.list({ text: 'infra' })).map((e) => e.at)).toEqual([3]);
  });
});
