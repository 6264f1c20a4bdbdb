/**
 * The challenges answered in one form (codes, a factor to pick, a custom
 * answer, a new password): the fields, the answer sent on Enter, and what a
 * refused answer clears or renews.
 */
import type { AuthStepView } from '../../../src-main/ipc/contract';
import { ApiError } from '../../api';
import type { Child } from '../../ui/dom';
import { passwordsDiffer } from '../../ui/field';
import { createForm } from '../../ui/form';
import type { Form } from '../../ui/form';
import { challengeAnswer } from './challenge-answer';
import type { Answer } from './challenge-answer';
import type { ChallengeCountdown } from './challenge-countdown';
import { deliveryLine, parametersList } from './challenge-details';
import { challengeFields } from './challenge-fields';
import { autofillBlock } from './autofill-button';

/** What a challenge screen puts inside its frame. */
export interface ChallengeBody {
  body: Child[];
  focus: HTMLElement;
  description: string | undefined;
}

/** What every challenge screen shares: how to answer, and how to leave. */
export interface ChallengeParts {
  respond(answer: Answer): Promise<void>;
  startOver: HTMLButtonElement;
  countdown: ChallengeCountdown | undefined;
}

/** Wrong or stale codes: the field empties so the next code can be typed straight away. */
const CODE_ERRORS = new Set([
  'CODE_MISMATCH',
  'CODE_EXPIRED',
  'CODE_ALREADY_USED',
  'TOTP_VERIFY_FAILED',
]);

/** Enter on a radio (a factor to pick) submits, as it does in a text field. */
function submitOnEnterInRadio(form: Form): void {
  form.element.addEventListener('keydown', (event) => {
    const t = event.target;
    if (event.key === 'Enter' && t instanceof HTMLInputElement && t.type === 'radio') {
      event.preventDefault();
      form.submit();
    }
  });
}

/** `autofill`: given when this computer can fill in the authenticator app's code. */
export function challengeFormBody(
  view: AuthStepView,
  { respond, startOver, countdown }: ChallengeParts,
  autofill: (() => Promise<void>) | undefined,
): ChallengeBody {
  const parts = challengeFields(view, () => form.submit());
  const { fields, layout, code, newPassword, confirm } = parts;
  const form: Form = createForm({
    fields,
    layout: [...layout, ...(countdown ? [countdown.element] : [])],
    submitLabel: 'Continue',
    busyLabel: view.kind === 'NEW_PASSWORD_REQUIRED' ? 'Saving your password…' : 'Checking…',
    secondary: [startOver],
    fallbackField: code,
    onSubmit: async () => {
      if (newPassword && confirm && passwordsDiffer(newPassword, confirm, 'new password')) return;
      const answer = challengeAnswer(view.kind, parts);
      if (!answer) return;
      try {
        await respond(answer);
      } catch (e) {
        if (code && e instanceof ApiError && CODE_ERRORS.has(e.code)) code.control.value = '';
        if (e instanceof ApiError && e.code === 'CUSTOM_ANSWER_REJECTED')
          // Only the countdown is at stake: the old one stays if main cannot be asked.
          await countdown?.renew().catch(() => undefined);
        throw e;
      }
    },
  });
  submitOnEnterInRadio(form);
  const filler = autofill ? autofillBlock(autofill, (info) => form.showError(info)) : undefined;
  const firstInput = form.element.querySelector<HTMLElement>('input, select, textarea');
  return {
    body: [
      deliveryLine(view),
      parametersList(view.challengeParameters),
      filler?.element ?? null,
      form.element,
    ],
    focus: filler?.button ?? firstInput ?? form.submitButton,
    // With a destination, the delivery line says it all; the description would repeat it.
    description: view.codeDeliveryDestination ? undefined : view.description,
  };
}
