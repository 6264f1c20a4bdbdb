/**
 * Sign-in profiles: which pool and app client to talk to, and how. Several
 * live side by side; the built-in demo profile (the embedded emulator) is the
 * default until the user adds one of their own.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { SecretStore } from '../ports';
import { secretKeys } from './keys';
import type { CognitoStateRepository, StoredProfile } from './state';
import type {
  AuthFlowName,
  DemoCredentialView,
  PasswordPolicyView,
  ProfileView,
  ProfilesView,
} from './views';

export const DEMO_PROFILE_ID = 'demo';

/** The built-in demo profiles: the main one and its journeys (a user's own profile has a UUID). */
export function isDemoProfileId(id: string): boolean {
  return id === DEMO_PROFILE_ID || id.startsWith(`${DEMO_PROFILE_ID}-`);
}

export interface ProfileInput {
  displayName: string;
  region: string;
  userPoolId: string;
  clientId: string;
  /** Update: undefined keeps the stored secret, '' removes it. */
  clientSecret?: string;
  endpoint?: string;
  authFlow?: AuthFlowName;
  clientMetadata?: Record<string, string>;
  analyticsEndpointId?: string;
  userContextData?: string;
  authSessionValidityMinutes?: number;
  passwordPolicy?: PasswordPolicyView;
  /** A Cognito identity pool that trades the ID token for AWS credentials; '' or absent: none. */
  identityPoolId?: string;
  /** The pool's AllowAdminCreateUserOnly, as its administrator says: sign-up then shows why not. */
  adminCreateUserOnly?: boolean;
  /** The login provider name; default: this user pool's ("cognito-idp.<region>.amazonaws.com/<pool id>"). */
  identityProvider?: string;
}

/** A seeded demo user the banner offers, with what signing in as them shows. */
export interface DemoCredential {
  username: string;
  /** Absent: a passwordless user, who signs in with a code. */
  password?: string;
  note: string;
}

/**
 * Another demo profile on the same emulator, for a journey the main demo pool
 * cannot show (MFA is a pool setting, the flow a profile one). Its id is
 * `demo-<key>`.
 */
export interface DemoJourney {
  key: string;
  displayName: string;
  userPoolId: string;
  clientId: string;
  authFlow: AuthFlowName;
  authSessionValidityMinutes?: number;
  passwordPolicy?: PasswordPolicyView;
  adminCreateUserOnly?: boolean;
  credentials: DemoCredential[];
}

/** The demo pool as the embedded emulator seeded it; composition hands it over once the emulator listens. */
export interface DemoPool {
  endpoint: string;
  region: string;
  userPoolId: string;
  clientId: string;
  clientSecret?: string;
  authSessionValidityMinutes?: number;
  passwordPolicy?: PasswordPolicyView;
  adminCreateUserOnly?: boolean;
  identityPoolId?: string;
  credentials: DemoCredential[];
  journeys?: DemoJourney[];
  /**
   * The newest sign-in code the emulator delivered to this user of this pool,
   * shown on the code step in demo mode only: nobody receives the demo's mail.
   */
  deliveredCode?(userPoolId: string, username: string): string | undefined;
}

/** A profile as the engine uses it: the stored fields plus the client secret, if any. */
export interface ResolvedProfile extends StoredProfile {
  clientSecret?: string;
  isDemo: boolean;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const POOL_ID = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})_([0-9A-Za-z]+)$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const IDENTITY_POOL_ID = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}):[0-9a-f-]{36}$/;
const PROVIDER_NAME = /^[\w.-]+(\/[\w.-]+)*$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const AUTH_FLOWS: readonly AuthFlowName[] = [
  'USER_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'CUSTOM_AUTH',
  'USER_AUTH',
];

function invalid(field: string, message: string): AppError {
  return new AppError({ code: 'INVALID_PROFILE', message, field });
}

/** Checks every field and returns the normalized profile; each failure names its field. */
export function validateProfile(
  input: ProfileInput,
): Omit<StoredProfile, 'id' | 'hasClientSecret'> {
  const displayName = input.displayName.trim();
  if (!displayName)
    throw invalid('displayName', 'Give the profile a name, e.g. the company or environment.');

  const region = input.region.trim();
  if (!REGION.test(region)) {
    throw invalid(
      'region',
      'That is not an AWS region. A region looks like "eu-west-1" or "us-east-2".',
    );
  }

  const userPoolId = input.userPoolId.trim();
  const pool = POOL_ID.exec(userPoolId);
  if (!pool) {
    throw invalid(
      'userPoolId',
      'A user pool id looks like "eu-west-1_AbC123xyz": the region, an underscore, then letters and digits.',
    );
  }
  if (pool[1] !== region) {
    throw invalid(
      'userPoolId',
      "The pool id's region (the part before the underscore) is not the profile's region.",
    );
  }

  const clientId = input.clientId.trim();
  if (!CLIENT_ID.test(clientId)) {
    throw invalid(
      'clientId',
      'An app client id is letters, digits and underscores only (26 characters in AWS).',
    );
  }

  if (
    input.clientSecret !== undefined &&
    input.clientSecret !== '' &&
    !/^[\w+/=]{1,128}$/.test(input.clientSecret.trim())
  ) {
    throw invalid(
      'clientSecret',
      'An app client secret is letters and digits only, with no spaces.',
    );
  }

  let endpoint: string | undefined;
  if (input.endpoint !== undefined && input.endpoint.trim() !== '') {
    let url: URL;
    try {
      url = new URL(input.endpoint.trim());
    } catch {
      throw invalid(
        'endpoint',
        'The endpoint must be a full URL such as "https://cognito-idp.eu-west-1.amazonaws.com".',
      );
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      throw invalid(
        'endpoint',
        'The endpoint must use https:// (plain http:// only for this computer, e.g. a local emulator).',
      );
    }
    endpoint = url.origin + url.pathname.replace(/\/$/, '');
  }

  const authFlow = input.authFlow ?? 'USER_SRP_AUTH';
  // ADMIN_NO_SRP_AUTH and the admin flows need AWS credentials a desktop app must not hold.
  if (!AUTH_FLOWS.includes(authFlow)) {
    throw invalid(
      'authFlow',
      'That is not a sign-in flow this app offers. Choose SRP, USER_PASSWORD_AUTH or CUSTOM_AUTH.',
    );
  }

  const minutes = input.authSessionValidityMinutes ?? 3;
  if (!Number.isInteger(minutes) || minutes < 3 || minutes > 15) {
    throw invalid(
      'authSessionValidityMinutes',
      'The sign-in session validity is 3 to 15 minutes (3 unless the app client was changed).',
    );
  }

  const profile: Omit<StoredProfile, 'id' | 'hasClientSecret'> = {
    displayName,
    region,
    userPoolId,
    clientId,
    authFlow,
    authSessionValidityMinutes: minutes,
  };
  if (endpoint) profile.endpoint = endpoint;
  if (input.clientMetadata && Object.keys(input.clientMetadata).length > 0)
    profile.clientMetadata = { ...input.clientMetadata };
  if (input.analyticsEndpointId?.trim())
    profile.analyticsEndpointId = input.analyticsEndpointId.trim();
  if (input.userContextData?.trim()) profile.userContextData = input.userContextData.trim();
  if (input.passwordPolicy) profile.passwordPolicy = { ...input.passwordPolicy };
  if (input.adminCreateUserOnly) profile.adminCreateUserOnly = true;
  const identityPool = validateIdentityPool(input, region, userPoolId);
  if (identityPool) profile.identityPool = identityPool;
  return profile;
}

function validateIdentityPool(
  input: ProfileInput,
  region: string,
  userPoolId: string,
): StoredProfile['identityPool'] {
  const id = input.identityPoolId?.trim() ?? '';
  if (id === '') {
    if (input.identityProvider?.trim())
      throw invalid('identityPoolId', 'A login provider needs an identity pool id as well.');
    return undefined;
  }
  const match = IDENTITY_POOL_ID.exec(id);
  if (!match?.[1]) {
    throw invalid(
      'identityPoolId',
      'An identity pool id looks like "eu-west-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d": the region, a colon, then a UUID.',
    );
  }
  const providerName =
    input.identityProvider?.trim() || `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  if (!PROVIDER_NAME.test(providerName) || providerName.length > 256) {
    throw invalid(
      'identityProvider',
      'A login provider name looks like "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz".',
    );
  }
  return { id, region: match[1], providerName };
}

export class ProfileRegistry {
  private demo: DemoPool | undefined;

  constructor(
    private readonly state: CognitoStateRepository,
    private readonly secrets: SecretStore,
  ) {}

  /** The hook composition calls once the embedded emulator is listening. */
  setDemoPool(demo: DemoPool): void {
    this.demo = demo;
  }

  async list(): Promise<ProfilesView> {
    const state = await this.state.read();
    const demos = this.demoProfiles();
    const credentials = demoCredentialViews(demos);
    const profiles = [
      ...demos.map(({ profile }) => toView(profile, true, credentials)),
      ...state.profiles.map((p) => toView(p, false)),
    ];
    const demoIds = demos.map((d) => d.profile.id);
    return { profiles, selectedId: pickSelected(state.selectedId, demoIds, state.profiles) };
  }

  async get(id: string): Promise<ResolvedProfile> {
    if (isDemoProfileId(id)) {
      const demo = this.demoProfiles().find((d) => d.profile.id === id)?.profile;
      if (!demo)
        throw new AppError({
          code: 'DEMO_UNAVAILABLE',
          message: 'The demo pool is still starting. Try again in a moment.',
          retryable: true,
        });
      const resolved: ResolvedProfile = { ...demo, isDemo: true };
      if (id === DEMO_PROFILE_ID && this.demo?.clientSecret)
        resolved.clientSecret = this.demo.clientSecret;
      return resolved;
    }
    const state = await this.state.read();
    const stored = state.profiles.find((p) => p.id === id);
    if (!stored)
      throw new AppError({
        code: 'PROFILE_NOT_FOUND',
        message: 'That profile no longer exists. Pick another one.',
      });
    const resolved: ResolvedProfile = { ...stored, isDemo: false };
    if (stored.hasClientSecret) {
      const secret = await this.secrets.get(secretKeys.clientSecret(id));
      if (secret === undefined) {
        throw new AppError({
          code: 'CLIENT_SECRET_MISSING',
          message:
            "This profile's client secret is missing from the keychain. Enter it again in the profile.",
          field: 'clientSecret',
        });
      }
      resolved.clientSecret = secret;
    }
    return resolved;
  }

  async add(input: ProfileInput): Promise<ProfileView> {
    const fields = validateProfile(input);
    const id = randomUUID();
    const secret = input.clientSecret?.trim();
    // The secret first: a profile saying hasClientSecret without one would fail every sign-in.
    if (secret) await this.secrets.set(secretKeys.clientSecret(id), secret);
    const stored: StoredProfile = { id, ...fields, hasClientSecret: Boolean(secret) };
    await this.state.update((s) => {
      s.profiles.push(stored);
      // The first profile of the user's own replaces the demo as the default.
      if (s.profiles.length === 1 || !s.selectedId) s.selectedId = id;
    });
    return toView(stored, false);
  }

  async update(id: string, input: ProfileInput): Promise<ProfileView> {
    if (isDemoProfileId(id))
      throw new AppError({
        code: 'DEMO_READ_ONLY',
        message: 'The demo profile cannot be changed. Add a profile of your own instead.',
      });
    const fields = validateProfile(input);
    const current = (await this.state.read()).profiles.find((p) => p.id === id);
    if (!current)
      throw new AppError({
        code: 'PROFILE_NOT_FOUND',
        message: 'That profile no longer exists.',
      });
    let hasClientSecret = current.hasClientSecret;
    if (input.clientSecret !== undefined) {
      const secret = input.clientSecret.trim();
      if (secret) await this.secrets.set(secretKeys.clientSecret(id), secret);
      else await this.secrets.delete(secretKeys.clientSecret(id));
      hasClientSecret = Boolean(secret);
    }
    const stored: StoredProfile = { id, ...fields, hasClientSecret };
    await this.state.update((s) => {
      const i = s.profiles.findIndex((p) => p.id === id);
      if (i >= 0) s.profiles[i] = stored;
    });
    return toView(stored, false);
  }

  /** Removes the profile and every secret kept for it (client secret, tokens, device keys). */
  async remove(id: string): Promise<ProfilesView> {
    assertRemovable(id);
    await this.state.update((s) => {
      s.profiles = s.profiles.filter((p) => p.id !== id);
      delete s.aliases[id];
      delete s.vaultLinks[id];
      delete s.lastUsernames[id];
      if (s.selectedId === id) delete s.selectedId;
    });
    for (const key of await this.secrets.keys(secretKeys.profilePrefix(id)))
      await this.secrets.delete(key);
    return this.list();
  }

  async select(id: string): Promise<ProfilesView> {
    await this.get(id);
    await this.state.update((s) => {
      s.selectedId = id;
    });
    return this.list();
  }

  /** In demo mode, where the code step finds the code the emulator sent this profile's user. */
  demoCodeReader(profile: ResolvedProfile): ((username: string) => string | undefined) | undefined {
    const read = this.demo?.deliveredCode;
    if (!profile.isDemo || !read) return undefined;
    return (username) => read(profile.userPoolId, username);
  }

  private demoProfiles(): { profile: StoredProfile; credentials: DemoCredential[] }[] {
    const d = this.demo;
    if (!d) return [];
    const main: StoredProfile = {
      ...demoStoredProfile(d, {
        id: DEMO_PROFILE_ID,
        displayName: 'Demo pool (built-in emulator)',
        userPoolId: d.userPoolId,
        clientId: d.clientId,
        hasClientSecret: Boolean(d.clientSecret),
        authFlow: 'USER_SRP_AUTH',
        authSessionValidityMinutes: d.authSessionValidityMinutes,
        passwordPolicy: d.passwordPolicy,
        adminCreateUserOnly: d.adminCreateUserOnly,
      }),
      ...(d.identityPoolId
        ? {
            identityPool: {
              id: d.identityPoolId,
              region: d.region,
              providerName: `cognito-idp.${d.region}.amazonaws.com/${d.userPoolId}`,
            },
          }
        : {}),
    };
    return [
      { profile: main, credentials: d.credentials },
      ...(d.journeys ?? []).map(({ key, credentials, ...journey }) => ({
        profile: demoStoredProfile(d, {
          ...journey,
          id: `${DEMO_PROFILE_ID}-${key}`,
          hasClientSecret: false,
        }),
        credentials,
      })),
    ];
  }
}

/** The selection if it still exists, else the first profile of the user's own, else the demo. */
function pickSelected(
  selectedId: string | undefined,
  demoIds: string[],
  own: StoredProfile[],
): string {
  if (selectedId && (demoIds.includes(selectedId) || own.some((p) => p.id === selectedId)))
    return selectedId;
  return own[0]?.id ?? DEMO_PROFILE_ID;
}

type DemoProfileParts = Omit<DemoJourney, 'key' | 'credentials'> & {
  id: string;
  hasClientSecret: boolean;
};

/** A demo profile on the embedded emulator: its region and address are the emulator's. */
function demoStoredProfile(d: DemoPool, part: DemoProfileParts): StoredProfile {
  return {
    id: part.id,
    displayName: part.displayName,
    region: d.region,
    userPoolId: part.userPoolId,
    clientId: part.clientId,
    hasClientSecret: part.hasClientSecret,
    endpoint: d.endpoint,
    authFlow: part.authFlow,
    authSessionValidityMinutes: part.authSessionValidityMinutes ?? 3,
    ...(part.passwordPolicy ? { passwordPolicy: part.passwordPolicy } : {}),
    ...(part.adminCreateUserOnly ? { adminCreateUserOnly: true } : {}),
  };
}

/** Every demo profile's banner offers every demo user, each under the profile to sign in with. */
function demoCredentialViews(
  demos: { profile: StoredProfile; credentials: DemoCredential[] }[],
): DemoCredentialView[] {
  return demos.flatMap(({ profile, credentials }) =>
    credentials.map((c) => ({ ...c, profileId: profile.id, profileName: profile.displayName })),
  );
}

function toView(
  p: StoredProfile,
  isDemo: boolean,
  demoCredentials?: DemoCredentialView[],
): ProfileView {
  const view: ProfileView = {
    id: p.id,
    displayName: p.displayName,
    region: p.region,
    userPoolId: p.userPoolId,
    clientId: p.clientId,
    hasClientSecret: p.hasClientSecret,
    authFlow: p.authFlow,
    authSessionValidityMinutes: p.authSessionValidityMinutes,
    isDemo,
  };
  if (p.endpoint) view.endpoint = p.endpoint;
  if (p.clientMetadata) view.clientMetadata = p.clientMetadata;
  if (p.analyticsEndpointId) view.analyticsEndpointId = p.analyticsEndpointId;
  if (p.passwordPolicy) view.passwordPolicy = p.passwordPolicy;
  if (p.identityPool) view.identityPool = { ...p.identityPool };
  if (p.adminCreateUserOnly) view.adminCreateUserOnly = true;
  if (demoCredentials) view.demoCredentials = demoCredentials;
  return view;
}

/** The built-in demo profile stays: the app ships it. */
export function assertRemovable(id: string): void {
  if (isDemoProfileId(id))
    throw new AppError({ code: 'DEMO_READ_ONLY', message: 'The demo profile cannot be removed.' });
}
