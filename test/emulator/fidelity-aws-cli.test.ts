/**
 * Fidelity check with the AWS CLI v2 (/usr/bin/aws, Debian's awscli): its
 * botocore models parse every emulator response, and its signer must satisfy
 * the emulator's SigV4 check. Each call costs about a second of Python start-up,
 * so the test makes only the calls the issue lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { deviceSecret, secretHash, totpCode } from './helpers.js';

const AWS = process.env.AWS_CLI_PATH ?? '/usr/bin/aws';

let emu: Emulator;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  emu = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
  await writeFile(join(dir, 'config'), '');
  await writeFile(join(dir, 'credentials'), '');
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_ACCESS_KEY_ID: emu.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emu.credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function aws(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      AWS,
      ['cognito-idp', ...args, '--endpoint-url', emu.url, '--no-cli-pager', '--output', 'json'],
      { env },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function awsJson<T>(...args: string[]): Promise<T> {
  const r = await aws(...args);
  if (r.code !== 0) throw new Error(`aws ${args[0]} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

describe('AWS CLI v2 against the emulator', () => {
  it(
    'creates a pool, client and user, signs in through NEW_PASSWORD_REQUIRED and TOTP, and lists devices',
    { timeout: 180_000 },
    async () => {
      const { UserPool } = await awsJson<{ UserPool: { Id: string } }>(
        'create-user-pool',
        '--pool-name',
        'cli pool',
        '--device-configuration',
        'ChallengeRequiredOnNewDevice=true,DeviceOnlyRememberedOnUserPrompt=false',
      );
      const poolId = UserPool.Id;
      const sdk = new CognitoIdentityProviderClient({
        endpoint: emu.url,
        region: 'us-east-1',
        credentials: emu.credentials,
        maxAttempts: 1,
      });
      await sdk.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: 'OPTIONAL',
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );

      const { UserPoolClient: client } = await awsJson<{
        UserPoolClient: { ClientId: string; ClientSecret: string };
      }>(
        'create-user-pool-client',
        '--user-pool-id',
        poolId,
        '--client-name',
        'cli-client',
        '--generate-secret',
        '--explicit-auth-flows',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      );
      const hash = secretHash(client.ClientSecret, 'cliuser', client.ClientId);

      const created = await awsJson<{ User: { Username: string; UserStatus: string } }>(
        'admin-create-user',
        '--user-pool-id',
        poolId,
        '--username',
        'cliuser',
        '--temporary-password',
        'Temporary-Pass-1',
        '--message-action',
        'SUPPRESS',
      );
      expect(created.User).toMatchObject({
        Username: 'cliuser',
        UserStatus: 'FORCE_CHANGE_PASSWORD',
      });

      const signIn = (password: string) =>
        aws(
          'initiate-auth',
          '--client-id',
          client.ClientId,
          '--auth-flow',
          'USER_PASSWORD_AUTH',
          '--auth-parameters',
          JSON.stringify({ USERNAME: 'cliuser', PASSWORD: password, SECRET_HASH: hash }),
        );
      const first = JSON.parse((await signIn('Temporary-Pass-1')).stdout) as {
        ChallengeName: string;
        Session: string;
      };
      expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

      const password = 'Permanent-Pass-2';
      const tokens = await awsJson<{
        AuthenticationResult: {
          AccessToken: string;
          NewDeviceMetadata: { DeviceKey: string; DeviceGroupKey: string };
        };
      }>(
        'respond-to-auth-challenge',
        '--client-id',
        client.ClientId,
        '--challenge-name',
        'NEW_PASSWORD_REQUIRED',
        '--session',
        first.Session,
        '--challenge-responses',
        JSON.stringify({ USERNAME: 'cliuser', NEW_PASSWORD: password, SECRET_HASH: hash }),
      );
      const access = tokens.AuthenticationResult.AccessToken;
      const device = tokens.AuthenticationResult.NewDeviceMetadata;

      const { SecretCode } = await awsJson<{ SecretCode: string }>(
        'associate-software-token',
        '--access-token',
        access,
      );
      const verified = await awsJson<{ Status: string }>(
        'verify-software-token',
        '--access-token',
        access,
        '--user-code',
        totpCode(SecretCode, emu.clock.now()),
      );
      expect(verified.Status).toBe('SUCCESS');
      await sdk.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: access,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
      const secret = await deviceSecret(device.DeviceGroupKey, device.DeviceKey);
      await sdk.send(
        new ConfirmDeviceCommand({
          AccessToken: access,
          DeviceKey: device.DeviceKey,
          DeviceName: 'cli-test',
          DeviceSecretVerifierConfig: secret.config,
        }),
      );
      sdk.destroy();

      const wrongPassword = await signIn('Wrong-Pass-3');
      expect(wrongPassword.code).not.toBe(0);
      expect(wrongPassword.stderr).toContain('NotAuthorizedException');

      const mfa = JSON.parse((await signIn(password)).stdout) as {
        ChallengeName: string;
        Session: string;
      };
      expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      const answer = (code: string) =>
        aws(
          'respond-to-auth-challenge',
          '--client-id',
          client.ClientId,
          '--challenge-name',
          'SOFTWARE_TOKEN_MFA',
          '--session',
          mfa.Session,
          '--challenge-responses',
          JSON.stringify({ USERNAME: 'cliuser', SOFTWARE_TOKEN_MFA_CODE: code, SECRET_HASH: hash }),
        );
      // The enrolment code's step is spent, as in Cognito: answer with the next one.
      emu.clock.advance(30_000);
      const right = totpCode(SecretCode, emu.clock.now());
      const wrongCode = await answer(right === '000000' ? '000001' : '000000');
      expect(wrongCode.stderr).toContain('CodeMismatchException');
      const done = JSON.parse((await answer(right)).stdout) as {
        AuthenticationResult: { AccessToken: string };
      };

      const listed = await awsJson<{
        Devices: { DeviceKey: string; DeviceAttributes: { Name: string; Value: string }[] }[];
      }>('list-devices', '--access-token', done.AuthenticationResult.AccessToken);
      expect(listed.Devices.map((d) => d.DeviceKey)).toEqual([device.DeviceKey]);
      expect(listed.Devices[0]!.DeviceAttributes).toContainEqual({
        Name: 'device_name',
        Value: 'cli-test',
      });
    },
  );
});
