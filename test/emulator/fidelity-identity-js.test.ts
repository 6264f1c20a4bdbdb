/**
 * Fidelity check with AWS's own client library: amazon-cognito-identity-js
 * runs its SRP, TOTP, ConfirmDevice and device-SRP code against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import type { CognitoUserSession, ICognitoStorage } from 'amazon-cognito-identity-js';
import {
  demoSeed,
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_USERNAME,
  startEmulator,
} from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { decodeJwt, totpCode } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: demoSeed });
});
afterAll(() => emu.close());

/** One "browser profile": the library keeps tokens and device secrets here. */
function memoryStorage(): ICognitoStorage {
  const items = new Map<string, string>();
  return {
    setItem: (k, v) => void items.set(k, v),
    getItem: (k) => items.get(k) ?? null,
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

function userIn(storage: ICognitoStorage) {
  const pool = new CognitoUserPool({
    UserPoolId: DEMO_POOL_ID,
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    endpoint: emu.url,
    Storage: storage,
  });
  return new CognitoUser({ Username: DEMO_USERNAME, Pool: pool, Storage: storage });
}

type Outcome =
  | { kind: 'success'; session: CognitoUserSession; confirmationNecessary: boolean }
  | { kind: 'totp' }
  | { kind: 'failure'; code: string; message: string };

function authenticate(user: CognitoUser, password: string): Promise<Outcome> {
  return new Promise((resolve) => {
    user.authenticateUser(
      new AuthenticationDetails({ Username: DEMO_USERNAME, Password: password }),
      {
        onSuccess: (session, confirmationNecessary) =>
          resolve({
            kind: 'success',
            session,
            confirmationNecessary: confirmationNecessary === true,
          }),
        onFailure: (err: { code: string; message: string }) =>
          resolve({ kind: 'failure', code: err.code, message: err.message }),
        totpRequired: () => resolve({ kind: 'totp' }),
      },
    );
  });
}

function sendTotp(user: CognitoUser, code: string): Promise<Outcome> {
  return new Promise((resolve) => {
    user.sendMFACode(
      code,
      {
        onSuccess: (session, confirmationNecessary) =>
          resolve({
            kind: 'success',
            session,
            confirmationNecessary: confirmationNecessary === true,
          }),
        onFailure: (err: { code: string; message: string }) =>
          resolve({ kind: 'failure', code: err.code, message: err.message }),
      },
      'SOFTWARE_TOKEN_MFA',
    );
  });
}

describe('amazon-cognito-identity-js against the emulator', () => {
  it('signs in with SRP, enrolls TOTP, completes MFA, remembers the device and then skips MFA through device SRP', async () => {
    const first = userIn(memoryStorage());
    const signedIn = await authenticate(first, DEMO_PASSWORD);
    expect(signedIn.kind).toBe('success');
    // The demo pool remembers devices only when the user opts in.
    expect(signedIn.kind === 'success' && signedIn.confirmationNecessary).toBe(true);

    const secret = await new Promise<string>((resolve, reject) =>
      first.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
    );
    await new Promise((resolve, reject) =>
      first.verifySoftwareToken(totpCode(secret), 'identity-js', {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );
    await new Promise((resolve, reject) =>
      first.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (err, result) =>
        err ? reject(err) : resolve(result),
      ),
    );

    const laptop = memoryStorage();
    const second = userIn(laptop);
    expect((await authenticate(second, DEMO_PASSWORD)).kind).toBe('totp');
    const wrongCode = totpCode(secret) === '000000' ? '000001' : '000000';
    expect(await sendTotp(second, wrongCode)).toMatchObject({
      kind: 'failure',
      code: 'CodeMismatchException',
    });
    // Cognito refuses the enrolment code a second time; the next step's code is needed.
    emu.clock.advance(30_000);
    const mfaDone = await sendTotp(second, totpCode(secret, emu.clock.now()));
    expect(mfaDone).toMatchObject({ kind: 'success', confirmationNecessary: true });
    await new Promise((resolve, reject) =>
      second.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }),
    );
    const deviceKey =
      mfaDone.kind === 'success'
        ? decodeJwt(mfaDone.session.getAccessToken().getJwtToken()).device_key
        : undefined;
    expect(deviceKey).toMatch(/^us-east-1_/);

    const third = userIn(laptop);
    const remembered = await authenticate(third, DEMO_PASSWORD);
    expect(remembered.kind).toBe('success');
    expect(
      remembered.kind === 'success' &&
        decodeJwt(remembered.session.getAccessToken().getJwtToken()).device_key,
    ).toBe(deviceKey);

    // A browser profile without the device still gets the MFA prompt.
    expect((await authenticate(userIn(memoryStorage()), DEMO_PASSWORD)).kind).toBe('totp');
  });

  it('reports a wrong password as NotAuthorizedException', async () => {
    expect(await authenticate(userIn(memoryStorage()), 'Wrong-Passw0rd!')).toMatchObject({
      kind: 'failure',
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });
});
