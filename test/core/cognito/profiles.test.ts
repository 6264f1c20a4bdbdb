import { describe, expect, it } from 'vitest';
import {
  DEMO_PROFILE_ID,
  ProfileRegistry,
  validateProfile,
} from '../../../src-main/core/cognito/profiles';
import type { ProfileInput } from '../../../src-main/core/cognito/profiles';
import { secretKeys } from '../../../src-main/core/cognito/keys';
import { CognitoStateRepository } from '../../../src-main/core/cognito/state';
import { memoryDocument } from '../../helpers/memory-document';
import { MemorySecretStore } from '../../helpers/memory-secret-store';

const VALID: ProfileInput = {
  displayName: 'Acme',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123xyz',
  clientId: '1h57kf5cpq17m0eml12EXAMPLE',
};

function registry() {
  const secrets = new MemorySecretStore();
  const doc = memoryDocument<unknown>();
  return { secrets, doc, registry: new ProfileRegistry(new CognitoStateRepository(doc), secrets) };
}

describe('validateProfile', () => {
  const cases: [Partial<ProfileInput>, string, RegExp][] = [
    [{ displayName: '  ' }, 'displayName', /name/],
    [{ region: 'europe' }, 'region', /not an AWS region/],
    [{ userPoolId: 'AbC123' }, 'userPoolId', /looks like "eu-west-1_AbC123xyz"/],
    [{ userPoolId: 'eu-west-1_Ab-12' }, 'userPoolId', /letters and digits/],
    [{ userPoolId: 'us-east-1_AbC123' }, 'userPoolId', /is not the profile's region/],
    [{ clientId: 'has space' }, 'clientId', /letters, digits/],
    [{ clientSecret: 'has space' }, 'clientSecret', /no spaces/],
    [{ endpoint: 'not a url' }, 'endpoint', /full URL/],
    [{ endpoint: 'http://cognito.example.com' }, 'endpoint', /https/],
    [{ endpoint: 'ftp://127.0.0.1' }, 'endpoint', /https/],
    [{ authSessionValidityMinutes: 2 }, 'authSessionValidityMinutes', /3 to 15/],
    [{ identityPoolId: 'eu-west-1_AbC123xyz' }, 'identityPoolId', /a colon, then a UUID/],
    [
      { identityProvider: 'cognito-idp.eu-west-1.amazonaws.com/x' },
      'identityPoolId',
      /needs an identity pool id/,
    ],
    [
      {
        identityPoolId: 'eu-west-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
        identityProvider: 'has space',
      },
      'identityProvider',
      /login provider name looks like/,
    ],
  ];
  for (const [patch, field, message] of cases) {
    it(`rejects ${JSON.stringify(patch)} on ${field}`, () => {
      expect(() => validateProfile({ ...VALID, ...patch })).toThrow(message);
      try {
        validateProfile({ ...VALID, ...patch });
      } catch (e) {
        expect(e).toMatchObject({ code: 'INVALID_PROFILE', field });
      }
    });
  }

  it('keeps an identity pool, its region taken from its id and the provider defaulting to the user pool', () => {
    expect(
      validateProfile({
        ...VALID,
        identityPoolId: ' eu-central-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d ',
      }).identityPool,
    ).toEqual({
      id: 'eu-central-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
      region: 'eu-central-1',
      providerName: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz',
    });
    expect(validateProfile({ ...VALID, identityPoolId: '' }).identityPool).toBeUndefined();
  });

  it('accepts and normalizes a valid profile', () => {
    expect(
      validateProfile({
        ...VALID,
        displayName: ' Acme ',
        endpoint: 'http://127.0.0.1:9229/',
        clientMetadata: {},
        authFlow: 'USER_PASSWORD_AUTH',
      }),
    ).toEqual({
      displayName: 'Acme',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbC123xyz',
      clientId: VALID.clientId,
      endpoint: 'http://127.0.0.1:9229',
      authFlow: 'USER_PASSWORD_AUTH',
      authSessionValidityMinutes: 3,
    });
    expect(
      validateProfile({ ...VALID, region: 'us-gov-west-1', userPoolId: 'us-gov-west-1_x1' }).region,
    ).toBe('us-gov-west-1');
  });
});

describe('ProfileRegistry', () => {
  const demo = {
    endpoint: 'http://127.0.0.1:5000',
    region: 'us-east-1',
    userPoolId: 'us-east-1_DemoPool0',
    clientId: 'demopublicclient0000000000',
    credentials: [{ username: 'demo', password: 'pw', note: 'no MFA' }],
  };

  it('offers the demo profile as the default until the user adds one, which then becomes selected', async () => {
    const { registry: r } = registry();
    expect(await r.list()).toEqual({ profiles: [], selectedId: DEMO_PROFILE_ID });
    r.setDemoPool(demo);
    const before = await r.list();
    expect(before.selectedId).toBe(DEMO_PROFILE_ID);
    expect(before.profiles[0]).toMatchObject({
      id: 'demo',
      isDemo: true,
      endpoint: demo.endpoint,
      demoCredentials: demo.credentials,
    });
    const added = await r.add(VALID);
    expect((await r.list()).selectedId).toBe(added.id);
    await r.select(DEMO_PROFILE_ID);
    expect((await r.list()).selectedId).toBe(DEMO_PROFILE_ID);
    await expect(r.update(DEMO_PROFILE_ID, VALID)).rejects.toMatchObject({
      code: 'DEMO_READ_ONLY',
    });
  });

  it('keeps the client secret only in the SecretStore, and removing a profile removes all its secrets', async () => {
    const { registry: r, secrets, doc } = registry();
    const view = await r.add({ ...VALID, clientSecret: 'topsecret' });
    expect(view.hasClientSecret).toBe(true);
    expect(JSON.stringify(view)).not.toContain('topsecret');
    expect(JSON.stringify(doc.value)).not.toContain('topsecret');
    expect((await r.get(view.id)).clientSecret).toBe('topsecret');
    await secrets.set(secretKeys.tokens(view.id), '{}');
    await secrets.set(secretKeys.device(view.id, 'user'), '{}');
    const other = await r.add(VALID);
    await secrets.set(secretKeys.tokens(other.id), '{}');

    await r.remove(view.id);
    expect(await secrets.keys(secretKeys.profilePrefix(view.id))).toEqual([]);
    expect(await secrets.keys(secretKeys.profilePrefix(other.id))).toHaveLength(1);
    await expect(r.get(view.id)).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });

  it('update keeps the secret when omitted and removes it when empty', async () => {
    const { registry: r } = registry();
    const view = await r.add({ ...VALID, clientSecret: 'one' });
    await r.update(view.id, { ...VALID, displayName: 'Renamed' });
    expect(await r.get(view.id)).toMatchObject({ displayName: 'Renamed', clientSecret: 'one' });
    await r.update(view.id, { ...VALID, clientSecret: '' });
    const after = await r.get(view.id);
    expect(after.hasClientSecret).toBe(false);
    expect(after.clientSecret).toBeUndefined();
  });

  it('adds a demo profile per journey, each offering every demo user and none editable', async () => {
    const { registry: r } = registry();
    const asked: string[] = [];
    r.setDemoPool({
      ...demo,
      clientSecret: 'mainsecret',
      journeys: [
        {
          key: 'new-hire',
          displayName: 'Demo: new hire',
          userPoolId: 'us-east-1_DemoMfaOn',
          clientId: 'demomfarequiredclient00000',
          authFlow: 'USER_SRP_AUTH',
          adminCreateUserOnly: true,
          credentials: [{ username: 'newhire', password: 'temp', note: 'MFA required' }],
        },
        {
          key: 'passwordless',
          displayName: 'Demo: passwordless',
          userPoolId: 'us-east-1_DemoNoPwd',
          clientId: 'demopasswordlessclient0000',
          authFlow: 'USER_AUTH',
          credentials: [{ username: 'pat', note: 'a code by email' }],
        },
      ],
      deliveredCode: (poolId, username) => {
        asked.push(`${poolId}/${username}`);
        return '123456';
      },
    });
    const { profiles } = await r.list();
    expect(profiles.map((p) => [p.id, p.authFlow, p.adminCreateUserOnly ?? false])).toEqual([
      ['demo', 'USER_SRP_AUTH', false],
      ['demo-new-hire', 'USER_SRP_AUTH', true],
      ['demo-passwordless', 'USER_AUTH', false],
    ]);
    const everyone = profiles[0]!.demoCredentials;
    expect(everyone?.map((c) => [c.profileId, c.profileName, c.username])).toEqual([
      ['demo', 'Demo pool (built-in emulator)', 'demo'],
      ['demo-new-hire', 'Demo: new hire', 'newhire'],
      ['demo-passwordless', 'Demo: passwordless', 'pat'],
    ]);
    expect(profiles[2]!.demoCredentials).toEqual(everyone);

    const journey = await r.get('demo-new-hire');
    expect(journey).toMatchObject({
      isDemo: true,
      endpoint: demo.endpoint,
      userPoolId: 'us-east-1_DemoMfaOn',
    });
    // The main demo client's secret is that client's alone.
    expect(journey.clientSecret).toBeUndefined();
    expect((await r.get(DEMO_PROFILE_ID)).clientSecret).toBe('mainsecret');
    await expect(r.get('demo-missing')).rejects.toMatchObject({ code: 'DEMO_UNAVAILABLE' });
    await expect(r.update('demo-passwordless', VALID)).rejects.toMatchObject({
      code: 'DEMO_READ_ONLY',
    });
    await expect(r.remove('demo-passwordless')).rejects.toMatchObject({
      code: 'DEMO_READ_ONLY',
    });
    await r.select('demo-passwordless');
    expect((await r.list()).selectedId).toBe('demo-passwordless');

    // The demo's codes are read for demo profiles only, from their own pool.
    expect(r.demoCodeReader(await r.get('demo-passwordless'))?.('pat')).toBe('123456');
    expect(asked).toEqual(['us-east-1_DemoNoPwd/pat']);
    expect(r.demoCodeReader(await r.get((await r.add(VALID)).id))).toBeUndefined();
  });

  it('keeps what the administrator says about sign-up, and only when it is admin-only', async () => {
    const { registry: r } = registry();
    const adminOnly = await r.add({ ...VALID, adminCreateUserOnly: true });
    expect(adminOnly.adminCreateUserOnly).toBe(true);
    const open = await r.update(adminOnly.id, { ...VALID, adminCreateUserOnly: false });
    expect(open).not.toHaveProperty('adminCreateUserOnly');
    expect(validateProfile({ ...VALID, adminCreateUserOnly: true }).adminCreateUserOnly).toBe(true);
  });

  it('reports a damaged state document instead of starting over silently', async () => {
    const { registry: r, doc } = registry();
    doc.value = { version: 1, profiles: 'nope' };
    await expect(r.list()).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
  });
});
