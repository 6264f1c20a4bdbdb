/**
 * enroll:copySetupKey: main copies the open setup's key under the clipboard
 * policy (concealed, cleared after the delay); the renderer only names the
 * setup. Whole app against the emulator's demo pool; run under
 * scripts/with-keyring.sh.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_POOL_ID, DEMO_USERNAME, demoSeed } from '../../emulator/index';
import type { AppServices } from '../../src-main/composition';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';
import { useAppServices } from '../helpers/app-services';
import { dispatchTo } from '../helpers/dispatch';
import { demoPoolOn, useEmulator } from './helpers';
import type { Emulator } from './helpers';

let em: Emulator;
let clipboard: MemoryClipboard;
let app: AppServices;

useEmulator((started) => (em = started), { seed: demoSeed });
useAppServices(
  'copy-setup-key',
  () => {
    clipboard = new MemoryClipboard();
    return { clipboard, clock: { now: () => em.clock.now() }, demoPool: demoPoolOn(em) };
  },
  (started) => (app = started),
);

const { ok, fails } = dispatchTo(() => app);

describe('enroll:copySetupKey', () => {
  it('copies an open setup key concealed and on a timer, and refuses once there is none', async () => {
    const ask = await ok('auth:start', {
      profileId: 'demo',
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
    });
    // A sign-in that is not at MFA_SETUP has no key to copy.
    expect(ask.kind).toBe('REMEMBER_DEVICE');
    await expect(fails('enroll:copySetupKey', { attemptId: ask.attemptId })).resolves.toMatchObject(
      { code: 'NO_SETUP_KEY' },
    );
    await ok('auth:rememberDevice', { attemptId: ask.attemptId, remember: false });

    const enrollment = await ok('enroll:begin', { profileId: 'demo' });
    const receipt = await ok('enroll:copySetupKey', {
      enrollmentId: enrollment.enrollmentId,
    });
    expect(receipt).toEqual({ clearsInSeconds: 30 });
    expect(clipboard.readText()).toBe(enrollment.setup.secretGrouped.replace(/\s/g, ''));
    expect(clipboard.lastConcealed).toBe(true);
    // The pool holds the same key it handed out.
    expect(clipboard.readText()).toBe(
      em.state().pools[DEMO_POOL_ID]?.users[DEMO_USERNAME]?.totp.pendingSecret,
    );

    await ok('enroll:cancel', { enrollmentId: enrollment.enrollmentId });
    await expect(
      fails('enroll:copySetupKey', { enrollmentId: enrollment.enrollmentId }),
    ).resolves.toMatchObject({ code: 'ENROLLMENT_NOT_FOUND' });
    await expect(
      fails('enroll:copySetupKey', { attemptId: 'no-such-attempt' }),
    ).resolves.toMatchObject({ code: 'ATTEMPT_NOT_FOUND' });
  });

  it('takes a request that names one setup, by attempt or by enrollment, and nothing else', async () => {
    for (const payload of [{}, { attemptId: 'a', enrollmentId: 'b' }, { key: 'JBSWY3DP' }])
      await expect(fails('enroll:copySetupKey', payload)).resolves.toMatchObject({
        code: 'INVALID_REQUEST',
      });
  });
});
