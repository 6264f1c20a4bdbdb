/**
 * The admin console's engine: per-profile admin mode, the identity it acts
 * as, and every admin action, each written to the audit log with its outcome.
 * Destructive actions need the username typed back; main checks it too, so
 * a renderer bug cannot skip the confirmation.
 */
import { randomInt } from 'node:crypto';
import type { AttributeType, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { ResolvedProfile } from '../cognito/profiles';
import type { MfaType } from '../cognito/views';
import type { AuditLog } from './audit';
import { auditCsv } from './audit';
import { adminError } from './errors';
import { explainNextSignIn } from './next-sign-in';
import type { AdminProfileSettings, AdminSettingsDocument } from './settings';
import { checkAwsProfile } from './settings';
import type {
  AdminInputOf,
  AdminOperationName,
  AdminOutputOf,
  AdminTransport,
  AdminTransportFactory,
} from './transport';
import type {
  AdminAuthEventView,
  AdminConfigView,
  AdminDeviceView,
  AdminIdentityView,
  AdminSessionView,
  AdminSessionsView,
  AdminUserDetail,
  AdminUserPage,
  AdminUserSummary,
  AuditEntryView,
  CreatedUserView,
  PoolOverviewView,
} from './views';

export interface AdminServiceDeps {
  profile(profileId: string): Promise<ResolvedProfile>;
  settings: AdminSettingsDocument;
  transportFor: AdminTransportFactory;
  audit: AuditLog;
  clock: Clock;
}

/** The plain fields behind ListUsers' filter syntax; one at a time, as Cognito allows. */
export interface UserSearch {
  field?: 'username' | 'email' | 'phone_number' | 'status' | 'enabled';
  /** Prefix match (^=) for username, email and phone; exact for status and enabled. */
  value?: string;
  nextToken?: string;
  limit?: number;
}

export interface NewUserInput {
  username: string;
  attributes: { name: string; value: string }[];
  delivery: 'EMAIL' | 'SMS' | 'SUPPRESS';
}

const ms = (d: Date | undefined) => (d ? d.getTime() : undefined);

const attr = (list: AttributeType[] | undefined, name: string) =>
  list?.find((a) => a.Name === name)?.Value;

function summary(u: {
  Username?: string;
  UserStatus?: string;
  Enabled?: boolean;
  UserCreateDate?: Date;
  UserLastModifiedDate?: Date;
  Attributes?: AttributeType[];
}): AdminUserSummary {
  const out: AdminUserSummary = {
    username: u.Username ?? '',
    status: u.UserStatus ?? 'UNKNOWN',
    enabled: u.Enabled ?? true,
  };
  const email = attr(u.Attributes, 'email');
  const phone = attr(u.Attributes, 'phone_number');
  if (email) out.email = email;
  if (phone) out.phoneNumber = phone;
  const created = ms(u.UserCreateDate);
  const modified = ms(u.UserLastModifiedDate);
  if (created !== undefined) out.createdAt = created;
  if (modified !== undefined) out.modifiedAt = modified;
  return out;
}

/** ListUsers' Filter from a plain field; quotes and backslashes escaped as Cognito parses them. */
export function filterFor(search: UserSearch): string | undefined {
  const value = search.value?.trim();
  if (!search.field || !value) return undefined;
  const quoted = `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  switch (search.field) {
    case 'status':
      return `cognito:user_status = ${quoted}`;
    case 'enabled':
      return `status = ${value.toLowerCase() === 'disabled' ? '"Disabled"' : '"Enabled"'}`;
    default:
      return `${search.field} ^= ${quoted}`;
  }
}

/** A temporary password meeting any Cognito policy: 16 characters of all four kinds. */
function temporaryPassword(minimumLength: number): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+=-?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < Math.max(16, minimumLength)) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function mfaTypes(list: string[] | undefined): MfaType[] {
  return (list ?? []).filter(
    (t): t is MfaType => t === 'SOFTWARE_TOKEN_MFA' || t === 'SMS_MFA' || t === 'EMAIL_OTP',
  );
}

export class AdminService {
  private readonly transports = new Map<string, { key: string; transport: AdminTransport }>();

  constructor(private readonly deps: AdminServiceDeps) {}

  // ------------------------------------------------------------------ mode and identity

  async config(profileId: string): Promise<AdminConfigView> {
    const profile = await this.deps.profile(profileId);
    const stored = await this.stored(profileId);
    return {
      profileId,
      enabled: stored.enabled,
      isDemo: profile.isDemo,
      ...(stored.awsProfile ? { awsProfile: stored.awsProfile } : {}),
    };
  }

  async configure(
    profileId: string,
    change: { enabled: boolean; awsProfile?: string },
  ): Promise<AdminConfigView> {
    await this.deps.profile(profileId);
    const awsProfile = checkAwsProfile(change.awsProfile);
    const all = (await this.deps.settings.read()) ?? {};
    all[profileId] = { enabled: change.enabled, ...(awsProfile ? { awsProfile } : {}) };
    await this.deps.settings.write(all);
    this.dropTransport(profileId);
    return this.config(profileId);
  }

  /** Resolves the credentials: an expired SSO session fails here, before any change. */
  async identity(profileId: string): Promise<AdminIdentityView> {
    const { transport, settings } = await this.open(profileId);
    try {
      return await transport.identity();
    } catch (e) {
      throw adminError(e, { operation: 'identity', ...this.profileCtx(settings) });
    }
  }

  // ------------------------------------------------------------------ reading

  async listUsers(profileId: string, search: UserSearch): Promise<AdminUserPage> {
    const filter = filterFor(search);
    const out = await this.send(profileId, 'ListUsers', (poolId) => ({
      UserPoolId: poolId,
      Limit: search.limit ?? 20,
      ...(filter ? { Filter: filter } : {}),
      ...(search.nextToken ? { PaginationToken: search.nextToken } : {}),
    }));
    return {
      users: (out.Users ?? []).map((u: UserType) => summary(u)),
      ...(out.PaginationToken ? { nextToken: out.PaginationToken } : {}),
    };
  }

  async user(profileId: string, username: string): Promise<AdminUserDetail> {
    const input = (poolId: string) => ({ UserPoolId: poolId, Username: username });
    const [got, groups, devices, events, mfa, pool] = await Promise.all([
      this.send(profileId, 'AdminGetUser', input),
      this.send(profileId, 'AdminListGroupsForUser', input),
      this.send(profileId, 'AdminListDevices', input),
      this.send(profileId, 'AdminListUserAuthEvents', (p) => ({
        ...input(p),
        MaxResults: 10,
      })).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'ADMIN_NO_THREAT_PROTECTION') return null;
        throw e;
      }),
      this.send(profileId, 'GetUserPoolMfaConfig', (p) => ({ UserPoolId: p })),
      this.send(profileId, 'DescribeUserPool', (p) => ({ UserPoolId: p })),
    ]);
    const deviceViews: AdminDeviceView[] = (devices.Devices ?? []).map((d) => {
      const view: AdminDeviceView = {
        deviceKey: d.DeviceKey ?? '',
        remembered: attr(d.DeviceAttributes, 'dev:device_remembered_status') === 'remembered',
      };
      const name = attr(d.DeviceAttributes, 'device_name');
      if (name) view.name = name;
      const last = ms(d.DeviceLastAuthenticatedDate);
      if (last !== undefined) view.lastAuthenticatedAt = last;
      const created = ms(d.DeviceCreateDate);
      if (created !== undefined) view.createdAt = created;
      return view;
    });
    const mfaEnabled = mfaTypes(got.UserMFASettingList);
    const preferred = mfaTypes(got.PreferredMfaSetting ? [got.PreferredMfaSetting] : [])[0];
    const base = summary({ ...got, Attributes: got.UserAttributes });
    return {
      ...base,
      attributes: (got.UserAttributes ?? []).map((a) => ({
        name: a.Name ?? '',
        value: a.Value ?? '',
      })),
      groups: (groups.Groups ?? []).map((g) => g.GroupName ?? ''),
      mfaEnabled,
      ...(preferred ? { preferredMfa: preferred } : {}),
      devices: deviceViews,
      authEvents: events
        ? (events.AuthEvents ?? []).map((e): AdminAuthEventView => {
            const view: AdminAuthEventView = {
              id: e.EventId ?? '',
              type: e.EventType ?? 'Unknown',
              response: e.EventResponse ?? 'Unknown',
              challenges: (e.ChallengeResponses ?? []).map(
                (c) => `${c.ChallengeName ?? '?'}: ${c.ChallengeResponse ?? '?'}`,
              ),
            };
            const at = ms(e.CreationDate);
            if (at !== undefined) view.at = at;
            if (e.EventRisk?.RiskDecision) view.risk = e.EventRisk.RiskDecision;
            if (e.EventContextData?.IpAddress) view.ipAddress = e.EventContextData.IpAddress;
            if (e.EventContextData?.DeviceName) view.device = e.EventContextData.DeviceName;
            return view;
          })
        : null,
      nextSignIn: explainNextSignIn({
        status: base.status,
        enabled: base.enabled,
        mfaEnabled,
        ...(preferred ? { preferredMfa: preferred } : {}),
        pool: {
          mfaConfiguration: mfa.MfaConfiguration ?? 'OFF',
          totpEnabled: mfa.SoftwareTokenMfaConfiguration?.Enabled === true,
          smsEnabled: mfa.SmsMfaConfiguration !== undefined,
          emailEnabled: mfa.EmailMfaConfiguration !== undefined,
          challengeRequiredOnNewDevice:
            pool.UserPool?.DeviceConfiguration?.ChallengeRequiredOnNewDevice === true,
        },
        rememberedDevices: deviceViews.filter((d) => d.remembered).length,
      }),
    };
  }

  /** The user's sign-in factors and active sessions (AdminGetUserAuthFactors, AdminListUserSessions). */
  async sessions(profileId: string, username: string): Promise<AdminSessionsView> {
    const input = (poolId: string) => ({ UserPoolId: poolId, Username: username });
    const [factors, listed] = await Promise.all([
      this.send(profileId, 'AdminGetUserAuthFactors', input),
      this.send(profileId, 'AdminListUserSessions', input),
    ]);
    return {
      factors: [...(factors.ConfiguredUserAuthFactors ?? [])],
      sessions: (listed.Sessions ?? []).map((s): AdminSessionView => {
        const view: AdminSessionView = { sessionId: s.SessionId ?? '' };
        if (s.ClientId) view.clientId = s.ClientId;
        if (s.SessionType) view.type = s.SessionType;
        const created = ms(s.CreateDate);
        if (created !== undefined) view.createdAt = created;
        const last = ms(s.LastActiveDate);
        if (last !== undefined) view.lastActiveAt = last;
        if (s.DeviceType) view.device = s.DeviceType;
        if (s.LastIPAddress) view.lastIpAddress = s.LastIPAddress;
        const place = [s.LastLocation?.City, s.LastLocation?.Country].filter(Boolean).join(', ');
        if (place) view.location = place;
        return view;
      }),
    };
  }

  async revokeSession(profileId: string, username: string, sessionId: string): Promise<void> {
    await this.act(
      profileId,
      username,
      `revoke session ${sessionId}`,
      'AdminRevokeUserSession',
      (p) => ({
        UserPoolId: p,
        Username: username,
        SessionId: sessionId,
      }),
    );
  }

  async overview(profileId: string): Promise<PoolOverviewView> {
    const pid = (p: string) => ({ UserPoolId: p });
    const [described, mfa, clientList, groups] = await Promise.all([
      this.send(profileId, 'DescribeUserPool', pid),
      this.send(profileId, 'GetUserPoolMfaConfig', pid),
      this.send(profileId, 'ListUserPoolClients', (p) => ({ UserPoolId: p, MaxResults: 60 })),
      this.send(profileId, 'ListGroups', (p) => ({ UserPoolId: p, Limit: 60 })),
    ]);
    const clients = await Promise.all(
      (clientList.UserPoolClients ?? []).map((c) =>
        this.send(profileId, 'DescribeUserPoolClient', (p) => ({
          UserPoolId: p,
          ClientId: c.ClientId ?? '',
        })),
      ),
    );
    const pool = described.UserPool ?? {};
    const policy = pool.Policies?.PasswordPolicy ?? {};
    const device = pool.DeviceConfiguration;
    return {
      poolId: pool.Id ?? '',
      ...(pool.Name ? { name: pool.Name } : {}),
      mfaConfiguration: mfa.MfaConfiguration ?? 'OFF',
      totpEnabled: mfa.SoftwareTokenMfaConfiguration?.Enabled === true,
      smsEnabled: mfa.SmsMfaConfiguration !== undefined,
      emailEnabled: mfa.EmailMfaConfiguration !== undefined,
      deviceTracking: device
        ? {
            challengeRequiredOnNewDevice: device.ChallengeRequiredOnNewDevice === true,
            onlyRememberedOnUserPrompt: device.DeviceOnlyRememberedOnUserPrompt === true,
          }
        : null,
      passwordPolicy: {
        minimumLength: policy.MinimumLength ?? 8,
        requireUppercase: policy.RequireUppercase === true,
        requireLowercase: policy.RequireLowercase === true,
        requireNumbers: policy.RequireNumbers === true,
        requireSymbols: policy.RequireSymbols === true,
        ...(policy.TemporaryPasswordValidityDays !== undefined
          ? { temporaryPasswordValidityDays: policy.TemporaryPasswordValidityDays }
          : {}),
      },
      threatProtection: pool.UserPoolAddOns?.AdvancedSecurityMode ?? 'OFF',
      usernameAttributes: pool.UsernameAttributes ?? [],
      aliasAttributes: pool.AliasAttributes ?? [],
      requiredAttributes: (pool.SchemaAttributes ?? [])
        .filter((a) => a.Required)
        .map((a) => a.Name ?? ''),
      clients: clients.map(({ UserPoolClient: c = {} }) => ({
        clientId: c.ClientId ?? '',
        name: c.ClientName ?? '',
        authFlows: c.ExplicitAuthFlows ?? [],
        hasSecret: c.ClientSecret !== undefined,
        ...(c.AuthSessionValidity !== undefined
          ? { authSessionValidityMinutes: c.AuthSessionValidity }
          : {}),
      })),
      groups: (groups.Groups ?? []).map((g) => g.GroupName ?? ''),
    };
  }

  async auditLog(): Promise<AuditEntryView[]> {
    return this.deps.audit.list();
  }

  async auditCsv(): Promise<string> {
    return auditCsv(await this.deps.audit.list());
  }

  // ------------------------------------------------------------------ changes

  async createUser(profileId: string, input: NewUserInput): Promise<CreatedUserView> {
    const { delivery } = input;
    const suppress = delivery === 'SUPPRESS';
    let password: string | undefined;
    if (suppress) {
      const pool = await this.send(profileId, 'DescribeUserPool', (p) => ({ UserPoolId: p }));
      password = temporaryPassword(pool.UserPool?.Policies?.PasswordPolicy?.MinimumLength ?? 8);
    }
    const out = await this.act(
      profileId,
      input.username,
      'create user',
      'AdminCreateUser',
      (p) => ({
        UserPoolId: p,
        Username: input.username,
        UserAttributes: input.attributes.map((a) => ({ Name: a.name, Value: a.value })),
        ...(suppress
          ? { MessageAction: 'SUPPRESS' as const, TemporaryPassword: password }
          : { DesiredDeliveryMediums: [delivery] }),
      }),
    );
    return {
      user: summary(out.User ?? { Username: input.username }),
      ...(password ? { temporaryPassword: password } : {}),
    };
  }

  async resendInvitation(
    profileId: string,
    username: string,
    delivery: 'EMAIL' | 'SMS',
  ): Promise<void> {
    await this.act(
      profileId,
      username,
      `resend invitation (${delivery.toLowerCase()})`,
      'AdminCreateUser',
      (p) => ({
        UserPoolId: p,
        Username: username,
        MessageAction: 'RESEND',
        DesiredDeliveryMediums: [delivery],
      }),
    );
  }

  async resetPassword(profileId: string, username: string): Promise<void> {
    await this.act(profileId, username, 'reset password', 'AdminResetUserPassword', (p) => ({
      UserPoolId: p,
      Username: username,
    }));
  }

  /** Never permanent: the user must choose their own at the next sign-in. */
  async setTemporaryPassword(profileId: string, username: string, password: string): Promise<void> {
    await this.act(profileId, username, 'set temporary password', 'AdminSetUserPassword', (p) => ({
      UserPoolId: p,
      Username: username,
      Password: password,
      Permanent: false,
    }));
  }

  async removeAuthenticator(profileId: string, username: string): Promise<void> {
    await this.act(
      profileId,
      username,
      'remove authenticator app (lost phone)',
      'AdminDeleteSoftwareToken',
      (p) => ({
        UserPoolId: p,
        Username: username,
      }),
    );
  }

  async setMfaPreference(
    profileId: string,
    username: string,
    change: { factor: MfaType; enabled: boolean; preferred: boolean },
  ): Promise<void> {
    const setting = { Enabled: change.enabled, PreferredMfa: change.enabled && change.preferred };
    const key =
      change.factor === 'SOFTWARE_TOKEN_MFA'
        ? 'SoftwareTokenMfaSettings'
        : change.factor === 'SMS_MFA'
          ? 'SMSMfaSettings'
          : 'EmailMfaSettings';
    const what = `${change.enabled ? (change.preferred ? 'prefer' : 'enable') : 'disable'} ${change.factor}`;
    await this.act(profileId, username, what, 'AdminSetUserMFAPreference', (p) => ({
      UserPoolId: p,
      Username: username,
      [key]: setting,
    }));
  }

  async forgetDevice(profileId: string, username: string, deviceKey: string): Promise<void> {
    await this.act(profileId, username, `forget device ${deviceKey}`, 'AdminForgetDevice', (p) => ({
      UserPoolId: p,
      Username: username,
      DeviceKey: deviceKey,
    }));
  }

  /** Forgets those of `keys` Cognito lists for the user (the desk's sign-in may have made one). */
  async forgetListedDevices(profileId: string, username: string, keys: ReadonlySet<string>) {
    const { Devices = [] } = await this.send(profileId, 'AdminListDevices', (p) => ({
      UserPoolId: p,
      Username: username,
      Limit: 60,
    }));
    for (const d of Devices)
      if (d.DeviceKey && keys.has(d.DeviceKey))
        await this.forgetDevice(profileId, username, d.DeviceKey);
  }

  /** An audit entry for a step that is not one Cognito call (the desk enrollment's outcome). */
  async record(
    profileId: string,
    username: string,
    action: string,
    outcome: { ok: true } | { ok: false; error: string },
  ): Promise<void> {
    const { profile, transport } = await this.open(profileId);
    await this.deps.audit.append({
      at: this.deps.clock.now(),
      identity: await this.identityLabel(transport),
      poolId: profile.userPoolId,
      username,
      action,
      ...(outcome.ok
        ? { result: 'ok' as const }
        : { result: 'failed' as const, error: outcome.error }),
    });
  }

  async forgetAllDevices(profileId: string, username: string, typed: string): Promise<number> {
    this.checkTyped(username, typed);
    const { Devices = [] } = await this.send(profileId, 'AdminListDevices', (p) => ({
      UserPoolId: p,
      Username: username,
      Limit: 60,
    }));
    for (const d of Devices)
      if (d.DeviceKey) await this.forgetDevice(profileId, username, d.DeviceKey);
    return Devices.length;
  }

  async setDeviceRemembered(
    profileId: string,
    username: string,
    deviceKey: string,
    remembered: boolean,
  ): Promise<void> {
    await this.act(
      profileId,
      username,
      `${remembered ? 'remember' : 'stop remembering'} device ${deviceKey}`,
      'AdminUpdateDeviceStatus',
      (p) => ({
        UserPoolId: p,
        Username: username,
        DeviceKey: deviceKey,
        DeviceRememberedStatus: remembered ? 'remembered' : 'not_remembered',
      }),
    );
  }

  async signOutEverywhere(profileId: string, username: string, typed: string): Promise<void> {
    this.checkTyped(username, typed);
    await this.act(profileId, username, 'sign out everywhere', 'AdminUserGlobalSignOut', (p) => ({
      UserPoolId: p,
      Username: username,
    }));
  }

  async setEnabled(profileId: string, username: string, enabled: boolean): Promise<void> {
    const target = (p: string) => ({ UserPoolId: p, Username: username });
    if (enabled) await this.act(profileId, username, 'enable user', 'AdminEnableUser', target);
    else await this.act(profileId, username, 'disable user', 'AdminDisableUser', target);
  }

  async deleteUser(profileId: string, username: string, typed: string): Promise<void> {
    this.checkTyped(username, typed);
    await this.act(profileId, username, 'delete user', 'AdminDeleteUser', (p) => ({
      UserPoolId: p,
      Username: username,
    }));
  }

  async setGroup(
    profileId: string,
    username: string,
    group: string,
    member: boolean,
  ): Promise<void> {
    const input = (p: string) => ({ UserPoolId: p, Username: username, GroupName: group });
    if (member)
      await this.act(profileId, username, `add to group ${group}`, 'AdminAddUserToGroup', input);
    else
      await this.act(
        profileId,
        username,
        `remove from group ${group}`,
        'AdminRemoveUserFromGroup',
        input,
      );
  }

  async updateAttributes(
    profileId: string,
    username: string,
    attributes: { name: string; value: string }[],
  ): Promise<void> {
    await this.act(
      profileId,
      username,
      `update attributes ${attributes.map((a) => a.name).join(', ')}`,
      'AdminUpdateUserAttributes',
      (p) => ({
        UserPoolId: p,
        Username: username,
        UserAttributes: attributes.map((a) => ({ Name: a.name, Value: a.value })),
      }),
    );
  }

  stop(): void {
    for (const { transport } of this.transports.values()) transport.destroy();
    this.transports.clear();
  }

  // ------------------------------------------------------------------ plumbing

  private checkTyped(username: string, typed: string): void {
    if (typed !== username)
      throw new AppError({
        code: 'ADMIN_CONFIRMATION_MISMATCH',
        message: 'What was typed is not the username. Type it exactly, as shown, to confirm.',
        field: 'confirmUsername',
      });
  }

  private async stored(profileId: string): Promise<AdminProfileSettings> {
    return (await this.deps.settings.read())?.[profileId] ?? { enabled: false };
  }

  private profileCtx(settings: AdminProfileSettings) {
    return settings.awsProfile ? { awsProfile: settings.awsProfile } : {};
  }

  private dropTransport(profileId: string): void {
    this.transports.get(profileId)?.transport.destroy();
    this.transports.delete(profileId);
  }

  private async open(profileId: string) {
    const profile = await this.deps.profile(profileId);
    const settings = await this.stored(profileId);
    if (!settings.enabled)
      throw new AppError({
        code: 'ADMIN_MODE_OFF',
        message: `Admin mode is off for “${profile.displayName}”. Turn it on in the admin screen first.`,
      });
    const key = `${profile.region}|${profile.endpoint ?? ''}|${settings.awsProfile ?? ''}`;
    let cached = this.transports.get(profileId);
    if (!cached || cached.key !== key) {
      cached?.transport.destroy();
      cached = {
        key,
        transport: this.deps.transportFor({
          region: profile.region,
          demo: profile.isDemo,
          ...(profile.endpoint ? { endpoint: profile.endpoint } : {}),
          ...(settings.awsProfile ? { awsProfile: settings.awsProfile } : {}),
        }),
      };
      this.transports.set(profileId, cached);
    }
    return { profile, settings, transport: cached.transport };
  }

  private async send<O extends AdminOperationName>(
    profileId: string,
    operation: O,
    input: (poolId: string) => AdminInputOf<O>,
  ): Promise<AdminOutputOf<O>> {
    const { profile, settings, transport } = await this.open(profileId);
    try {
      return await transport.call(operation, input(profile.userPoolId));
    } catch (e) {
      throw adminError(e, { operation, ...this.profileCtx(settings) });
    }
  }

  private identityLabel(transport: AdminTransport): Promise<string> {
    return transport.identity().then(
      (id) => `${id.label} (${id.accessKeyHint})`,
      () => 'unresolved credentials',
    );
  }

  /** One audited change: the entry is on disk before the result is returned. */
  private async act<O extends AdminOperationName>(
    profileId: string,
    username: string,
    action: string,
    operation: O,
    input: (poolId: string) => AdminInputOf<O>,
  ): Promise<AdminOutputOf<O>> {
    const { profile, transport } = await this.open(profileId);
    const entry = {
      identity: await this.identityLabel(transport),
      poolId: profile.userPoolId,
      username,
      action,
    };
    try {
      const out = await this.send(profileId, operation, input);
      await this.deps.audit.append({ at: this.deps.clock.now(), ...entry, result: 'ok' });
      return out;
    } catch (e) {
      await this.deps.audit.append({
        at: this.deps.clock.now(),
        ...entry,
        result: 'failed',
        error: e instanceof AppError ? e.code : 'INTERNAL',
      });
      throw e;
    }
  }
}
