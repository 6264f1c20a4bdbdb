/** AdminListUserAuthEvents (SigV4): only in pools with threat protection. */
import type { Context } from '../context.js';
import { epochSeconds } from '../context.js';
import { getPool, requireUser } from '../directory.js';
import { CognitoError } from '../errors.js';
import type { Body } from '../validate.js';
import { optionalInteger, optionalString, POOL_ID, requiredString } from '../validate.js';
import { page } from './paging.js';

const USERNAME = { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };

export function adminListUserAuthEvents(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const user = requireUser(pool, requiredString(body, 'Username', USERNAME));
  const max = optionalInteger(body, 'MaxResults', 0, 60) ?? 60;
  const token = optionalString(body, 'NextToken');
  if ((pool.advancedSecurity ?? 'OFF') === 'OFF')
    throw new CognitoError(
      'UserPoolAddOnNotEnabledException',
      'Threat protection (advanced security) is not enabled for this user pool.',
    );
  const newestFirst = [...(user.authEvents ?? [])].reverse();
  const { items, next } = page(newestFirst, max, token);
  return {
    AuthEvents: items.map((e) => ({
      EventId: e.id,
      EventType: e.type,
      CreationDate: epochSeconds(e.at),
      EventResponse: e.response,
      EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false },
      ChallengeResponses: e.challenges,
      EventContextData: { IpAddress: '127.0.0.1', DeviceName: 'Emulator client' },
    })),
    ...(next ? { NextToken: next } : {}),
  };
}
