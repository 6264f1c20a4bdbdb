/**
 * Username and password: starts the attempt in main, or goes to the reset when
 * the pool wants a new password first.
 */
import type { AuthStepView, ProfileView } from '../../../src-main/ipc/contract';
import { ApiError, call } from '../../api';
import { passwordStep } from './password-step';
import type { WizardStep } from './step-frame';
import type { Wizard } from './wizard';

export function passwordPlace(
  profile: ProfileView,
  username: string | undefined,
  { go, showView }: Wizard,
): WizardStep {
  return passwordStep({
    profile,
    ...(username ? { username } : {}),
    onBack: () => go({ at: 'profiles' }),
    onSignUp: () => go({ at: 'sign-up', profileId: profile.id }),
    onDemoProfile: (profileId, username) => go({ at: 'password', profileId, username }),
    onForgotPassword: (username) =>
      go({ at: 'forgot', profileId: profile.id, ...(username ? { username } : {}) }),
    onSubmit: async (username, password, signal) => {
      let view: AuthStepView;
      try {
        view = await call('auth:start', {
          profileId: profile.id,
          username,
          ...(password !== undefined ? { password } : {}),
        });
      } catch (e) {
        // The pool wants a new password first: the reset is the way on, not an error.
        if (!(e instanceof ApiError) || e.code !== 'PASSWORD_RESET_REQUIRED') throw e;
        if (!signal.aborted) go({ at: 'forgot', profileId: profile.id, username, required: true });
        return;
      }
      // Cancelled while waiting: the attempt that got through anyway is closed, not shown.
      if (signal.aborted) {
        void call('auth:cancel', { attemptId: view.attemptId }).catch(() => undefined);
        return;
      }
      showView(view);
    },
  });
}
