/**
 * The step for each place in the wizard. A place whose profile (or session)
 * is gone falls back to the profile picker, or to the password.
 */
import { attemptPlace } from './attempt-place';
import { forgotPasswordStep } from './forgot-password-step';
import { myAccountStep } from './my-account-step';
import { mySessionsStep } from './my-sessions-step';
import { passwordPlace } from './password-place';
import { profilesPlace } from './profiles-place';
import { sessionPlace } from './session-place';
import { signUpStep } from './sign-up-step';
import type { WizardStep } from './step-frame';
import type { Place, Wizard } from './wizard';

export function placeStep(p: Place, wizard: Wizard): WizardStep {
  const { data, go, swapIn } = wizard;
  const fallBack = (): WizardStep => placeStep({ at: 'profiles' }, wizard);
  const toPassword = (profileId: string) => (username?: string) =>
    go({ at: 'password', profileId, ...(username ? { username } : {}) });
  switch (p.at) {
    case 'profiles':
      return profilesPlace(wizard);
    case 'password': {
      const profile = data.profileById(p.profileId);
      if (!profile) return fallBack();
      return passwordPlace(profile, p.username ?? data.lastUsernames[profile.id], wizard);
    }
    case 'attempt': {
      const { view } = p;
      const profile = data.profileById(view.profileId);
      if (!profile) return fallBack();
      if (view.kind === 'SIGNED_IN') {
        if (view.signedIn)
          return placeStep(
            { at: 'session', profileId: view.profileId, device: view.device },
            wizard,
          );
        return fallBack();
      }
      return attemptPlace(view, profile, wizard);
    }
    case 'forgot': {
      const profile = data.profileById(p.profileId);
      if (!profile) return fallBack();
      return forgotPasswordStep({
        profile,
        ...(p.username ? { username: p.username } : {}),
        ...(p.required ? { required: true } : {}),
        show: swapIn,
        done: toPassword(profile.id),
      });
    }
    case 'sign-up': {
      const profile = data.profileById(p.profileId);
      if (!profile) return fallBack();
      return signUpStep({ profile, show: swapIn, done: toPassword(profile.id) });
    }
    case 'my-account':
    case 'my-sessions': {
      const profile = data.profileById(p.profileId);
      const session = data.sessionOf(p.profileId);
      if (!profile || !session) return fallBack();
      const o = {
        profile,
        username: session.username,
        back: () => go({ at: 'session', profileId: p.profileId }),
      };
      return p.at === 'my-account' ? myAccountStep(o) : mySessionsStep(o);
    }
    case 'session': {
      const profile = data.profileById(p.profileId);
      const session = data.sessionOf(p.profileId);
      if (!profile) return fallBack();
      if (!session) return placeStep({ at: 'password', profileId: p.profileId }, wizard);
      return sessionPlace(session, profile, p.device, wizard);
    }
  }
}
