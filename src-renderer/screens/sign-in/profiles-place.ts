/** The profile picker: pick where to sign in (or see the session there), or sign out of one. */
import { call } from '../../api';
import { toast } from '../../ui/live';
import { profileStep } from './profile-step';
import type { WizardStep } from './step-frame';
import type { Wizard } from './wizard';

export function profilesPlace({ data, go }: Wizard): WizardStep {
  return profileStep({
    profiles: data.profiles.profiles,
    selectedId: data.profiles.selectedId,
    sessions: data.sessions,
    onPick: (profile) => {
      // Remembering the choice is a convenience: if it fails (the profile was just
      // removed elsewhere), the sign-in itself reports the real problem.
      void call('profiles:select', { profileId: profile.id }).then(
        (list) => {
          data.profiles = list;
        },
        () => undefined,
      );
      go(
        data.sessionOf(profile.id)
          ? { at: 'session', profileId: profile.id }
          : { at: 'password', profileId: profile.id },
      );
    },
    onSignOut: async (profile) => {
      await call('auth:signOut', { profileId: profile.id });
      data.dropSession(profile.id);
      toast(`Signed out of ${profile.displayName}.`);
      go({ at: 'profiles' });
    },
  });
}
