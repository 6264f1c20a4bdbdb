/** Signed in: the session's panel and the ways out of it (sign out, refresh, my account). */
import type { DeviceOutcomeView, ProfileView, SignedInView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { toast } from '../../ui/live';
import { signedInStep } from './result-steps';
import type { SessionActions } from './result-steps';
import type { WizardStep } from './step-frame';
import type { Wizard } from './wizard';

function sessionActions(profileId: string, { data, go }: Wizard): SessionActions {
  /** Back to the password, the username kept for the next sign-in. */
  const signedOut = (username: string | undefined, told: string): void => {
    data.dropSession(profileId);
    toast(told);
    go({ at: 'password', profileId, ...(username ? { username } : {}) });
  };
  return {
    signOut: async () => {
      const username = data.sessionOf(profileId)?.username;
      await call('auth:signOut', { profileId });
      signedOut(username, 'Signed out.');
    },
    signOutEverywhere: async () => {
      const username = data.sessionOf(profileId)?.username;
      await call('auth:signOutEverywhere', { profileId });
      signedOut(username, 'Signed out on every device.');
    },
    refresh: async () => {
      data.putSession(await call('auth:refresh', { profileId }));
      toast('Tokens refreshed.');
      go({ at: 'session', profileId });
    },
    switchProfile: () => go({ at: 'profiles' }),
    mySessions: () => go({ at: 'my-sessions', profileId }),
    myAccount: () => go({ at: 'my-account', profileId }),
  };
}

export function sessionPlace(
  session: SignedInView,
  profile: ProfileView,
  device: DeviceOutcomeView | undefined,
  wizard: Wizard,
): WizardStep {
  return signedInStep(session, profile, device, sessionActions(profile.id, wizard));
}
