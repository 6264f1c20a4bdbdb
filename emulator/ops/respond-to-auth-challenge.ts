import type { Context } from '../context.js';
import { checkSecretHash, findUser, getClient, poolName } from '../directory.js';
import {
  codeMismatch,
  incorrectCredentials,
  invalidParameter,
  resourceNotFound,
  sessionExpired,
} from '../errors.js';
import { opaqueToken } from '../ids.js';
import { verifyWithLockout } from '../lockout.js';
import type { AppClient, MfaType, Pool } from '../model.js';
import type { AuthSession } from '../sessions.js';
import type { AuthResponse, SignIn } from '../signin.js';
import {
  afterPassword,
  checkAccountUsable,
  missingRequiredAttributes,
  mfaChallenge,
  openChallenge,
  presentedDevice,
  secondFactor,
  tokens,
} from '../signin.js';
import {
  N,
  parseHex,
  parseTimestamp,
  serverEphemeral,
  sessionKey,
  signatureMatches,
} from '../srp.js';
import { useTotpCode } from '../totp.js';
import { checkPasswordPolicy, setPassword } from '../users.js';
import type { Body } from '../validate.js';
import {
  CLIENT_ID,
  optionalString,
  requiredEnum,
  requiredParam,
  requiredString,
  stringMap,
} from '../validate.js';
import { answerCustomChallenge } from './custom-challenge.js';
import { answerSelectChallenge } from './user-auth.js';

const CHALLENGES = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SELECT_CHALLENGE',
  'SMS_OTP',
  'WEB_AUTHN',
] as const;

/** How far TIMESTAMP may be from the server's clock. */
const TIMESTAMP_SKEW_MS = 5 * 60_000;

export function respondToAuthChallenge(ctx: Context, body: Body): AuthResponse {
  const name = requiredEnum(body, 'ChallengeName', CHALLENGES);
  if (name === 'ADMIN_NO_SRP_AUTH')
    throw invalidParameter('ADMIN_NO_SRP_AUTH is not a challenge RespondToAuthChallenge answers');
  const { pool, client } = getClient(ctx, requiredString(body, 'ClientId', CLIENT_ID));
  const responses = stringMap(body, 'ChallengeResponses');
  const sessionId = optionalString(body, 'Session', { min: 20, max: 2048 });
  const session = ctx.sessions.get(
    sessionId,
    client.id,
    name === 'PASSWORD_VERIFIER' ? responses.PASSWORD_CLAIM_SECRET_BLOCK : undefined,
  );
  const expected = session.step.kind === 'MFA' ? session.step.challenge : session.step.kind;
  if (expected !== name)
    throw invalidParameter(`The session is waiting for ${expected}, not ${name}`);

  const username = requiredParam(responses, 'USERNAME');
  checkSecretHash(client, username, responses.SECRET_HASH);
  if (name === 'PASSWORD_VERIFIER') return passwordVerifier(ctx, pool, client, session, responses);
  if (name === 'CUSTOM_CHALLENGE')
    return answerCustomChallenge(ctx, pool, client, session, responses);
  if (name === 'SELECT_CHALLENGE')
    return answerSelectChallenge(ctx, pool, client, session, responses);
  if (name === 'WEB_AUTHN')
    throw invalidParameter(
      'This emulator lists passkeys but does not verify WebAuthn assertions; choose another factor.',
    );

  const user = pool.users[session.username];
  if (!user) throw sessionExpired();
  if (findUser(pool, username) !== user) throw incorrectCredentials();
  const s: SignIn = { pool, client, user, deviceKey: session.deviceKey };
  switch (name) {
    case 'NEW_PASSWORD_REQUIRED':
      return newPassword(ctx, s, session, responses);
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return mfaCode(ctx, s, session, name, responses);
    case 'SELECT_MFA_TYPE': {
      if (session.step.kind !== 'SELECT_MFA_TYPE') throw sessionExpired();
      const answer = requiredParam(responses, 'ANSWER');
      if (!session.step.options.includes(answer as MfaType))
        throw invalidParameter(`ANSWER must be one of ${JSON.stringify(session.step.options)}`);
      ctx.sessions.end(session);
      return mfaChallenge(ctx, s, answer as MfaType);
    }
    case 'MFA_SETUP':
      if (session.step.kind !== 'MFA_SETUP' || session.step.stage !== 'verified') {
        throw invalidParameter('Answer MFA_SETUP with the Session returned by VerifySoftwareToken');
      }
      ctx.sessions.end(session);
      return tokens(ctx, s);
    case 'DEVICE_SRP_AUTH':
      return deviceSrpAuth(ctx, s, session, responses);
    case 'DEVICE_PASSWORD_VERIFIER':
      return devicePasswordVerifier(ctx, s, session, responses);
  }
}

interface Proof {
  secretBlock: string;
  signature: string;
  timestamp: string;
}

function readProof(ctx: Context, responses: Record<string, string>): Proof {
  const proof = {
    secretBlock: requiredParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK'),
    signature: requiredParam(responses, 'PASSWORD_CLAIM_SIGNATURE'),
    timestamp: requiredParam(responses, 'TIMESTAMP'),
  };
  const at = parseTimestamp(proof.timestamp);
  if (at === null)
    throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  // Cognito signs the day unpadded ("Dec 1"); a padded one or a far clock
  // can only fail the signature, and it says so as for a wrong password.
  if (/^\w+ \w+ 0/.test(proof.timestamp) || Math.abs(at - ctx.clock.now()) > TIMESTAMP_SKEW_MS)
    throw incorrectCredentials();
  return proof;
}

function proofMatches(
  step: { eph: ReturnType<typeof serverEphemeral>; A: bigint; secretBlock: string },
  verifier: bigint,
  prefix: string,
  id: string,
  proof: Proof,
): boolean {
  if (proof.secretBlock !== step.secretBlock) return false;
  const key = sessionKey(step.A, step.eph, verifier);
  return (
    key !== null &&
    signatureMatches(key, prefix, id, proof.secretBlock, proof.timestamp, proof.signature)
  );
}

function passwordVerifier(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  session: AuthSession,
  responses: Record<string, string>,
): AuthResponse {
  if (session.step.kind !== 'PASSWORD_VERIFIER') throw sessionExpired();
  const step = session.step;
  const user = step.known ? pool.users[step.userIdForSrp] : undefined;
  let proof: Proof;
  try {
    proof = readProof(ctx, responses);
    if (!user?.password || findUser(pool, requiredParam(responses, 'USERNAME')) !== user)
      throw incorrectCredentials();
  } catch (err) {
    ctx.sessions.end(session);
    throw err;
  }
  try {
    verifyWithLockout(ctx, user, () =>
      proofMatches(
        step,
        BigInt(`0x${user.password!.verifier}`),
        poolName(pool),
        step.userIdForSrp,
        proof,
      ),
    );
  } catch (err) {
    ctx.sessions.end(session);
    throw err;
  }
  // The DEVICE_KEY that counts is the one sent with this answer. A forgotten
  // device fails here with the session left open: AWS's clients retry the
  // same answer without DEVICE_KEY.
  const deviceKey = presentedDevice(user, responses.DEVICE_KEY);
  ctx.sessions.end(session);
  checkAccountUsable(ctx, pool, user);
  return afterPassword(ctx, { pool, client, user, deviceKey });
}

function newPassword(
  ctx: Context,
  s: SignIn,
  session: AuthSession,
  responses: Record<string, string>,
): AuthResponse {
  const password = requiredParam(responses, 'NEW_PASSWORD');
  checkPasswordPolicy(s.pool.passwordPolicy, password);
  const updates: Record<string, string> = {};
  for (const [key, value] of Object.entries(responses)) {
    if (!key.startsWith('userAttributes.')) continue;
    const attr = key.slice('userAttributes.'.length);
    const schema = s.pool.schema.find((a) => a.Name === attr);
    if (attr === 'sub' || (schema && !schema.Mutable && s.user.attributes[attr] !== undefined))
      throw invalidParameter(`Cannot modify an immutable attribute: ${attr}`);
    updates[attr] = value;
  }
  const missing = missingRequiredAttributes(s.pool, {
    ...s.user,
    attributes: { ...s.user.attributes, ...updates },
  });
  if (missing.length)
    throw invalidParameter(
      `Missing required attributes: ${missing.map((n) => `userAttributes.${n}`).join(', ')}`,
    );
  ctx.sessions.end(session);
  const now = ctx.clock.now();
  Object.assign(s.user.attributes, updates);
  setPassword(s.pool, s.user, password, false, now);
  s.user.status = 'CONFIRMED';
  ctx.store.touch();
  return secondFactor(ctx, s);
}

function mfaCode(
  ctx: Context,
  s: SignIn,
  session: AuthSession,
  name: MfaType | 'SMS_OTP',
  responses: Record<string, string>,
): AuthResponse {
  if (session.step.kind !== 'MFA') throw sessionExpired();
  const field = `${name}_CODE`;
  const code = requiredParam(responses, field);
  const ok =
    name === 'SOFTWARE_TOKEN_MFA'
      ? s.user.totp.secret !== null &&
        useTotpCode(s.user, s.user.totp.secret, code, ctx.clock.now())
      : code === session.step.code;
  // A wrong code leaves the session open: the user may try again.
  if (!ok) throw codeMismatch();
  ctx.sessions.end(session);
  return tokens(ctx, s);
}

function deviceSrpAuth(
  ctx: Context,
  s: SignIn,
  session: AuthSession,
  responses: Record<string, string>,
): AuthResponse {
  const deviceKey = requiredParam(responses, 'DEVICE_KEY');
  const A = parseHex(requiredParam(responses, 'SRP_A'));
  if (A === null || A % N === 0n) throw invalidParameter('SRP_A is not a valid SRP value');
  const device = s.user.devices[deviceKey];
  if (deviceKey !== session.deviceKey || !device?.verifier || !device.salt)
    throw resourceNotFound('Device does not exist.');
  ctx.sessions.end(session);
  const eph = serverEphemeral(BigInt(`0x${device.verifier}`));
  const secretBlock = opaqueToken(724);
  return openChallenge(
    ctx,
    s,
    'DEVICE_PASSWORD_VERIFIER',
    { kind: 'DEVICE_PASSWORD_VERIFIER', eph, A, secretBlock },
    {
      SRP_B: eph.B.toString(16),
      SALT: device.salt,
      SECRET_BLOCK: secretBlock,
      USERNAME: s.user.username,
      DEVICE_KEY: deviceKey,
    },
  );
}

function devicePasswordVerifier(
  ctx: Context,
  s: SignIn,
  session: AuthSession,
  responses: Record<string, string>,
): AuthResponse {
  if (session.step.kind !== 'DEVICE_PASSWORD_VERIFIER') throw sessionExpired();
  const deviceKey = requiredParam(responses, 'DEVICE_KEY');
  ctx.sessions.end(session);
  const proof = readProof(ctx, responses);
  const device = s.user.devices[deviceKey];
  if (deviceKey !== session.deviceKey || !device?.verifier)
    throw resourceNotFound('Device does not exist.');
  if (
    !proofMatches(session.step, BigInt(`0x${device.verifier}`), device.groupKey, device.key, proof)
  )
    throw incorrectCredentials();
  return tokens(ctx, s);
}
