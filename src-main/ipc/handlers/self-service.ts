/** Handlers of the self-service and account channels: thin calls into SelfService. */
import type { CognitoService } from '../../core/cognito/service';
import type { HandlerGroup } from '../router';

export interface SelfServiceHandlerServices {
  cognito: CognitoService;
}

const done = { ok: true } as const;

export function selfServiceHandlers({
  cognito,
}: SelfServiceHandlerServices): HandlerGroup<'self'> & HandlerGroup<'account'> {
  const s = cognito.selfService;
  return {
    'self:forgotPassword': ({ profileId, username }) => s.forgotPassword(profileId, username),
    'self:confirmForgotPassword': async ({ profileId, username, code, newPassword }) => {
      await s.confirmForgotPassword(profileId, username, code, newPassword);
      return done;
    },
    'self:signUp': ({ profileId, username, password, attributes }) =>
      s.signUp(profileId, username, password, attributes),
    'self:confirmSignUp': async ({ profileId, username, code }) => {
      await s.confirmSignUp(profileId, username, code);
      return done;
    },
    'self:resendSignUpCode': ({ profileId, username }) =>
      s.resendConfirmationCode(profileId, username),
    'account:get': ({ profileId }) => s.account(profileId),
    'account:changePassword': async ({ profileId, previousPassword, proposedPassword }) => {
      await s.changePassword(profileId, previousPassword, proposedPassword);
      return done;
    },
    'account:updateAttributes': async ({ profileId, attributes }) => ({
      deliveries: await s.updateAttributes(profileId, attributes),
    }),
    'account:sendVerificationCode': ({ profileId, attribute }) =>
      s.sendVerificationCode(profileId, attribute),
    'account:verifyAttribute': async ({ profileId, attribute, code }) => {
      await s.verifyAttribute(profileId, attribute, code);
      return done;
    },
    'account:sessions': async ({ profileId }) => ({ sessions: await s.sessions(profileId) }),
    'account:revokeSession': async ({ profileId, sessionId }) => ({
      sessions: await s.revokeSession(profileId, sessionId),
    }),
  };
}
