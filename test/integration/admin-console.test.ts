/**
 * Every admin action through the IPC router, signed with real SigV4 by the
 * AWS SDK against the emulator's demo pool, with the audit log checked after
 * each change. Run under scripts/with-keyring.sh.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_POOL_ID, DEMO_USERNAME, demoSeed } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import type { AppServices } from '../../src-main/composition';
import { adminError } from '../../src-main/core/admin/errors';
import { AdminService } from '../../src-main/core/admin/service';
import { createSdkAdminTransport } from '../../src-main/node/admin-transport';
import type { AdminUserPage, AuditEntryView } from '../../src-main/ipc/contract';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';
import { useAppServices } from '../helpers/app-services';
import { dispatchTo } from '../helpers/dispatch';
import { demoPoolOn, useEmulator } from './helpers';
import { rejection } from '../helpers/rejection';

const RESTRICTED = {
  accessKeyId: 'AKIDRESTRICTED000000',
  secretAccessKey: 'restricted-local-secret',
  allowedActions: ['AdminGetUser', 'ListUsers'],
};
const PASSWORD = 'Correct-Horse-9!';
const demo = { profileId: 'demo' };

let em: Emulator;
let app: AppServices;
useEmulator((e) => (em = e), { seed: demoSeed, restrictedCredentials: RESTRICTED });
useAppServices(
  'admin',
  () => ({
    clipboard: new MemoryClipboard(),
    demoPool: demoPoolOn(em),
    demoAdminCredentials: em.credentials,
  }),
  (a) => (app = a),
);

const { ok, fails } = dispatchTo(() => app);
const user = (name: string) => em.state().pools[DEMO_POOL_ID]!.users[name];
const lastAudit = async () => (await ok('admin:audit', {})).entries.at(-1);
let counter = 0;
async function newUser(attributes: Record<string, string> = {}): Promise<string> {
  const name = `user${++counter}-${Date.now()}`;
  await em.admin.createUser(DEMO_POOL_ID, name, PASSWORD, { attributes });
  return name;
}
const on = () => ok('admin:configure', { ...demo, enabled: true });

describe('admin mode', () => {
  it('is off until chosen for the profile, then names the identity it acts as', async () => {
    await expect(ok('admin:config', demo)).resolves.toMatchObject({
      enabled: false,
      isDemo: true,
    });
    expect((await fails('admin:listUsers', demo)).code).toBe('ADMIN_MODE_OFF');
    await on();
    const identity = await ok('admin:identity', demo);
    expect(identity).toEqual({
      label: 'the demo emulator’s local key pair',
      source: 'emulator-key',
      accessKeyHint: `key …${em.credentials.accessKeyId.slice(-4)}`,
    });
    // No AWS secret went into the app's state file.
    const state = JSON.stringify(await app.services.state.read());
    expect(state).not.toContain(em.credentials.secretAccessKey);
    expect(state).toContain('"admin"');
  });
});

describe('finding users', () => {
  it('filters by plain fields and pages', async () => {
    await on();
    const email = `find-${Date.now()}@example.net`;
    const name = await newUser({ email });
    const byEmail = await ok('admin:listUsers', {
      ...demo,
      field: 'email',
      value: email.slice(0, 10),
    });
    expect(byEmail.users.map((u) => u.username)).toEqual([name]);
    expect(byEmail.users[0]).toMatchObject({ email, status: 'CONFIRMED', enabled: true });
    await newUser();
    const all: string[] = [];
    let token: string | undefined;
    do {
      const page: AdminUserPage = await ok('admin:listUsers', {
        ...demo,
        ...(token ? { nextToken: token } : {}),
      });
      all.push(...page.users.map((u) => u.username));
      token = page.nextToken;
    } while (token);
    expect(all).toEqual(expect.arrayContaining([DEMO_USERNAME, name]));
    expect(new Set(all).size).toBe(all.length);
    const quoted = await ok('admin:listUsers', {
      ...demo,
      field: 'username',
      value: 'no"such\\user',
    });
    expect(quoted.users).toEqual([]);
  });

  it('shows a user page: attributes, groups, MFA, devices, sign-in events and the next sign-in', async () => {
    await on();
    // The demo user signs in through the app and remembers this computer.
    let step = await ok('auth:start', {
      ...demo,
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
    });
    expect(step.kind).toBe('REMEMBER_DEVICE');
    step = await ok('auth:rememberDevice', { attemptId: step.attemptId, remember: true });
    expect(step.kind).toBe('SIGNED_IN');
    await em.admin.call('CreateGroup', { UserPoolId: DEMO_POOL_ID, GroupName: 'staff' });
    await ok('admin:setGroup', { ...demo, username: DEMO_USERNAME, group: 'staff', member: true });
    const detail = await ok('admin:user', { ...demo, username: DEMO_USERNAME });
    expect(detail.groups).toEqual(['staff']);
    expect(detail.attributes).toEqual(
      expect.arrayContaining([{ name: 'email', value: 'demo@example.com' }]),
    );
    expect(detail.devices).toHaveLength(1);
    expect(detail.devices[0]).toMatchObject({ remembered: true });
    expect(detail.authEvents?.[0]).toMatchObject({ type: 'SignIn', response: 'Pass' });
    expect(detail.nextSignIn).toBe(
      'They sign in with their password. MFA is optional and they have no factor, so the password alone signs them in.',
    );

    const key = detail.devices[0]!.deviceKey;
    await ok('admin:setDeviceRemembered', {
      ...demo,
      username: DEMO_USERNAME,
      deviceKey: key,
      remembered: false,
    });
    expect(user(DEMO_USERNAME)!.devices[key]!.remembered).toBe(false);
    await ok('admin:forgetDevice', { ...demo, username: DEMO_USERNAME, deviceKey: key });
    expect(user(DEMO_USERNAME)!.devices[key]).toBeUndefined();
    await expect(lastAudit()).resolves.toMatchObject({
      username: DEMO_USERNAME,
      action: `forget device ${key}`,
      result: 'ok',
      poolId: DEMO_POOL_ID,
      identity: `the demo emulator’s local key pair (key …${em.credentials.accessKeyId.slice(-4)})`,
    });
    await ok('admin:setGroup', { ...demo, username: DEMO_USERNAME, group: 'staff', member: false });
    expect(user(DEMO_USERNAME)!.groups).toEqual([]);
  });

  it('says so when the pool keeps no sign-in history', async () => {
    await on();
    const name = await newUser();
    em.state().pools[DEMO_POOL_ID]!.advancedSecurity = 'OFF';
    try {
      const detail = await ok('admin:user', { ...demo, username: name });
      expect(detail.authEvents).toBeNull();
    } finally {
      em.state().pools[DEMO_POOL_ID]!.advancedSecurity = 'AUDIT';
    }
  });
});

describe('creating and inviting', () => {
  it('creates a user with a suppressed invitation and shows the temporary password once', async () => {
    await on();
    const name = `new-${Date.now()}`;
    const created = await ok('admin:createUser', {
      ...demo,
      username: name,
      attributes: [{ name: 'email', value: `${name}@example.com` }],
      delivery: 'SUPPRESS',
    });
    expect(created.user).toMatchObject({ username: name, status: 'FORCE_CHANGE_PASSWORD' });
    expect(created.temporaryPassword).toMatch(/^.{16}$/);
    expect(em.outbox.messages.filter((m) => m.username === name)).toEqual([]);
    // The password shown works, as a temporary one.
    const step = await ok('auth:start', {
      ...demo,
      username: name,
      password: created.temporaryPassword,
    });
    expect(step.kind).toBe('NEW_PASSWORD_REQUIRED');
    await ok('auth:cancel', { attemptId: step.attemptId });
    // The audit log has the action, never the password.
    const audit = await ok('admin:auditCsv', {});
    expect(audit.csv).toContain(`,${name},create user,ok,`);
    expect(audit.csv).not.toContain(created.temporaryPassword);

    await ok('admin:resendInvitation', { ...demo, username: name, delivery: 'EMAIL' });
    const sent = em.outbox.last(name, 'TEMPORARY_PASSWORD');
    expect(sent?.medium).toBe('EMAIL');
    const again = await fails('admin:createUser', {
      ...demo,
      username: name,
      attributes: [],
      delivery: 'EMAIL',
    });
    expect(again).toMatchObject({ code: 'ADMIN_USER_EXISTS', field: 'username' });
    await expect(lastAudit()).resolves.toMatchObject({
      result: 'failed',
      error: 'ADMIN_USER_EXISTS',
    });
    const confirmed = await newUser();
    expect(
      (await fails('admin:resendInvitation', { ...demo, username: confirmed, delivery: 'EMAIL' }))
        .code,
    ).toBe('ADMIN_WRONG_STATE');
  });
});

describe('passwords and factors', () => {
  it('resets, sets a temporary password, removes the authenticator and changes MFA preferences', async () => {
    await on();
    const name = await newUser({ email: 'p@example.com', email_verified: 'true' });
    await ok('admin:resetPassword', { ...demo, username: name });
    expect(user(name)!.status).toBe('RESET_REQUIRED');
    const weak = await fails('admin:setTemporaryPassword', {
      ...demo,
      username: name,
      password: 'short',
    });
    expect(weak).toMatchObject({ code: 'ADMIN_INVALID_PASSWORD', field: 'password' });
    await ok('admin:setTemporaryPassword', { ...demo, username: name, password: 'Temp-Passw0rd!' });
    expect(user(name)!.status).toBe('FORCE_CHANGE_PASSWORD');
    expect(user(name)!.password?.temporary).toBe(true);

    Object.assign(user(name)!, {
      totp: { secret: 'JBSWY3DPEHPK3PXP', pendingSecret: null },
      mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
    });
    await ok('admin:setMfa', {
      ...demo,
      username: name,
      factor: 'SOFTWARE_TOKEN_MFA',
      enabled: true,
      preferred: true,
    });
    let detail = await ok('admin:user', { ...demo, username: name });
    expect(detail).toMatchObject({
      mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
      preferredMfa: 'SOFTWARE_TOKEN_MFA',
    });
    expect(detail.nextSignIn).toContain('a code from their authenticator app');
    await ok('admin:removeAuthenticator', { ...demo, username: name });
    detail = await ok('admin:user', { ...demo, username: name });
    expect(detail.mfaEnabled).toEqual([]);
    expect(detail.preferredMfa).toBeUndefined();
    expect(user(name)!.totp.secret).toBeNull();
    await expect(lastAudit()).resolves.toMatchObject({
      action: 'remove authenticator app (lost phone)',
      result: 'ok',
    });
  });
});

describe('account state', () => {
  it('disables, enables, signs out everywhere and deletes, the destructive ones only with the username typed', async () => {
    await on();
    const name = await newUser({ name: 'Old' });
    await ok('admin:setEnabled', { ...demo, username: name, enabled: false });
    expect(user(name)!.enabled).toBe(false);
    await ok('admin:setEnabled', { ...demo, username: name, enabled: true });
    expect(user(name)!.enabled).toBe(true);
    await ok('admin:updateAttributes', {
      ...demo,
      username: name,
      attributes: [{ name: 'name', value: 'New' }],
    });
    expect(user(name)!.attributes.name).toBe('New');

    const grantsBefore = Object.values(em.state().grants).filter(
      (g) => g.username === name && !g.revoked,
    );
    const mistyped = await fails('admin:signOutEverywhere', {
      ...demo,
      username: name,
      confirmUsername: name.toUpperCase(),
    });
    expect(mistyped).toMatchObject({
      code: 'ADMIN_CONFIRMATION_MISMATCH',
      field: 'confirmUsername',
    });
    expect(
      Object.values(em.state().grants).filter((g) => g.username === name && !g.revoked),
    ).toEqual(grantsBefore);
    await ok('admin:signOutEverywhere', { ...demo, username: name, confirmUsername: name });
    await expect(
      ok('admin:forgetAllDevices', { ...demo, username: name, confirmUsername: name }),
    ).resolves.toEqual({ forgotten: 0 });

    expect(
      (await fails('admin:deleteUser', { ...demo, username: name, confirmUsername: '' })).code,
    ).toBe('ADMIN_CONFIRMATION_MISMATCH');
    expect(user(name)).toBeDefined();
    await ok('admin:deleteUser', { ...demo, username: name, confirmUsername: name });
    expect(user(name)).toBeUndefined();
    expect((await fails('admin:user', { ...demo, username: name })).code).toBe(
      'ADMIN_USER_NOT_FOUND',
    );
  });
});

describe('pool overview', () => {
  it('shows MFA, devices, password policy, threat protection and the app clients with their flows', async () => {
    await on();
    const view = await ok('admin:overview', demo);
    expect(view).toMatchObject({
      poolId: DEMO_POOL_ID,
      mfaConfiguration: 'OPTIONAL',
      totpEnabled: true,
      deviceTracking: { challengeRequiredOnNewDevice: true, onlyRememberedOnUserPrompt: true },
      passwordPolicy: { minimumLength: 8, requireSymbols: true },
      threatProtection: 'AUDIT',
      aliasAttributes: ['email'],
    });
    expect(view.clients.map((c) => [c.name, c.hasSecret])).toEqual([
      ['Demo public client', false],
      ['Demo confidential client', true],
    ]);
    expect(view.clients[0]!.authFlows).toContain('ALLOW_USER_SRP_AUTH');
  });
});

describe('refusals', () => {
  it('names the IAM action AccessDeniedException refused, and records the failure', async () => {
    const audit: AuditEntryView[] = [];
    const limited = new AdminService({
      profile: (id) => app.services.cognito.profiles.get(id),
      settings: { read: async () => ({ demo: { enabled: true } }), write: async () => undefined },
      transportFor: (target) => createSdkAdminTransport(target, { demoCredentials: RESTRICTED }),
      audit: {
        append: async (entry) => {
          audit.push(entry);
        },
        list: async () => audit,
      },
      clock: { now: () => Date.now() },
    });
    try {
      await expect(limited.listUsers('demo', {})).resolves.toBeDefined();
      const error = await rejection(limited.removeAuthenticator('demo', DEMO_USERNAME));
      expect(error).toMatchObject({
        code: 'ADMIN_ACCESS_DENIED',
        message:
          'Your AWS identity may not do this: IAM refused cognito-idp:AdminDeleteSoftwareToken. Ask your AWS administrator to allow that action on this user pool.',
      });
      expect(audit).toEqual([
        expect.objectContaining({
          username: DEMO_USERNAME,
          action: 'remove authenticator app (lost phone)',
          result: 'failed',
          error: 'ADMIN_ACCESS_DENIED',
        }),
      ]);
      expect(user(DEMO_USERNAME)!.totp).toEqual({ secret: null, pendingSecret: null });
    } finally {
      limited.stop();
    }
  });
});

describe('AWS credentials from ~/.aws', () => {
  it('says which credentials failed and how to renew them: expired credential_process, unknown profile, expired SSO', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cda-aws-'));
    const saved = process.env.AWS_CONFIG_FILE;
    const script = join(dir, 'expired.sh');
    await writeFile(
      script,
      `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"AKIAEXPIRED0000000000","SecretAccessKey":"x","SessionToken":"y","Expiration":"2020-01-01T00:00:00Z"}'\n`,
      { mode: 0o700 },
    );
    await writeFile(
      join(dir, 'config'),
      [
        '[profile old-keys]',
        `credential_process = ${script}`,
        '[profile corp-sso]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = CognitoAdmin',
        '[sso-session corp]',
        `sso_start_url = https://cda-test-${Date.now()}.awsapps.com/start`,
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    const identityError = (awsProfile: string) =>
      createSdkAdminTransport({ region: 'us-east-1', demo: false, awsProfile })
        .identity()
        .then(
          () => null,
          (e: unknown) => adminError(e, { operation: 'identity', awsProfile }),
        );
    try {
      await expect(identityError('old-keys')).resolves.toMatchObject({
        code: 'ADMIN_CREDENTIALS_EXPIRED',
      });
      await expect(identityError('nobody')).resolves.toMatchObject({
        code: 'ADMIN_NO_CREDENTIALS',
        message: expect.stringContaining('“nobody”'),
      });
      await expect(identityError('corp-sso')).resolves.toMatchObject({
        code: 'ADMIN_SSO_EXPIRED',
        message:
          'Your AWS sign-in has expired: run “aws sso login --profile corp-sso” in a terminal, then try again.',
      });
    } finally {
      if (saved === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env.AWS_CONFIG_FILE = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sessions and sign-in factors', () => {
  it('lists the factors and active sessions, and revokes one session', async () => {
    await on();
    const name = await newUser();
    const start = await ok('auth:start', {
      ...demo,
      username: name,
      password: PASSWORD,
    });
    const signedIn =
      start.kind === 'REMEMBER_DEVICE'
        ? await ok('auth:rememberDevice', {
            attemptId: start.attemptId,
            remember: false,
          })
        : start;
    expect(signedIn.kind).toBe('SIGNED_IN');
    const before = await ok('admin:sessions', { ...demo, username: name });
    expect(before.factors).toContain('PASSWORD');
    expect(before.sessions).toHaveLength(1);
    const sessionId = before.sessions[0]!.sessionId;
    await ok('admin:revokeSession', { ...demo, username: name, sessionId });
    const after = await ok('admin:sessions', { ...demo, username: name });
    expect(after.sessions).toEqual([]);
    await expect(lastAudit()).resolves.toMatchObject({
      username: name,
      action: `revoke session ${sessionId}`,
      result: 'ok',
    });
    // The app's own session of that user is gone with it: a refresh is refused.
    await expect(app.dispatch('auth:refresh', demo)).resolves.toMatchObject({ ok: false });
  });
});
