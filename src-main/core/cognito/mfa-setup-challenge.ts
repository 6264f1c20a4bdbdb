/**
 * MFA_SETUP during sign-in: the Session chain AssociateSoftwareToken →
 * VerifySoftwareToken (enrollment.ts has the AccessToken chain of a user
 * already signed in). This computer can be the authenticator: the secret
 * then goes into the vault and the vault makes the code.
 */
import { AppError } from '../errors';
import type { AuthSession } from './auth-session';
import { parseMfaList } from './challenge-parameters';
import type { TotpVault } from '../ports';
import type { SignInAnswer } from './sign-in-answers';
import { protocol } from './sign-in-errors';
import { MFA_LABELS } from './step-views';
import { totpSetupView } from './totp-setup';
import { verifyNewTotp } from './totp-verification';
import type { MfaType, TotpSetupView } from './views';

export interface MfaSetup {
  options: MfaType[];
  secret: string;
  setup: TotpSetupView;
}

export async function beginMfaSetup(
  session: AuthSession,
  params: Record<string, string>,
): Promise<MfaSetup> {
  const options = parseMfaList(params.MFAS_CAN_SETUP);
  if (!options.includes('SOFTWARE_TOKEN_MFA')) {
    throw new AppError({
      code: 'MFA_SETUP_UNSUPPORTED',
      message: `The pool asks to set up ${options.map((o) => MFA_LABELS[o]).join(' or ') || 'an MFA method'} first, which this app cannot do during sign-in. Ask your administrator.`,
    });
  }
  const assoc = await session.transport.call('AssociateSoftwareToken', {
    Session: session.current,
  });
  if (!assoc.SecretCode) throw protocol('AssociateSoftwareToken returned no SecretCode');
  if (assoc.Session) session.setSession(assoc.Session);
  const setup = await totpSetupView(
    session.profile.displayName,
    session.username,
    assoc.SecretCode,
  );
  return { options, secret: assoc.SecretCode, setup };
}

/**
 * Verifies the code; the MFA_SETUP challenge itself is answered by the
 * caller. Returns the vault entry made for this computer, to link to the
 * user once the pool's username is certain.
 */
export async function verifyMfaSetup(
  session: AuthSession,
  { secret, setup }: MfaSetup,
  answer: Extract<SignInAnswer, { kind: 'MFA_SETUP' }>,
  vault: TotpVault | undefined,
  deviceName: string,
): Promise<string | undefined> {
  return verifyNewTotp(
    answer,
    { issuer: setup.issuer, account: setup.account, secret },
    vault,
    deviceName,
    async (params) => {
      const verified = await session.transport.call('VerifySoftwareToken', {
        Session: session.current,
        ...params,
      });
      if (verified.Session) session.setSession(verified.Session);
      return verified;
    },
  );
}
