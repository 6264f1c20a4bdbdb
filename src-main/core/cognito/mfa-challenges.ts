/** Answering the MFA code challenges and the choice between second factors. */
import { AppError } from '../errors';
import type { AuthSession, ChallengeOutput } from './auth-session';
import { parseMfaList } from './challenge-parameters';
import { MFA_LABELS } from './step-views';
import type { MfaType } from './views';

const CODE_RESPONSE: Record<MfaType | 'SMS_OTP', string> = {
  SMS_MFA: 'SMS_MFA_CODE',
  SMS_OTP: 'SMS_OTP_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
};

export function answerMfaCode(
  session: AuthSession,
  kind: MfaType | 'SMS_OTP',
  code: string,
): Promise<ChallengeOutput> {
  return session.respond(kind, { [CODE_RESPONSE[kind]]: code });
}

/** SELECT_MFA_TYPE: only a factor Cognito offered in MFAS_CAN_CHOOSE. */
export function answerMfaChoice(
  session: AuthSession,
  params: Record<string, string>,
  mfaType: MfaType,
): Promise<ChallengeOutput> {
  const options = parseMfaList(params.MFAS_CAN_CHOOSE);
  if (!options.includes(mfaType)) {
    throw new AppError({
      code: 'INVALID_CHOICE',
      message: `Choose one of: ${options.map((o) => MFA_LABELS[o]).join(', ')}.`,
      field: 'mfaType',
    });
  }
  return session.respond('SELECT_MFA_TYPE', { ANSWER: mfaType });
}
