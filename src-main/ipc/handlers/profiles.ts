/** Handlers of the profile channels: thin calls into core/cognito's CognitoService. */
import type { CognitoService } from '../../core/cognito/service';
import type { HandlerGroup } from '../router';

export interface ProfileHandlerServices {
  cognito: CognitoService;
}

export function profileHandlers({ cognito }: ProfileHandlerServices): HandlerGroup<'profiles'> {
  return {
    'profiles:list': () => cognito.profiles.list(),
    'profiles:add': (input) => cognito.addProfile(input),
    'profiles:update': ({ id, profile }) => cognito.updateProfile(id, profile),
    'profiles:remove': ({ profileId }) => cognito.removeProfile(profileId),
    'profiles:select': ({ profileId }) => cognito.selectProfile(profileId),
  };
}
