/**
 * The password flows: USER_PASSWORD_AUTH sends the password itself;
 * USER_SRP_AUTH sends SRP_A and proves the password at PASSWORD_VERIFIER.
 * A remembered device's key rides along so Cognito can offer device SRP.
 */
import type { AuthSession, ChallengeOutput } from './auth-session';
import { protocol } from './sign-in-errors';
import { passwordClaim, poolNameOf } from './srp';
import type { SrpEphemeral } from './srp';

function withDevice(deviceKey: string | undefined): { DEVICE_KEY?: string } {
  return deviceKey ? { DEVICE_KEY: deviceKey } : {};
}

export function initiatePasswordAuth(
  session: AuthSession,
  password: string,
  deviceKey: string | undefined,
): Promise<ChallengeOutput> {
  return session.initiate('USER_PASSWORD_AUTH', { PASSWORD: password, ...withDevice(deviceKey) });
}

export function initiateSrpAuth(
  session: AuthSession,
  ephemeral: SrpEphemeral,
): Promise<ChallengeOutput> {
  return session.initiate('USER_SRP_AUTH', { SRP_A: ephemeral.srpA });
}

export async function answerPasswordVerifier(
  session: AuthSession,
  params: Record<string, string>,
  password: string,
  ephemeral: SrpEphemeral | undefined,
  deviceKey: string | undefined,
): Promise<ChallengeOutput> {
  const { SRP_B, SALT, SECRET_BLOCK } = params;
  if (!SRP_B || !SALT || !SECRET_BLOCK || !ephemeral || !session.userId)
    throw protocol('PASSWORD_VERIFIER without SRP_B, SALT, SECRET_BLOCK or USER_ID_FOR_SRP');
  const claim = passwordClaim({
    realm: poolNameOf(session.profile.userPoolId),
    userId: session.userId,
    password,
    ephemeral,
    serverB: SRP_B,
    salt: SALT,
    secretBlock: SECRET_BLOCK,
    now: session.now(),
  });
  return session.respond('PASSWORD_VERIFIER', { ...claim, ...withDevice(deviceKey) });
}
