/** Handlers of the sign-in and session channels: thin calls into core/cognito's CognitoService. */
import type { CognitoService } from '../../core/cognito/service';
import type { HandlerGroup } from '../router';

export interface SignInHandlerServices {
  cognito: CognitoService;
}

export function signInHandlers({ cognito }: SignInHandlerServices): HandlerGroup<'auth'> {
  return {
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
  };
}
