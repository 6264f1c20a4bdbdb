/**
 * TOTP enrollment when already signed in (the AccessToken chain:
 * AssociateSoftwareToken → VerifySoftwareToken → SetUserMFAPreference), and
 * the user's MFA settings. The sign-in-time chain (MFA_SETUP, with Sessions)
 * is in mfa-setup-challenge.ts.
 */
import type {
  GetUserCommandOutput,
  SMSMfaSettingsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { userFacing } from './errors';
import type { TotpVault } from '../ports';
import type { ResolvedProfile } from './profiles';
import type { TokenManager } from './tokens';
import { totpSetupView } from './totp-setup';
import { verifyNewTotp } from './totp-verification';
import type { CognitoTransport } from '../ports';
import type { UserDirectory } from './user-directory';
import type { EnrollmentView, MfaSettingsView, MfaType } from './views';

export interface EnrollmentDeps {
  clock: Clock;
  tokens: TokenManager;
  users: UserDirectory;
  vault?: TotpVault;
  profile(profileId: string): Promise<ResolvedProfile>;
  transport(profile: ResolvedProfile): CognitoTransport;
  deviceName: string;
}

interface PendingEnrollment {
  profileId: string;
  secret: string;
  issuer: string;
  account: string;
  createdAt: number;
}

/** An unverified secret is dropped after this long; the user begins again. */
const PENDING_LIFETIME_MS = 30 * 60_000;

export interface VerifyInput {
  code?: string;
  useThisComputer: boolean;
  friendlyDeviceName: string;
  preferred: boolean;
}

export interface MfaChoice {
  enabled: boolean;
  preferred: boolean;
}

export class MfaEnrollment {
  private readonly pending = new Map<string, PendingEnrollment>();

  constructor(private readonly deps: EnrollmentDeps) {}

  async begin(profileId: string): Promise<EnrollmentView> {
    const { profile, transport, accessToken } = await this.context(profileId);
    const assoc = await this.call(profile, () =>
      transport.call('AssociateSoftwareToken', { AccessToken: accessToken }),
    );
    if (!assoc.SecretCode)
      throw new AppError({
        code: 'PROTOCOL_ERROR',
        message: 'Cognito did not return a setup key. Try again.',
      });
    const tokens = await this.deps.tokens.load(profileId);
    const account = tokens?.typedUsername ?? tokens?.userIdForSrp ?? 'user';
    this.prune();
    const enrollmentId = randomUUID();
    this.pending.set(enrollmentId, {
      profileId,
      secret: assoc.SecretCode,
      issuer: profile.displayName,
      account,
      createdAt: this.deps.clock.now(),
    });
    return {
      enrollmentId,
      profileId,
      setup: await totpSetupView(profile.displayName, account, assoc.SecretCode),
    };
  }

  /** The open setup's key, so main can copy it under the clipboard policy. */
  setupKey(enrollmentId: string): string {
    return this.open(enrollmentId).secret;
  }

  async verify(enrollmentId: string, input: VerifyInput): Promise<MfaSettingsView> {
    const pending = this.open(enrollmentId);
    const { profile, transport, accessToken } = await this.context(pending.profileId);
    const vaultId = await verifyNewTotp(
      input,
      { issuer: pending.issuer, account: pending.account, secret: pending.secret },
      this.deps.vault,
      this.deps.deviceName,
      (params) =>
        this.call(profile, () =>
          transport.call('VerifySoftwareToken', { AccessToken: accessToken, ...params }),
        ),
    );
    this.pending.delete(enrollmentId);
    const tokens = await this.deps.tokens.load(pending.profileId);
    if (tokens) {
      if (vaultId)
        await this.deps.users.linkVaultAccount(pending.profileId, tokens.userIdForSrp, vaultId);
      else await this.deps.users.unlinkVaultAccount(pending.profileId, tokens.userIdForSrp);
    }
    return this.set(pending.profileId, { totp: { enabled: true, preferred: input.preferred } });
  }

  cancel(enrollmentId: string): void {
    this.pending.delete(enrollmentId);
  }

  async get(profileId: string): Promise<MfaSettingsView> {
    const { profile, transport, accessToken } = await this.context(profileId);
    const user = await this.call(profile, () =>
      transport.call('GetUser', { AccessToken: accessToken }),
    );
    return settingsView(profileId, user);
  }

  async set(
    profileId: string,
    choice: { totp?: MfaChoice; sms?: MfaChoice; email?: MfaChoice },
  ): Promise<MfaSettingsView> {
    const { profile, transport, accessToken } = await this.context(profileId);
    const setting = (c: MfaChoice | undefined): SMSMfaSettingsType | undefined =>
      c ? { Enabled: c.enabled, PreferredMfa: c.enabled && c.preferred } : undefined;
    const totp = setting(choice.totp);
    const sms = setting(choice.sms);
    const email = setting(choice.email);
    await this.call(profile, () =>
      transport.call('SetUserMFAPreference', {
        AccessToken: accessToken,
        ...(totp ? { SoftwareTokenMfaSettings: totp } : {}),
        ...(sms ? { SMSMfaSettings: sms } : {}),
        ...(email ? { EmailMfaSettings: email } : {}),
      }),
    );
    return this.get(profileId);
  }

  private async context(profileId: string) {
    const profile = await this.deps.profile(profileId);
    const accessToken = await this.deps.tokens.accessToken(profileId);
    return { profile, transport: this.deps.transport(profile), accessToken };
  }

  private async call<T>(profile: ResolvedProfile, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw userFacing(e, { endpoint: profile.endpoint ?? `Cognito in ${profile.region}` });
    }
  }

  private open(enrollmentId: string): PendingEnrollment {
    this.prune();
    const pending = this.pending.get(enrollmentId);
    if (!pending)
      throw new AppError({
        code: 'ENROLLMENT_NOT_FOUND',
        message: 'This setup is no longer open. Begin the authenticator setup again.',
      });
    return pending;
  }

  private prune(): void {
    const now = this.deps.clock.now();
    for (const [id, p] of this.pending)
      if (now - p.createdAt > PENDING_LIFETIME_MS) this.pending.delete(id);
  }
}

function settingsView(
  profileId: string,
  user: Omit<GetUserCommandOutput, '$metadata'>,
): MfaSettingsView {
  const attrs = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
  const known = new Set<string>(['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP']);
  const enabled = (user.UserMFASettingList ?? []).filter((m): m is MfaType => known.has(m));
  const view: MfaSettingsView = {
    profileId,
    enabled,
    canUseSms: attrs.phone_number_verified === 'true',
    canUseEmail: attrs.email_verified === 'true',
  };
  if (user.PreferredMfaSetting && known.has(user.PreferredMfaSetting))
    view.preferred = user.PreferredMfaSetting as MfaType;
  return view;
}
