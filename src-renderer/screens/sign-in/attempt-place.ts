/**
 * An attempt in progress: the step main describes (a challenge, the choice of
 * factor, "Remember this computer?", an expired Session), each answered
 * through main, and the ways to start again.
 */
import type { AuthStepView, ProfileView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { toast } from '../../ui/live';
import type { Answer } from './challenge-answer';
import { challengeStep } from './challenge-step';
import { chooseFactorStep } from './choose-factor-step';
import { expiredStep, rememberStep } from './result-steps';
import type { WizardStep } from './step-frame';
import type { Wizard } from './wizard';

const computerNameOf = (view: AuthStepView): string =>
  view.fields.find((f) => f.name === 'friendlyDeviceName')?.value ?? '';

/** Every kind but SIGNED_IN, which is no attempt any more. */
export function attemptPlace(
  view: AuthStepView,
  profile: ProfileView,
  { go, showView }: Wizard,
): WizardStep {
  const { attemptId } = view;
  const startOver = (): void => {
    // Best effort: an attempt left open is replaced by the next auth:start anyway.
    void call('auth:cancel', { attemptId }).catch(() => undefined);
    go({ at: 'password', profileId: view.profileId, username: view.username });
  };
  const restart = async (): Promise<void> => {
    showView(await call('auth:restart', { attemptId }));
    toast(
      view.kind === 'MFA_SETUP'
        ? 'A fresh session started. Scan the new QR code.'
        : 'A fresh session started.',
    );
  };
  const respond = async (answer: Answer): Promise<void> => {
    showView(await call('auth:respond', { attemptId, answer }));
  };

  if (view.kind === 'REMEMBER_DEVICE') {
    return rememberStep(view, profile, {
      remember: async (yes) => {
        showView(await call('auth:rememberDevice', { attemptId, remember: yes }));
      },
    });
  }
  if (view.kind === 'SESSION_EXPIRED') return expiredStep(view, profile, restart, startOver);
  if (view.kind === 'SELECT_CHALLENGE')
    return chooseFactorStep(view, profile, { respond, startOver });
  return challengeStep(view, profile, computerNameOf(view), {
    respond,
    autofill: async () => {
      showView(await call('auth:autofill', { attemptId }));
    },
    restart,
    startOver,
    sessionExpiresAt: async () => {
      const { attempt } = await call('auth:state', {});
      return attempt?.attemptId === attemptId ? attempt.sessionExpiresAt : undefined;
    },
  });
}
