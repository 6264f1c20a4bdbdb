/**
 * One screen per Cognito challenge that needs the person: SMS_MFA,
 * EMAIL_OTP, SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE, NEW_PASSWORD_REQUIRED,
 * CUSTOM_CHALLENGE and MFA_SETUP. Main describes each step (title, fields,
 * destination, session expiry); this module picks the screen for its kind and
 * frames it with the Session's countdown and a way to start over.
 */
import type { AuthStepView, ProfileView } from '../../../src-main/ipc/contract';
import type { Answer } from './challenge-answer';
import { challengeCountdown } from './challenge-countdown';
import { challengeFormBody } from './challenge-form';
import type { ChallengeBody, ChallengeParts } from './challenge-form';
import { mfaSetupBody } from './mfa-setup-step';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';

export interface ChallengeActions {
  respond(answer: Answer): Promise<void>;
  autofill(): Promise<void>;
  restart(): Promise<void>;
  /** Abandon this attempt and go back to the password. */
  startOver(): void;
  /** The attempt's Session expiry as main has it now (undefined when the attempt is gone). */
  sessionExpiresAt(): Promise<number | undefined>;
}

function challengeBody(
  view: AuthStepView,
  computerName: string,
  parts: ChallengeParts,
  autofill: () => Promise<void>,
): ChallengeBody {
  if (view.kind === 'MFA_SETUP' && view.setup)
    return mfaSetupBody(view, view.setup, computerName, parts);
  const canAutofill = view.kind === 'SOFTWARE_TOKEN_MFA' && view.canAutofill;
  return challengeFormBody(view, parts, canAutofill ? autofill : undefined);
}

export function challengeStep(
  view: AuthStepView,
  profile: ProfileView,
  computerName: string,
  actions: ChallengeActions,
): WizardStep {
  const countdown = challengeCountdown(view, profile, actions);
  const parts: ChallengeParts = {
    respond: actions.respond,
    startOver: button('Start over', actions.startOver),
    countdown,
  };
  const { body, focus, description } = challengeBody(view, computerName, parts, actions.autofill);
  return {
    element: stepFrame({
      context: `Sign in · ${profile.displayName} · ${view.username}`,
      title: view.title,
      description,
      body,
      keys: 'Enter continues · Esc starts over',
    }),
    focus,
    back: actions.startOver,
    dispose: () => countdown?.stop(),
  };
}
