/**
 * What a person does for their own account without an administrator:
 * forgot password, sign-up and its confirmation (before sign-in, by app
 * client), and, signed in, the password, attributes, sign-in methods and
 * sessions (by AccessToken). SECRET_HASH and ClientMetadata ride along as the
 * profile sets them.
 */
import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { AppError } from '../errors';
import { exceptionMessage, exceptionName, userFacing } from './errors';
import type { ResolvedProfile } from './profiles';
import { secretHash } from './secret-hash';
import type { TokenManager } from './tokens';
import type { CognitoTransport } from '../ports';
import type { AccountView, CodeDeliveryView, SignUpView, UserSessionView } from './account-views';

export interface SelfServiceDeps {
  profile: (profileId: string) => Promise<ResolvedProfile>;
  transport: (profile: ResolvedProfile) => CognitoTransport;
  tokens: Pick<TokenManager, 'accessToken'>;
}

function deliveryView(d: CodeDeliveryDetailsType | undefined): CodeDeliveryView {
  const medium =
    d?.DeliveryMedium === 'EMAIL' || d?.DeliveryMedium === 'SMS' ? d.DeliveryMedium : 'UNKNOWN';
  return {
    destination: d?.Destination ?? '',
    medium,
    ...(d?.AttributeName ? { attribute: d.AttributeName } : {}),
  };
}

const VERIFIABLE: Record<string, string> = {
  email: 'email_verified',
  phone_number: 'phone_number_verified',
};

export class SelfService {
  constructor(private readonly deps: SelfServiceDeps) {}

  async forgotPassword(profileId: string, username: string): Promise<CodeDeliveryView> {
    return this.byClient(profileId, async (p, t) => {
      const out = await t.call('ForgotPassword', {
        ClientId: p.clientId,
        Username: username,
        ...this.hash(p, username),
        ...metadata(p),
      });
      return deliveryView(out.CodeDeliveryDetails);
    });
  }

  async confirmForgotPassword(
    profileId: string,
    username: string,
    code: string,
    newPassword: string,
  ): Promise<void> {
    await this.byClient(profileId, (p, t) =>
      t.call('ConfirmForgotPassword', {
        ClientId: p.clientId,
        Username: username,
        ConfirmationCode: code,
        Password: newPassword,
        ...this.hash(p, username),
        ...metadata(p),
      }),
    );
  }

  async signUp(
    profileId: string,
    username: string,
    password: string,
    attributes: Record<string, string>,
  ): Promise<SignUpView> {
    return this.byClient(profileId, async (p, t) => {
      const out = await t.call('SignUp', {
        ClientId: p.clientId,
        Username: username,
        Password: password,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        ...this.hash(p, username),
        ...metadata(p),
      });
      return {
        confirmed: out.UserConfirmed === true,
        ...(out.CodeDeliveryDetails ? { delivery: deliveryView(out.CodeDeliveryDetails) } : {}),
      };
    });
  }

  async confirmSignUp(profileId: string, username: string, code: string): Promise<void> {
    await this.byClient(profileId, (p, t) =>
      t.call('ConfirmSignUp', {
        ClientId: p.clientId,
        Username: username,
        ConfirmationCode: code,
        ...this.hash(p, username),
        ...metadata(p),
      }),
    );
  }

  async resendConfirmationCode(profileId: string, username: string): Promise<CodeDeliveryView> {
    return this.byClient(profileId, async (p, t) => {
      const out = await t.call('ResendConfirmationCode', {
        ClientId: p.clientId,
        Username: username,
        ...this.hash(p, username),
        ...metadata(p),
      });
      return deliveryView(out.CodeDeliveryDetails);
    });
  }

  async changePassword(profileId: string, previous: string, proposed: string): Promise<void> {
    await this.byToken(profileId, (AccessToken, t) =>
      t.call('ChangePassword', {
        AccessToken,
        PreviousPassword: previous,
        ProposedPassword: proposed,
      }),
    );
  }

  async account(profileId: string): Promise<AccountView> {
    return this.byToken(profileId, async (AccessToken, t) => {
      const [user, factors] = await Promise.all([
        t.call('GetUser', { AccessToken }),
        t.call('GetUserAuthFactors', { AccessToken }),
      ]);
      const values = new Map((user.UserAttributes ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));
      const flags = new Set(Object.values(VERIFIABLE));
      return {
        username: user.Username ?? '',
        attributes: [...values]
          .filter(([name]) => name !== 'sub' && !flags.has(name))
          .map(([name, value]) => ({
            name,
            value,
            ...(VERIFIABLE[name] ? { verified: values.get(VERIFIABLE[name]) === 'true' } : {}),
          })),
        signInMethods: factors.ConfiguredUserAuthFactors ?? [],
        ...(factors.PreferredMfaSetting ? { preferredMfa: factors.PreferredMfaSetting } : {}),
      };
    });
  }

  /** Returns where codes went for changed addresses that need verifying. */
  async updateAttributes(
    profileId: string,
    attributes: Record<string, string>,
  ): Promise<CodeDeliveryView[]> {
    return this.byToken(profileId, async (AccessToken, t, p) => {
      const out = await t.call('UpdateUserAttributes', {
        AccessToken,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        ...metadata(p),
      });
      return (out.CodeDeliveryDetailsList ?? []).map(deliveryView);
    });
  }

  async sendVerificationCode(profileId: string, attribute: string): Promise<CodeDeliveryView> {
    return this.byToken(profileId, async (AccessToken, t, p) => {
      const out = await t.call('GetUserAttributeVerificationCode', {
        AccessToken,
        AttributeName: attribute,
        ...metadata(p),
      });
      return deliveryView(out.CodeDeliveryDetails);
    });
  }

  async verifyAttribute(profileId: string, attribute: string, code: string): Promise<void> {
    await this.byToken(profileId, (AccessToken, t) =>
      t.call('VerifyUserAttribute', { AccessToken, AttributeName: attribute, Code: code }),
    );
  }

  async sessions(profileId: string): Promise<UserSessionView[]> {
    return this.byToken(profileId, async (AccessToken, t) => {
      const sessions: UserSessionView[] = [];
      let NextToken: string | undefined;
      do {
        const out = await t.call('ListUserSessions', {
          AccessToken,
          ...(NextToken ? { NextToken } : {}),
        });
        for (const s of out.Sessions ?? []) {
          if (!s.SessionId) continue;
          sessions.push({
            sessionId: s.SessionId,
            clientId: s.ClientId ?? '',
            device: s.DeviceType ?? 'unknown',
            ...(s.LastIPAddress ? { ipAddress: s.LastIPAddress } : {}),
            ...(s.CreateDate ? { createdAt: s.CreateDate.getTime() } : {}),
            ...(s.LastActiveDate ? { lastActiveAt: s.LastActiveDate.getTime() } : {}),
            isCurrent: s.IsCurrentSession === true,
          });
        }
        NextToken = out.NextToken;
      } while (NextToken);
      return sessions.sort(
        (a, b) =>
          Number(b.isCurrent) - Number(a.isCurrent) ||
          (b.lastActiveAt ?? 0) - (a.lastActiveAt ?? 0),
      );
    });
  }

  async revokeSession(profileId: string, sessionId: string): Promise<UserSessionView[]> {
    await this.byToken(profileId, (AccessToken, t) =>
      t.call('RevokeUserSession', { AccessToken, SessionId: sessionId }),
    );
    return this.sessions(profileId);
  }

  private hash(p: ResolvedProfile, username: string): { SecretHash?: string } {
    return p.clientSecret ? { SecretHash: secretHash(p.clientSecret, username, p.clientId) } : {};
  }

  private async byClient<T>(
    profileId: string,
    run: (p: ResolvedProfile, t: CognitoTransport) => Promise<T>,
  ): Promise<T> {
    const profile = await this.deps.profile(profileId);
    try {
      return await run(profile, this.deps.transport(profile));
    } catch (e) {
      // The pool already says whether the name exists here (PreventUserExistenceErrors
      // LEGACY), so the way on is to check the name, not the password.
      if (exceptionName(e) === 'UserNotFoundException')
        throw new AppError({
          code: 'USER_NOT_FOUND',
          message: 'There is no account with that username in this pool. Check how it is spelled.',
          detail: `UserNotFoundException: ${exceptionMessage(e)}`,
          field: 'username',
        });
      throw userFacing(e, errorContext(profile));
    }
  }

  private async byToken<T>(
    profileId: string,
    run: (accessToken: string, t: CognitoTransport, p: ResolvedProfile) => Promise<T>,
  ): Promise<T> {
    const profile = await this.deps.profile(profileId);
    const accessToken = await this.deps.tokens.accessToken(profileId);
    try {
      return await run(accessToken, this.deps.transport(profile), profile);
    } catch (e) {
      throw userFacing(e, errorContext(profile));
    }
  }
}

function errorContext(p: ResolvedProfile) {
  return {
    endpoint: p.endpoint ?? `Cognito in ${p.region}`,
    ...(p.passwordPolicy ? { passwordPolicy: p.passwordPolicy } : {}),
  };
}

const metadata = (p: ResolvedProfile) =>
  p.clientMetadata ? { ClientMetadata: p.clientMetadata } : {};
