/** What a challenge screen sends back to main, read from its controls by challenge kind. */
import type { AuthStepView, MfaType, RequestOf } from '../../../src-main/ipc/contract';
import type { ChallengeFields } from './challenge-fields';

export type Answer = RequestOf<'auth:respond'>['answer'];

/** Undefined when there is nothing to send (no factor picked, or a kind without an answer here). */
export function challengeAnswer(
  kind: AuthStepView['kind'],
  { fields, code, choice, newPassword }: ChallengeFields,
): Answer | undefined {
  switch (kind) {
    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SMS_OTP':
    case 'SOFTWARE_TOKEN_MFA':
      return { kind, code: code?.control.value ?? '' };
    case 'SELECT_MFA_TYPE': {
      const picked = choice?.value();
      return picked ? { kind: 'SELECT_MFA_TYPE', mfaType: picked as MfaType } : undefined;
    }
    case 'CUSTOM_CHALLENGE':
      return {
        kind: 'CUSTOM_CHALLENGE',
        answer: (fields.find((f) => f.name === 'answer')?.control.value ?? '').trim(),
      };
    case 'NEW_PASSWORD_REQUIRED': {
      const attributes: Record<string, string> = {};
      for (const f of fields) {
        if (f.name.startsWith('attributes.'))
          attributes[f.name.slice('attributes.'.length)] = f.control.value;
      }
      return {
        kind: 'NEW_PASSWORD_REQUIRED',
        newPassword: newPassword?.control.value ?? '',
        attributes,
      };
    }
    default:
      return undefined;
  }
}
