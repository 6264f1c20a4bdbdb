import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey, verify } from 'node:crypto';
import {
  createClock,
  demoSeed,
  DEMO_CLIENT_SECRET,
  DEMO_EMAIL,
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_SECRET_CLIENT_ID,
  DEMO_USERNAME,
  startEmulator,
} from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import {
  call,
  cognitoTimestamp,
  decodeJwt,
  ok,
  secretHash,
  SrpProof,
  srpSignIn,
  totpCode,
} from './helpers.js';

let emu: Emulator;
const clock = createClock();

beforeAll(async () => {
  emu = await startEmulator({ seed: demoSeed, clock });
});
afterAll(() => emu.close());

const demo = () => ({
  url: emu.url,
  poolId: DEMO_POOL_ID,
  clientId: DEMO_PUBLIC_CLIENT_ID,
  username: DEMO_USERNAME,
  password: DEMO_PASSWORD,
});

/** InitiateAuth on the demo pool's public client, answered as it comes (errors too). */
const initiate = (AuthFlow: string, AuthParameters: Record<string, string>) =>
  call(emu.url, 'InitiateAuth', { AuthFlow, ClientId: DEMO_PUBLIC_CLIENT_ID, AuthParameters });

/** InitiateAuth on the demo pool's public client, for a call that must succeed. */
const initiateOk = <T>(AuthFlow: string, AuthParameters: Record<string, string>) =>
  ok<T>(emu.url, 'InitiateAuth', { AuthFlow, ClientId: DEMO_PUBLIC_CLIENT_ID, AuthParameters });

/** The demo user's PASSWORD_VERIFIER answer to `init`, signed for `timestamp`. */
async function demoVerifier(
  proof: SrpProof,
  init: { Session: string; ChallengeParameters: Record<string, string> },
  timestamp: string,
) {
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    Session: init.Session,
    ChallengeResponses: {
      USERNAME: DEMO_USERNAME,
      PASSWORD_CLAIM_SECRET_BLOCK: init.ChallengeParameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: await proof.sign(
        DEMO_USERNAME,
        DEMO_PASSWORD,
        init.ChallengeParameters,
        timestamp,
      ),
      TIMESTAMP: timestamp,
    },
  };
}

describe('wire protocol', () => {
  it('answers an unknown operation with UnknownOperationException', async () => {
    const r = await call(emu.url, 'NoSuchOperation', {});
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('UnknownOperationException');
    expect(r.headers.get('x-amzn-errortype')).toBe('UnknownOperationException:');
  });

  it('answers malformed JSON with SerializationException', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        'Content-Type': 'application/x-amz-json-1.1',
      },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('reports a missing parameter the way AWS validates it', async () => {
    const r = await call(emu.url, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH' });
    expect(r.body.__type).toBe('InvalidParameterException');
    expect(r.body.message).toContain("Value null at 'clientId'");
    const p = await initiate('USER_SRP_AUTH', { USERNAME: 'demo' });
    expect(p.body).toMatchObject({
      __type: 'InvalidParameterException',
      message: 'Missing required parameter SRP_A',
    });
  });

  it('refuses a client that does not exist', async () => {
    const r = await call(emu.url, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: 'nosuchclient',
      AuthParameters: { USERNAME: 'x', SRP_A: '02' },
    });
    expect(r.body.__type).toBe('ResourceNotFoundException');
  });
});

describe('SRP sign-in', () => {
  it('signs in the demo user and issues RS256 tokens that verify against the JWKS', async () => {
    const result = await srpSignIn(demo());
    const auth = result.AuthenticationResult!;
    const access = decodeJwt(auth.AccessToken);
    const id = decodeJwt(auth.IdToken);
    expect(access).toMatchObject({
      token_use: 'access',
      client_id: DEMO_PUBLIC_CLIENT_ID,
      username: DEMO_USERNAME,
      scope: 'aws.cognito.signin.user.admin',
    });
    expect(id).toMatchObject({
      token_use: 'id',
      aud: DEMO_PUBLIC_CLIENT_ID,
      'cognito:username': DEMO_USERNAME,
      email: DEMO_EMAIL,
      email_verified: true,
    });
    expect(access.origin_jti).toBe(id.origin_jti);
    expect(access.device_key).toBe(auth.NewDeviceMetadata!.DeviceKey);
    expect(auth.RefreshToken!.split('.')).toHaveLength(5);

    const jwks = (await (
      await fetch(`${emu.url}/${DEMO_POOL_ID}/.well-known/jwks.json`)
    ).json()) as { keys: (Record<string, string> & { kid: string })[] };
    const [header, payload, signature] = auth.AccessToken.split('.') as [string, string, string];
    const kid = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string }).kid;
    const jwk = jwks.keys.find((k) => k.kid === kid)!;
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(
      verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        key,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);

    const me = await ok<{ Username: string }>(emu.url, 'GetUser', {
      AccessToken: auth.AccessToken,
    });
    expect(me.Username).toBe(DEMO_USERNAME);
  });

  it('accepts the email alias and answers with the internal username', async () => {
    const result = await srpSignIn({ ...demo(), username: DEMO_EMAIL });
    expect(decodeJwt(result.AuthenticationResult!.AccessToken).username).toBe(DEMO_USERNAME);
  });

  it('gives a wrong password and an unknown user the same NotAuthorizedException', async () => {
    await expect(srpSignIn({ ...demo(), password: 'Wrong-Passw0rd!' })).rejects.toThrow(
      'NotAuthorizedException: Incorrect username or password.',
    );
    await expect(srpSignIn({ ...demo(), username: 'nobody' })).rejects.toThrow(
      'NotAuthorizedException: Incorrect username or password.',
    );
  });

  it('gives an unknown user a stable salt, as for a real one', async () => {
    const salts = [];
    for (let i = 0; i < 2; i++) {
      const r = await initiateOk<{ ChallengeParameters: Record<string, string> }>('USER_SRP_AUTH', {
        USERNAME: 'ghost',
        SRP_A: await new SrpProof('DemoPool0').A,
      });
      salts.push(r.ChallengeParameters.SALT);
    }
    expect(salts[0]).toBe(salts[1]);
  });

  it('refuses a zero-padded day in TIMESTAMP and one far from the server clock', async () => {
    const proof = new SrpProof('DemoPool0');
    const answer = async (timestamp: string) => {
      const init = await initiateOk<{
        Session: string;
        ChallengeParameters: Record<string, string>;
      }>('USER_SRP_AUTH', { USERNAME: DEMO_USERNAME, SRP_A: await proof.A });
      return call(emu.url, 'RespondToAuthChallenge', await demoVerifier(proof, init, timestamp));
    };
    const padded = (await answer('Tue Dec 01 03:04:05 UTC 2026')).body;
    expect(padded).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const stale = (await answer(cognitoTimestamp(clock.now() - 10 * 60_000))).body;
    expect(stale).toEqual(padded);
  });

  it('treats a Session as single-use', async () => {
    const proof = new SrpProof('DemoPool0');
    const init = await initiateOk<{ Session: string; ChallengeParameters: Record<string, string> }>(
      'USER_SRP_AUTH',
      { USERNAME: DEMO_USERNAME, SRP_A: await proof.A },
    );
    const timestamp = cognitoTimestamp(clock.now());
    const request = await demoVerifier(proof, init, timestamp);
    expect((await call(emu.url, 'RespondToAuthChallenge', request)).status).toBe(200);
    const again = await call(emu.url, 'RespondToAuthChallenge', request);
    expect(again.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session can only be used once.',
    });
  });

  it('expires a Session after the client AuthSessionValidity (3 minutes) on the controllable clock', async () => {
    const init = await initiateOk<{ Session: string }>('USER_SRP_AUTH', {
      USERNAME: DEMO_USERNAME,
      SRP_A: await new SrpProof('DemoPool0').A,
    });
    clock.advance(3 * 60_000 + 1);
    try {
      const r = await call(emu.url, 'RespondToAuthChallenge', {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: DEMO_PUBLIC_CLIENT_ID,
        Session: init.Session,
        ChallengeResponses: {
          USERNAME: DEMO_USERNAME,
          PASSWORD_CLAIM_SECRET_BLOCK: 'x',
          PASSWORD_CLAIM_SIGNATURE: 'x',
          TIMESTAMP: cognitoTimestamp(clock.now()),
        },
      });
      expect(r.body.message).toBe('Invalid session for the user, session is expired.');
    } finally {
      clock.advance(-(3 * 60_000 + 1));
    }
  });
});

describe('SECRET_HASH', () => {
  const secretClient = () => ({ ...demo(), clientId: DEMO_SECRET_CLIENT_ID });

  it('signs in with the right SECRET_HASH on a client with a secret', async () => {
    const r = await srpSignIn({ ...secretClient(), clientSecret: DEMO_CLIENT_SECRET });
    expect(r.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('refuses a missing or wrong SECRET_HASH with Cognito messages', async () => {
    await expect(srpSignIn(secretClient())).rejects.toThrow(
      `Client ${DEMO_SECRET_CLIENT_ID} is configured with secret but SECRET_HASH was not received`,
    );
    await expect(srpSignIn({ ...secretClient(), clientSecret: 'wrong' })).rejects.toThrow(
      `Unable to verify secret hash for client ${DEMO_SECRET_CLIENT_ID}`,
    );
  });

  it('checks SECRET_HASH on USER_PASSWORD_AUTH too', async () => {
    const r = await ok<{ AuthenticationResult: { AccessToken: string } }>(emu.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_SECRET_CLIENT_ID,
      AuthParameters: {
        USERNAME: DEMO_USERNAME,
        PASSWORD: DEMO_PASSWORD,
        SECRET_HASH: secretHash(DEMO_CLIENT_SECRET, DEMO_USERNAME, DEMO_SECRET_CLIENT_ID),
      },
    });
    expect(r.AuthenticationResult.AccessToken).toBeTruthy();
  });
});

describe('USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH', () => {
  it('refreshes with the refresh token and refuses a made-up one', async () => {
    const first = await initiateOk<{
      AuthenticationResult: { RefreshToken: string; AccessToken: string };
    }>('USER_PASSWORD_AUTH', { USERNAME: DEMO_USERNAME, PASSWORD: DEMO_PASSWORD });
    const refreshed = await initiateOk<{
      AuthenticationResult: { AccessToken: string; RefreshToken?: string };
    }>('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: first.AuthenticationResult.RefreshToken });
    expect(refreshed.AuthenticationResult.RefreshToken).toBeUndefined();
    expect(decodeJwt(refreshed.AuthenticationResult.AccessToken).origin_jti).toBe(
      decodeJwt(first.AuthenticationResult.AccessToken).origin_jti,
    );
    const bogus = await initiate('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: 'nope' });
    expect(bogus.body).toMatchObject({
      __type: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
  });

  it('expires access tokens on the controllable clock', async () => {
    const r = await initiateOk<{ AuthenticationResult: { AccessToken: string } }>(
      'USER_PASSWORD_AUTH',
      { USERNAME: DEMO_USERNAME, PASSWORD: DEMO_PASSWORD },
    );
    clock.advance(3600_000 + 1000);
    try {
      const me = await call(emu.url, 'GetUser', {
        AccessToken: r.AuthenticationResult.AccessToken,
      });
      expect(me.body).toMatchObject({
        __type: 'NotAuthorizedException',
        message: 'Access Token has expired',
      });
    } finally {
      clock.advance(-(3600_000 + 1000));
    }
  });
});

describe('seeded users', () => {
  it('carries seeded groups and a seeded TOTP factor into sign-in', async () => {
    await emu.admin.seed({
      pools: [
        {
          id: 'us-east-1_GroupPool',
          name: 'groups',
          mfaConfiguration: 'OPTIONAL',
          totp: true,
          clients: [
            {
              id: 'groupclient000000000000000',
              name: 'c',
              explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
            },
          ],
          users: [
            {
              username: 'gus',
              password: DEMO_PASSWORD,
              groups: ['admins', 'staff'],
              totpSecret: 'JBSWY3DPEHPK3PXP',
              mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
            },
          ],
        },
      ],
    });
    const auth = {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'groupclient000000000000000',
      AuthParameters: { USERNAME: 'gus', PASSWORD: DEMO_PASSWORD },
    };
    const challenge = await ok<{ ChallengeName: string; Session: string }>(
      emu.url,
      'InitiateAuth',
      auth,
    );
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await ok<{ AuthenticationResult: { AccessToken: string; IdToken: string } }>(
      emu.url,
      'RespondToAuthChallenge',
      {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: 'groupclient000000000000000',
        Session: challenge.Session,
        ChallengeResponses: {
          USERNAME: 'gus',
          SOFTWARE_TOKEN_MFA_CODE: totpCode('JBSWY3DPEHPK3PXP', clock.now()),
        },
      },
    );
    expect(decodeJwt(done.AuthenticationResult.AccessToken)['cognito:groups']).toEqual([
      'admins',
      'staff',
    ]);
    expect(decodeJwt(done.AuthenticationResult.IdToken)['cognito:groups']).toEqual([
      'admins',
      'staff',
    ]);
  });

  it('rejects an invalid seed with the path of the problem', async () => {
    await expect(
      emu.admin.seed({
        pools: [{ name: 'bad', users: [{ username: 'x', password: 42 } as never] }],
      }),
    ).rejects.toThrow(/password/);
  });
});
