/**
 * Handlers of the sign-in, enrollment, MFA, devices and profiles channels
 * (issue 4): thin calls into core/cognito's CognitoService.
 */
import type { ClipboardPolicy } from '../../core/clipboard-policy';
import type { CognitoService } from '../../core/cognito/service';
import type { HandlerGroup } from '../router';

export interface AuthHandlerServices {
  cognito: CognitoService;
  clipboard: ClipboardPolicy;
}

type AuthGroups = HandlerGroup<'profiles'> &
  HandlerGroup<'auth'> &
  HandlerGroup<'enroll'> &
  HandlerGroup<'mfa'> &
  HandlerGroup<'devices'>;

export function authHandlers({ cognito, clipboard }: AuthHandlerServices): AuthGroups {
  return {
    'profiles:list': () => cognito.profiles.list(),
    'profiles:add': (input) => cognito.addProfile(input),
    'profiles:update': ({ id, profile }) => cognito.updateProfile(id, profile),
    'profiles:remove': ({ profileId }) => cognito.removeProfile(profileId),
    'profiles:select': ({ profileId }) => cognito.selectProfile(profileId),

    'auth:start': ({ profileId, username, password }) =>
      cognito.startSignIn(profileId, username, password),
    'auth:respond': ({ attemptId, answer }) => cognito.respond(attemptId, answer),
    'auth:autofill': ({ attemptId }) => cognito.autofill(attemptId),
    'auth:restart': ({ attemptId }) => cognito.restart(attemptId),
    'auth:cancel': async ({ attemptId }) => {
      cognito.cancel(attemptId);
      return { ok: true };
    },
    'auth:rememberDevice': ({ attemptId, remember }) => cognito.rememberDevice(attemptId, remember),
    'auth:state': () => cognito.authState(),
    'auth:session': async ({ profileId }) => ({ session: await cognito.session(profileId) }),
    'auth:refresh': ({ profileId }) => cognito.refresh(profileId),
    'auth:signOut': async ({ profileId }) => {
      await cognito.signOut(profileId);
      return { ok: true };
    },
    'auth:signOutEverywhere': async ({ profileId }) => {
      await cognito.signOutEverywhere(profileId);
      return { ok: true };
    },

    'enroll:begin': ({ profileId }) => cognito.enrollment.begin(profileId),
    'enroll:verify': ({ enrollmentId, ...input }) => cognito.enrollment.verify(enrollmentId, input),
    'enroll:cancel': async ({ enrollmentId }) => {
      cognito.enrollment.cancel(enrollmentId);
      return { ok: true };
    },
    // Copied in main, not by the page, so the key is concealed from clipboard
    // history and taken back after the delay like a copied code.
    'enroll:copySetupKey': async (setup) => {
      const key =
        'attemptId' in setup
          ? cognito.setupKey(setup.attemptId)
          : cognito.enrollment.setupKey(setup.enrollmentId);
      const { clearsInSeconds } = await clipboard.copy(key, { label: 'authenticator setup key' });
      return { clearsInSeconds };
    },
    'mfa:get': ({ profileId }) => cognito.enrollment.get(profileId),
    'mfa:set': ({ profileId, ...choice }) => cognito.enrollment.set(profileId, choice),

    'devices:list': async ({ profileId }) => ({ devices: await cognito.devices.list(profileId) }),
    'devices:forget': async ({ profileId, deviceKey }) => ({
      devices: await cognito.devices.forget(profileId, deviceKey),
    }),
    'devices:setRemembered': async ({ profileId, deviceKey, remembered }) => ({
      devices: await cognito.devices.setRemembered(profileId, deviceKey, remembered),
    }),
  };
}
