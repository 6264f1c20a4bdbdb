/**
 * CUSTOM_AUTH: no password; the pool's triggers decide what to ask. Cognito
 * never says whether a custom answer was right: the pool's
 * DefineAuthChallenge trigger ends the sign-in (NotAuthorizedException),
 * asks again, or issues tokens. The same question coming straight back is
 * read as "not accepted, try again"; a different question is the next round.
 */
import { AppError } from '../errors';
import type { AuthSession, ChallengeOutput } from './auth-session';
import { exceptionMessage, exceptionName } from './errors';

export async function initiateCustomAuth(
  session: AuthSession,
  deviceKey: string | undefined,
): Promise<ChallengeOutput> {
  try {
    return await session.initiate('CUSTOM_AUTH', deviceKey ? { DEVICE_KEY: deviceKey } : {});
  } catch (e) {
    // DefineAuthChallenge failing at once looks like a wrong password, but none was typed.
    if (!isCustomAuthFailure(e)) throw e;
    throw new AppError({
      code: 'CUSTOM_AUTH_REFUSED',
      message:
        'The pool refused to start a custom sign-in for this username. Check the username, or ask your administrator.',
      detail: awsDetail(e),
      field: 'username',
    });
  }
}

/** `ended` runs when the pool ends the sign-in: the Session is spent and only a new start can go on. */
export async function answerCustomChallenge(
  session: AuthSession,
  answer: string,
  ended: () => void,
): Promise<ChallengeOutput> {
  if (answer.trim() === '')
    throw new AppError({ code: 'ANSWER_REQUIRED', message: 'Enter your answer.', field: 'answer' });
  try {
    return await session.respond('CUSTOM_CHALLENGE', { ANSWER: answer });
  } catch (e) {
    if (!isCustomAuthFailure(e)) throw e;
    ended();
    throw new AppError({
      code: 'CUSTOM_AUTH_FAILED',
      message:
        'The pool did not accept the answer and ended this sign-in. Choose "Start over" to try again.',
      detail: awsDetail(e),
      field: 'answer',
    });
  }
}

export function isAskedAgain(asked: Record<string, string>, out: ChallengeOutput): boolean {
  return (
    out.ChallengeName === 'CUSTOM_CHALLENGE' && sameQuestion(asked, out.ChallengeParameters ?? {})
  );
}

/** Raised after the repeated question is in place, so the person answers it with the new Session. */
export function answerRejected(): AppError {
  return new AppError({
    code: 'CUSTOM_ANSWER_REJECTED',
    message: 'That answer was not accepted. Check it and try again.',
    retryable: true,
    field: 'answer',
  });
}

/** The same public parameters, ignoring the username Cognito adds to each round. */
function sameQuestion(a: Record<string, string>, b: Record<string, string>): boolean {
  const strip = (p: Record<string, string>) =>
    Object.entries(p).filter(([k]) => k !== 'USERNAME' && k !== 'USER_ID_FOR_SRP');
  const left = strip(a);
  return left.length === strip(b).length && left.every(([k, v]) => b[k] === v);
}

/** DefineAuthChallenge said failAuthentication; Cognito words it as a wrong password. */
function isCustomAuthFailure(e: unknown): boolean {
  return (
    exceptionName(e) === 'NotAuthorizedException' &&
    /incorrect username or password/i.test(exceptionMessage(e))
  );
}

function awsDetail(e: unknown): string {
  return `${exceptionName(e) ?? 'Error'}: ${exceptionMessage(e)}`;
}
