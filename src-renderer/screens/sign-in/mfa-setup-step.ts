/** MFA_SETUP during sign-in: scan the QR code (or use this computer) and prove it with a code. */
import type { AuthStepView } from '../../../src-main/ipc/contract';
import { enrollForm } from '../enroll/enroll-form';
import type { ChallengeBody, ChallengeParts } from './challenge-form';

export function mfaSetupBody(
  view: AuthStepView,
  setup: NonNullable<AuthStepView['setup']>,
  computerName: string,
  { respond, startOver, countdown }: ChallengeParts,
): ChallengeBody {
  const enroll = enrollForm({
    setup,
    setupRef: { attemptId: view.attemptId },
    computerName,
    submitLabel: 'Verify and continue',
    busyLabel: 'Checking the code…',
    secondary: [startOver],
    onSubmit: (a) =>
      respond({
        kind: 'MFA_SETUP',
        useThisComputer: a.useThisComputer,
        friendlyDeviceName: a.friendlyDeviceName,
        ...(a.code !== undefined ? { code: a.code } : {}),
      }),
  });
  return {
    // The Session's clock first: setup is the step where people run out of time.
    body: [countdown?.element, enroll.element],
    focus: enroll.firstControl,
    description: view.description,
  };
}
